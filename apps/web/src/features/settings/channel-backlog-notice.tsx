import type { ChannelBacklog } from '@charla/contracts';
import { Hourglass } from 'lucide-react';
import { useTranslation } from 'react-i18next';
import { currentLocale } from '../../i18n';
import { useNow } from '../../lib/use-now';
import { Alert } from '../../ui/alert';
import { failureReason } from '../inbox/outbound/failure-reason';
import { findErrorEntry } from '../inbox/outbound/whatsapp-error-text';
import { ageParts, summariseBacklog } from './channel-backlog';

/**
 * On a number's card, only when it is behind: how many messages wait to leave and for how long,
 * how many failed in the last hour, and WhatsApp's last error in the admin's language.
 */
export function BacklogNotice({ backlog }: { backlog: ChannelBacklog | null }) {
  const { t } = useTranslation();
  const now = useNow(5_000);
  const summary = summariseBacklog(backlog, now);
  if (!summary) return null;
  const age = (ms: number) => {
    const { n, unit } = ageParts(ms);
    return t(`settings.channels.backlog.age.${unit}`, { n });
  };
  const lastError = summary.lastError;
  const reason = lastError
    ? (failureReason({ ...lastError, details: null }, currentLocale(), findErrorEntry).reason ??
      t('inbox.message.failedUnknown'))
    : null;
  return (
    <div className="mt-3" data-testid="channel-backlog">
      <Alert tone="warning">
        <div className="flex gap-2">
          <Hourglass aria-hidden className="mt-0.5 size-4 shrink-0" />
          <div className="flex flex-col gap-1">
            {summary.waiting > 0 ? (
              <p className="font-medium" data-testid="channel-backlog-waiting">
                {t('settings.channels.backlog.waiting', {
                  count: summary.waiting,
                  age: age(summary.oldestAgeMs),
                })}
              </p>
            ) : null}
            {summary.failedLastHour > 0 ? (
              <p data-testid="channel-backlog-failed">
                {t('settings.channels.backlog.failed', { count: summary.failedLastHour })}
              </p>
            ) : null}
            {lastError && reason ? (
              <p data-testid="channel-backlog-error" data-error-code={lastError.code ?? undefined}>
                {t('settings.channels.backlog.lastError', {
                  age: age(now.getTime() - Date.parse(lastError.at)),
                })}{' '}
                {reason}
                {lastError.code !== null ? ` (${t('inbox.failure.code', { code: lastError.code })})` : null}
              </p>
            ) : null}
          </div>
        </div>
      </Alert>
    </div>
  );
}
