import type { BroadcastRecipient, BroadcastRecipientState, Locale } from '@charla/contracts';
import { findWhatsAppError } from '@charla/contracts/whatsapp-errors';
import { useTranslation } from 'react-i18next';
import { cn } from '../../lib/cn';
import { formatPhone } from '../../lib/phone-number';
import { useErrorMessage } from '../../lib/use-error-message';
import { Alert } from '../../ui/alert';
import { Badge, type BadgeTone } from '../../ui/badge';
import { Button } from '../../ui/button';
import { Card } from '../../ui/card';
import { Spinner } from '../../ui/spinner';
import type { useRecipients } from './broadcasts.api';
import { formatInZone } from './schedule-time';
import { useWorkspaceTimeZone } from './use-workspace-time-zone';

const states: BroadcastRecipientState[] = [
  'queued',
  'sent',
  'delivered',
  'read',
  'replied',
  'failed',
  'limited',
  'skipped',
];
const tones: Record<BroadcastRecipientState, BadgeTone> = {
  queued: 'neutral',
  sent: 'blue',
  delivered: 'blue',
  read: 'brand',
  replied: 'green',
  failed: 'red',
  limited: 'amber',
  skipped: 'neutral',
};

/**
 * Who got what, filterable by state, 50 at a time. The query lives in the detail page, whose
 * figures come from its first page. While another filter's rows stand in for this one's
 * (placeholder) or the audience is still being written, an empty list means "not yet", not "none".
 */
export function RecipientsList({
  recipients,
  filter: state,
  onFilter: setState,
  isPreparing,
}: {
  recipients: ReturnType<typeof useRecipients>;
  filter: BroadcastRecipientState | '';
  onFilter: (state: BroadcastRecipientState | '') => void;
  isPreparing: boolean;
}) {
  const { t } = useTranslation();
  const errorMessage = useErrorMessage();
  const items = recipients.data?.pages.flatMap((page) => page.items) ?? [];
  const isWaiting =
    recipients.isPending || (items.length === 0 && (recipients.isPlaceholderData || isPreparing));

  return (
    <Card className="flex flex-col" data-testid="broadcast-recipients">
      <div className="flex flex-col gap-3 border-b border-neutral-100 p-4 dark:border-neutral-800">
        <h2 className="text-base font-semibold">{t('broadcasts.recipients.title')}</h2>
        <fieldset className="-mx-1 flex gap-1.5 overflow-x-auto px-1 pb-1">
          <legend className="sr-only">{t('broadcasts.recipients.filter')}</legend>
          {(['', ...states] as const).map((value) => (
            <button
              key={value || 'all'}
              type="button"
              aria-pressed={state === value}
              data-testid={`recipients-filter-${value || 'all'}`}
              onClick={() => setState(value)}
              className={cn(
                'shrink-0 rounded-full px-3 py-1 text-xs font-medium ring-1 ring-inset',
                state === value
                  ? 'bg-brand-600 text-white ring-brand-600'
                  : 'text-neutral-700 ring-neutral-200 hover:bg-neutral-50 dark:text-neutral-300 dark:ring-neutral-700 dark:hover:bg-neutral-800',
              )}
            >
              {value ? t(`broadcasts.recipientState.${value}`) : t('broadcasts.recipients.all')}
            </button>
          ))}
        </fieldset>
      </div>
      {isWaiting ? (
        <div className="flex justify-center py-8 text-brand-600" data-testid="recipients-loading">
          <Spinner />
        </div>
      ) : recipients.isError ? (
        <Alert tone="error" className="m-4">
          {errorMessage(recipients.error)}
        </Alert>
      ) : items.length === 0 ? (
        <p
          className="p-6 text-center text-sm text-neutral-500 dark:text-neutral-400"
          data-testid="recipients-empty"
        >
          {t('broadcasts.recipients.empty')}
        </p>
      ) : (
        <ul className="divide-y divide-neutral-100 dark:divide-neutral-800">
          {items.map((recipient) => (
            <RecipientRow key={recipient.id} recipient={recipient} />
          ))}
        </ul>
      )}
      {recipients.hasNextPage ? (
        <Button
          variant="secondary"
          className="m-4 self-center"
          isLoading={recipients.isFetchingNextPage}
          onClick={() => void recipients.fetchNextPage()}
        >
          {t('broadcasts.recipients.more')}
        </Button>
      ) : null}
    </Card>
  );
}

function RecipientRow({ recipient: r }: { recipient: BroadcastRecipient }) {
  const { t, i18n } = useTranslation();
  const timeZone = useWorkspaceTimeZone();
  const locale: Locale = i18n.language === 'en' ? 'en' : 'es';
  const lastAt = r.repliedAt ?? r.readAt ?? r.deliveredAt ?? r.sentAt;
  const entry = r.error?.code != null ? findWhatsAppError(r.error.code) : null;
  return (
    <li
      className="flex flex-col gap-1 px-4 py-3 text-sm sm:flex-row sm:items-center sm:gap-4"
      data-testid="recipient-row"
      data-state={r.state}
    >
      <div className="min-w-0 flex-1">
        <p className="truncate font-medium">{r.name ?? formatPhone(r.phone)}</p>
        {r.name ? <p className="text-xs text-neutral-500 tabular-nums">{formatPhone(r.phone)}</p> : null}
        {r.error ? (
          <p
            className={cn(
              'mt-1 text-xs',
              r.state === 'limited' ? 'text-amber-800 dark:text-amber-300' : 'text-red-700 dark:text-red-400',
            )}
          >
            {entry ? entry[locale] : r.error.reason}
            {r.error.code !== null ? ` (${r.error.code})` : ''}
          </p>
        ) : null}
        {r.state === 'limited' ? (
          <p className="mt-0.5 text-xs text-neutral-500" data-testid="recipient-retry">
            {r.retryAt
              ? t('broadcasts.recipients.retryAt', { time: formatInZone(r.retryAt, i18n.language, timeZone) })
              : t('broadcasts.recipients.noRetry')}
          </p>
        ) : null}
      </div>
      <div className="flex items-center gap-3">
        <Badge tone={tones[r.state]}>{t(`broadcasts.recipientState.${r.state}`)}</Badge>
        {lastAt ? (
          <span className="text-xs text-neutral-500 tabular-nums">
            {formatInZone(lastAt, i18n.language, timeZone)}
          </span>
        ) : null}
      </div>
    </li>
  );
}
