import { type Broadcast, LIMITED_AUTO_RETRIES } from '@charla/contracts';
import { Hourglass, RotateCw } from 'lucide-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useErrorMessage } from '../../lib/use-error-message';
import { Alert } from '../../ui/alert';
import { Button } from '../../ui/button';
import { Dialog, DialogClose, DialogContent } from '../../ui/dialog';
import { canManageMembers, useSession } from '../auth/require-auth';
import { useRetryLimited } from './broadcasts.api';
import { formatInZone } from './schedule-time';

/**
 * Recipients WhatsApp did not deliver to because they got too many marketing messages (131049):
 * not failures. Says when Charla sends them again by itself, and offers to do it now (owners and
 * admins, once nothing else is being sent), reminding of WhatsApp's advice to wait 24 hours.
 */
export function LimitedNotice({ broadcast: b, timeZone }: { broadcast: Broadcast; timeZone: string }) {
  const { t, i18n } = useTranslation();
  const errorMessage = useErrorMessage();
  const { role } = useSession();
  const retry = useRetryLimited(b.id);
  const [isConfirming, setConfirming] = useState(false);
  const number = new Intl.NumberFormat(i18n.language);
  const n = b.counts.limited;
  if (n === 0)
    return retry.data ? (
      <Alert>
        <span data-testid="broadcast-limited-requeued">
          {t('broadcasts.limited.requeued', {
            count: retry.data.requeued,
            n: number.format(retry.data.requeued),
          })}
        </span>
      </Alert>
    ) : null;
  const canRetry = canManageMembers(role) && (b.status === 'completed' || b.status === 'paused');
  const next =
    b.status === 'cancelled'
      ? t('broadcasts.limited.cancelled')
      : b.limitedRetryAt
        ? t('broadcasts.limited.auto', {
            count: LIMITED_AUTO_RETRIES,
            time: formatInZone(b.limitedRetryAt, i18n.language, timeZone),
          })
        : t('broadcasts.limited.autoDone', { count: LIMITED_AUTO_RETRIES });
  return (
    <Alert tone="warning" className="flex gap-2">
      <Hourglass aria-hidden className="mt-0.5 size-4 shrink-0" />
      <div className="flex min-w-0 flex-1 flex-col gap-1" data-testid="broadcast-limited" data-count={n}>
        <strong className="font-semibold">
          {t('broadcasts.limited.title', { count: n, n: number.format(n) })}
        </strong>
        <span>{t('broadcasts.limited.body')}</span>
        <span data-testid="broadcast-limited-next">{next}</span>
        {b.status === 'paused' ? <span>{t('broadcasts.limited.whenResumed')}</span> : null}
        {canRetry ? (
          <div className="mt-1 flex flex-wrap items-center gap-2">
            <Button
              variant="secondary"
              onClick={() => setConfirming(true)}
              data-testid="broadcast-retry-limited"
            >
              <RotateCw aria-hidden className="size-4" />
              {t('broadcasts.limited.retry', { count: n, n: number.format(n) })}
            </Button>
          </div>
        ) : null}
      </div>
      <Dialog open={isConfirming} onOpenChange={setConfirming}>
        {isConfirming ? (
          <DialogContent
            title={t('broadcasts.limited.confirm.title', { count: n, n: number.format(n) })}
            description={t('broadcasts.limited.confirm.body')}
          >
            {retry.isError ? <Alert tone="error">{errorMessage(retry.error)}</Alert> : null}
            <div className="mt-2 flex justify-end gap-2">
              <DialogClose asChild>
                <Button variant="secondary">{t('broadcasts.actions.keep')}</Button>
              </DialogClose>
              <Button
                isLoading={retry.isPending}
                data-testid="broadcast-retry-limited-confirm"
                onClick={() => retry.mutate(undefined, { onSuccess: () => setConfirming(false) })}
              >
                {t('broadcasts.limited.confirm.action')}
              </Button>
            </div>
          </DialogContent>
        ) : null}
      </Dialog>
    </Alert>
  );
}
