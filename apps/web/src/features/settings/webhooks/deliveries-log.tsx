import type { WebhookAttempt, WebhookDelivery, WebhookSubscription } from '@charla/contracts';
import { ChevronRight, Inbox, RotateCcw } from 'lucide-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { cn } from '../../../lib/cn';
import { clock } from '../../../lib/format';
import { useErrorMessage } from '../../../lib/use-error-message';
import { useNow } from '../../../lib/use-now';
import { Alert } from '../../../ui/alert';
import { Badge, type BadgeTone } from '../../../ui/badge';
import { Button } from '../../../ui/button';
import { Card } from '../../../ui/card';
import { Spinner } from '../../../ui/spinner';
import { formatRelative } from '../api-keys/api-key-view';
import { attemptsMade, deliveriesPollMs, isSuccess, prettyJson } from './webhook-view';
import { type DeliveryStatus, useDeliveries, useReplayDelivery } from './webhooks.api';

const FILTERS: (DeliveryStatus | '')[] = ['', 'pending', 'delivered', 'failed'];
const STATUS_TONE: Record<DeliveryStatus, BadgeTone> = { pending: 'blue', delivered: 'green', failed: 'red' };

/**
 * A webhook's deliveries, newest first: type, status (a pending one says when it is tried next),
 * attempts and when; opening one shows every attempt (status or error, latency, the answer's first
 * characters) and the payload, with a button to send it again. Filtered by status, a page at a time.
 */
export function DeliveriesLog({ sub }: { sub: WebhookSubscription }) {
  const { t } = useTranslation();
  const errorMessage = useErrorMessage();
  const [status, setStatus] = useState<DeliveryStatus | ''>('');
  const [open, setOpen] = useState<ReadonlySet<string>>(new Set());
  const deliveries = useDeliveries(sub.id, status, (loaded) =>
    deliveriesPollMs(loaded, Date.now(), sub.enabled),
  );
  const rows = deliveries.data?.pages.flatMap((page) => page.data) ?? [];
  const toggle = (id: string) =>
    setOpen((current) => {
      const next = new Set(current);
      if (next.has(id)) next.delete(id);
      else next.add(id);
      return next;
    });

  return (
    <section
      aria-labelledby="webhook-deliveries-title"
      className="flex flex-col gap-3"
      data-testid="webhook-deliveries"
    >
      <div className="flex flex-wrap items-end justify-between gap-3">
        <div className="max-w-xl">
          <h3 id="webhook-deliveries-title" className="text-base font-semibold">
            {t('webhooks.deliveries.title')}
          </h3>
          <p className="mt-0.5 text-sm text-neutral-600 dark:text-neutral-400">
            {t('webhooks.deliveries.subtitle')}
          </p>
        </div>
        <div
          role="radiogroup"
          aria-label={t('webhooks.deliveries.filterLabel')}
          className="inline-flex shrink-0 rounded-lg bg-neutral-100 p-0.5 dark:bg-neutral-800"
        >
          {FILTERS.map((option) => (
            <label
              key={option || 'all'}
              data-testid={`delivery-filter-${option || 'all'}`}
              className={cn(
                'cursor-pointer rounded-md px-2.5 py-1 text-xs font-medium whitespace-nowrap',
                'has-[:focus-visible]:ring-2 has-[:focus-visible]:ring-brand-600/40',
                status === option
                  ? 'bg-white text-neutral-900 shadow-xs dark:bg-neutral-900 dark:text-neutral-100'
                  : 'text-neutral-600 hover:text-neutral-900 dark:text-neutral-400 dark:hover:text-neutral-100',
              )}
            >
              <input
                type="radio"
                className="sr-only"
                name="delivery-status"
                value={option}
                checked={status === option}
                onChange={() => setStatus(option)}
              />
              {t(`webhooks.deliveries.filter.${option || 'all'}`)}
            </label>
          ))}
        </div>
      </div>

      {deliveries.isPending ? (
        <div className="flex justify-center py-8 text-brand-600">
          <Spinner />
        </div>
      ) : deliveries.isError ? (
        <Alert tone="error">{errorMessage(deliveries.error)}</Alert>
      ) : rows.length === 0 ? (
        <Card className="flex flex-col items-center gap-2 border-dashed px-6 py-10 text-center text-sm text-neutral-500 dark:text-neutral-400">
          <Inbox aria-hidden className="size-6 text-neutral-400" />
          <p data-testid="webhook-deliveries-empty">
            {t(status ? 'webhooks.deliveries.emptyFiltered' : 'webhooks.deliveries.empty')}
          </p>
        </Card>
      ) : (
        <Card className="overflow-hidden">
          <ul
            className="divide-y divide-neutral-100 dark:divide-neutral-800"
            data-testid="webhook-delivery-list"
          >
            {rows.map((delivery) => (
              <DeliveryRow
                key={delivery.id}
                delivery={delivery}
                subscriptionId={sub.id}
                isOn={sub.enabled}
                isOpen={open.has(delivery.id)}
                onToggle={() => toggle(delivery.id)}
              />
            ))}
          </ul>
        </Card>
      )}
      {deliveries.hasNextPage ? (
        <div className="flex justify-center">
          <Button
            variant="secondary"
            onClick={() => deliveries.fetchNextPage()}
            isLoading={deliveries.isFetchingNextPage}
            data-testid="webhook-deliveries-more"
          >
            {t('webhooks.deliveries.loadMore')}
          </Button>
        </div>
      ) : null}
    </section>
  );
}

function DeliveryRow(props: {
  delivery: WebhookDelivery;
  subscriptionId: string;
  isOn: boolean;
  isOpen: boolean;
  onToggle: () => void;
}) {
  const { delivery, isOpen } = props;
  const { t, i18n } = useTranslation();
  const now = useNow(5_000);
  const replay = useReplayDelivery(props.subscriptionId);
  const errorMessage = useErrorMessage();
  const detailsId = `webhook-delivery-${delivery.id}`;
  const fullTime = new Intl.DateTimeFormat(i18n.language, {
    dateStyle: 'medium',
    timeStyle: 'medium',
    ...clock(i18n.language),
  });
  const count = attemptsMade(delivery);
  const last = delivery.log.at(-1);

  let pendingNote: string | null = null;
  if (delivery.status === 'pending') {
    if (!props.isOn) pendingNote = t('webhooks.deliveries.paused');
    else if (!delivery.nextAttemptAt || new Date(delivery.nextAttemptAt).getTime() - now.getTime() < 45_000)
      pendingNote = t('webhooks.deliveries.sendingNow');
    else
      pendingNote = t('webhooks.deliveries.nextTry', {
        when: formatRelative(delivery.nextAttemptAt, now, i18n.language),
      });
  }

  return (
    <li data-testid="webhook-delivery" data-status={delivery.status} data-type={delivery.type}>
      <button
        type="button"
        aria-expanded={isOpen}
        aria-controls={detailsId}
        aria-label={`${t('webhooks.deliveries.show')}: ${delivery.type}`}
        onClick={props.onToggle}
        className="flex w-full flex-wrap items-center gap-x-3 gap-y-1 px-4 py-3 text-left hover:bg-neutral-50 dark:hover:bg-neutral-800/50"
        data-testid="webhook-delivery-toggle"
      >
        <ChevronRight
          aria-hidden
          className={cn('size-4 shrink-0 text-neutral-400 transition-transform', isOpen && 'rotate-90')}
        />
        <code className="min-w-0 font-mono text-sm font-medium text-neutral-900 dark:text-neutral-100">
          {delivery.type}
        </code>
        <Badge tone={STATUS_TONE[delivery.status]} data-testid="webhook-delivery-status">
          {t(`webhooks.deliveries.status.${delivery.status}`)}
        </Badge>
        {last?.statusCode != null ? (
          <span
            className={cn(
              'font-mono text-xs font-medium',
              isSuccess(last) ? 'text-emerald-700 dark:text-emerald-400' : 'text-red-700 dark:text-red-400',
            )}
            data-testid="webhook-delivery-last-code"
          >
            {last.statusCode}
          </span>
        ) : null}
        {pendingNote ? (
          <span
            className="text-xs text-neutral-500 dark:text-neutral-400"
            title={delivery.nextAttemptAt ? fullTime.format(new Date(delivery.nextAttemptAt)) : undefined}
            data-testid="webhook-delivery-next"
          >
            {pendingNote}
          </span>
        ) : null}
        <span className="ml-auto flex items-center gap-3 text-xs text-neutral-500 dark:text-neutral-400">
          <span data-testid="webhook-delivery-attempts">{t('webhooks.deliveries.attempts', { count })}</span>
          <time dateTime={delivery.createdAt} title={fullTime.format(new Date(delivery.createdAt))}>
            {formatRelative(delivery.createdAt, now, i18n.language, t('webhooks.justNow'))}
          </time>
        </span>
      </button>

      {isOpen ? (
        <div
          id={detailsId}
          className="flex flex-col gap-4 border-t border-neutral-100 bg-neutral-50/70 px-4 py-4 sm:pl-11 dark:border-neutral-800 dark:bg-neutral-950/40"
          data-testid="webhook-delivery-details"
        >
          <div className="flex flex-wrap items-start justify-between gap-3">
            <p className="text-xs text-neutral-500 dark:text-neutral-400">
              {t('webhooks.deliveries.webhookId')}:{' '}
              <code className="font-mono text-neutral-700 select-all dark:text-neutral-300">
                {delivery.webhookId}
              </code>
              <span className="mx-1.5">·</span>
              {fullTime.format(new Date(delivery.createdAt))}
            </p>
            <div className="flex flex-col items-end gap-1">
              <Button
                variant="secondary"
                size="sm"
                onClick={() => replay.mutate(delivery.id)}
                isLoading={replay.isPending}
                title={t('webhooks.deliveries.replayHint')}
                data-testid="webhook-delivery-replay"
              >
                <RotateCcw aria-hidden className="size-4" />
                {t('webhooks.deliveries.replay')}
              </Button>
              {replay.error ? (
                <span className="text-xs text-red-600 dark:text-red-400">{errorMessage(replay.error)}</span>
              ) : null}
            </div>
          </div>

          <div className="flex flex-col gap-2">
            <h4 className="text-xs font-semibold tracking-wide text-neutral-500 uppercase dark:text-neutral-400">
              {t('webhooks.deliveries.attemptsTitle')}
            </h4>
            {delivery.log.length === 0 ? (
              <p className="text-sm text-neutral-500 dark:text-neutral-400">
                {t('webhooks.deliveries.noAttempts')}
              </p>
            ) : (
              <ol className="flex flex-col gap-2" data-testid="webhook-attempts">
                {delivery.log.map((attempt, i) => (
                  <AttemptItem
                    // biome-ignore lint/suspicious/noArrayIndexKey: the log only grows at its end, so an attempt's place is its identity
                    key={i}
                    attempt={attempt}
                    number={i + 1}
                    format={fullTime}
                  />
                ))}
              </ol>
            )}
          </div>

          <div className="flex flex-col gap-2">
            <h4 className="text-xs font-semibold tracking-wide text-neutral-500 uppercase dark:text-neutral-400">
              {t('webhooks.deliveries.payloadTitle')}
            </h4>
            <pre
              className="max-h-96 overflow-auto rounded-lg bg-neutral-900 px-3.5 py-3 font-mono text-xs leading-relaxed text-neutral-100 dark:bg-black"
              data-testid="webhook-delivery-payload"
            >
              {prettyJson(delivery.payload)}
            </pre>
          </div>
        </div>
      ) : null}
    </li>
  );
}

function AttemptItem({
  attempt,
  number,
  format,
}: {
  attempt: WebhookAttempt;
  number: number;
  format: Intl.DateTimeFormat;
}) {
  const { t } = useTranslation();
  const ok = isSuccess(attempt);
  return (
    <li
      className="rounded-lg border border-neutral-200 bg-white px-3 py-2.5 dark:border-neutral-800 dark:bg-neutral-900"
      data-testid="webhook-attempt"
      data-status-code={attempt.statusCode ?? ''}
    >
      <div className="flex flex-wrap items-center gap-x-3 gap-y-1 text-sm">
        <span className="font-mono text-xs text-neutral-400">#{number}</span>
        <Badge tone={ok ? 'green' : 'red'} className="font-mono" data-testid="webhook-attempt-result">
          {attempt.statusCode !== null ? `HTTP ${attempt.statusCode}` : t('webhooks.deliveries.noAnswer')}
        </Badge>
        <span
          className="font-mono text-xs text-neutral-600 dark:text-neutral-400"
          title={t('webhooks.deliveries.latency')}
          data-testid="webhook-attempt-latency"
        >
          {t('webhooks.deliveries.ms', { count: attempt.latencyMs })}
        </span>
        <time dateTime={attempt.at} className="ml-auto text-xs text-neutral-500 dark:text-neutral-400">
          {format.format(new Date(attempt.at))}
        </time>
      </div>
      {!ok && attempt.statusCode !== null ? (
        <p className="mt-1.5 text-xs text-red-700 dark:text-red-400">
          {t('webhooks.deliveries.notDelivered')}
        </p>
      ) : null}
      {attempt.statusCode === null && attempt.error ? (
        <pre
          className="mt-2 overflow-x-auto rounded-md bg-red-50 px-3 py-2 font-mono text-xs whitespace-pre-wrap text-red-800 ring-1 ring-red-200 ring-inset dark:bg-red-950/60 dark:text-red-200 dark:ring-red-900"
          data-testid="webhook-attempt-error"
        >
          {attempt.error}
        </pre>
      ) : null}
      {attempt.response !== null ? (
        <div className="mt-2">
          <p className="mb-1 text-xs font-medium text-neutral-500 dark:text-neutral-400">
            {t('webhooks.deliveries.response')}
          </p>
          <pre
            className="max-h-48 overflow-auto rounded-md bg-neutral-100 px-3 py-2 font-mono text-xs whitespace-pre-wrap break-all text-neutral-800 dark:bg-neutral-800 dark:text-neutral-200"
            data-testid="webhook-attempt-response"
          >
            {attempt.response === '' ? t('webhooks.deliveries.emptyResponse') : attempt.response}
          </pre>
        </div>
      ) : null}
    </li>
  );
}
