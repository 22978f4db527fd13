import type { WebhookSubscription } from '@charla/contracts';
import { CircleAlert, KeyRound, PowerOff, TriangleAlert } from 'lucide-react';
import { useTranslation } from 'react-i18next';
import { clock } from '../../../lib/format';
import { useErrorMessage } from '../../../lib/use-error-message';
import { useNow } from '../../../lib/use-now';
import { Badge, type BadgeTone } from '../../../ui/badge';
import { Button } from '../../../ui/button';
import { formatRelative } from '../api-keys/api-key-view';
import { previousSecretUntil, type WebhookState, webhookState } from './webhook-view';
import { useUpdateWebhook } from './webhooks.api';

const STATE_TONE: Record<WebhookState, BadgeTone> = {
  active: 'green',
  failing: 'amber',
  off: 'neutral',
  disabled: 'red',
};
const STATE_DOT: Record<WebhookState, string> = {
  active: 'bg-emerald-500',
  failing: 'bg-amber-500',
  off: 'bg-neutral-400',
  disabled: 'bg-red-500',
};

/** Active, failing, off, or turned off by Charla: a badge with a dot. */
export function WebhookStateBadge({ sub }: { sub: WebhookSubscription }) {
  const { t } = useTranslation();
  const state = webhookState(sub);
  return (
    <Badge tone={STATE_TONE[state]} data-testid="webhook-state" data-state={state}>
      <span aria-hidden className={`size-1.5 rounded-full ${STATE_DOT[state]}`} />
      {t(`webhooks.state.${state}`)}
    </Badge>
  );
}

/**
 * What a person should know about a webhook's state: Charla turned it off (why, prominently, and a
 * button to turn it back on), its deliveries are failing (since when), it is off, or its previous
 * secret still signs for a while.
 */
export function WebhookStateNotice({ sub }: { sub: WebhookSubscription }) {
  const { t, i18n } = useTranslation();
  const now = useNow(30_000);
  const update = useUpdateWebhook();
  const errorMessage = useErrorMessage();
  const state = webhookState(sub);
  const oldSecretUntil = previousSecretUntil(sub, now);
  const longDate = new Intl.DateTimeFormat(i18n.language, {
    dateStyle: 'long',
    timeStyle: 'short',
    ...clock(i18n.language),
  });
  return (
    <>
      {state === 'disabled' ? (
        <div
          role="alert"
          className="flex gap-3 rounded-lg border border-red-200 bg-red-50 px-3.5 py-3 text-sm text-red-900 dark:border-red-900 dark:bg-red-950/60 dark:text-red-100"
          data-testid="webhook-disabled-notice"
        >
          <CircleAlert aria-hidden className="mt-0.5 size-4 shrink-0 text-red-600 dark:text-red-400" />
          <div className="flex min-w-0 flex-1 flex-col gap-1.5">
            <p className="font-semibold">{t('webhooks.disabled.title')}</p>
            <p>{t('webhooks.disabled.body')}</p>
            <p className="rounded-md bg-white/70 px-2.5 py-1.5 text-xs text-red-800 ring-1 ring-red-200 ring-inset dark:bg-red-950 dark:text-red-200 dark:ring-red-900">
              <span className="font-semibold">{t('webhooks.disabled.reason')}: </span>
              <span data-testid="webhook-disabled-reason">{sub.disabledReason}</span>
            </p>
            <div className="mt-1 flex flex-wrap items-center gap-2">
              <Button
                size="sm"
                onClick={() => update.mutate({ id: sub.id, enabled: true })}
                isLoading={update.isPending}
                data-testid="webhook-turn-on-again"
              >
                {t('webhooks.disabled.turnOn')}
              </Button>
              {update.error ? <span className="text-xs">{errorMessage(update.error)}</span> : null}
            </div>
          </div>
        </div>
      ) : null}
      {state === 'failing' && sub.failingSince ? (
        <p
          className="flex gap-2 rounded-lg bg-amber-50 px-3 py-2 text-sm text-amber-900 dark:bg-amber-950/60 dark:text-amber-100"
          data-testid="webhook-failing-notice"
        >
          <TriangleAlert aria-hidden className="mt-0.5 size-4 shrink-0 text-amber-600 dark:text-amber-400" />
          <span>
            <span className="font-medium" title={longDate.format(new Date(sub.failingSince))}>
              {t('webhooks.failingSince', {
                when: formatRelative(sub.failingSince, now, i18n.language, t('webhooks.justNow')),
              })}
            </span>{' '}
            {t('webhooks.failingHint')}
          </span>
        </p>
      ) : null}
      {state === 'off' ? (
        <p
          className="flex gap-2 text-sm text-neutral-600 dark:text-neutral-400"
          data-testid="webhook-off-notice"
        >
          <PowerOff aria-hidden className="mt-0.5 size-4 shrink-0 text-neutral-400" />
          {t('webhooks.offHint')}
        </p>
      ) : null}
      {oldSecretUntil ? (
        <p className="flex gap-2 text-xs text-neutral-500 dark:text-neutral-400">
          <KeyRound aria-hidden className="size-3.5 shrink-0" />
          {t('webhooks.previousSecret', { date: longDate.format(oldSecretUntil) })}
        </p>
      ) : null}
    </>
  );
}

/** The events a webhook sends, as small monospace chips. */
export function EventChips({ events }: { events: readonly string[] }) {
  return (
    <ul className="flex flex-wrap gap-1.5" data-testid="webhook-events">
      {events.map((type) => (
        <li
          key={type}
          className="rounded-md bg-neutral-100 px-1.5 py-0.5 font-mono text-xs text-neutral-700 ring-1 ring-neutral-200 ring-inset dark:bg-neutral-800 dark:text-neutral-300 dark:ring-neutral-700"
        >
          {type}
        </li>
      ))}
    </ul>
  );
}
