import type { Broadcast, BroadcastRecipientState } from '@charla/contracts';
import { ArrowLeft } from 'lucide-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import { useErrorMessage } from '../../lib/use-error-message';
import { Alert } from '../../ui/alert';
import { Card } from '../../ui/card';
import { Spinner } from '../../ui/spinner';
import { BroadcastActions } from './broadcast-actions';
import { BroadcastFunnel } from './broadcast-funnel';
import {
  estimateSendSeconds,
  hasBroadcastStarted,
  pollInterval,
  progressPercent,
  roundDuration,
} from './broadcast-pace';
import { BroadcastStatusBadge } from './broadcast-status-badge';
import { useBroadcast, useRecipients } from './broadcasts.api';
import { LimitedNotice } from './limited-notice';
import { OutageNotice } from './outage-notice';
import { PausedByNotice } from './paused-by-notice';
import { ProgressBar } from './progress-bar';
import { RecipientsList } from './recipients-list';
import { formatInZone } from './schedule-time';
import { useWorkspaceTimeZone } from './use-workspace-time-zone';

export function BroadcastDetailPage() {
  const { t } = useTranslation();
  const { broadcastId = '' } = useParams();
  const broadcast = useBroadcast(broadcastId);
  const errorMessage = useErrorMessage();

  return (
    <section className="flex min-h-0 flex-1 flex-col overflow-y-auto" data-testid="broadcast-detail">
      <div className="mx-auto flex w-full max-w-6xl flex-col gap-4 p-4 md:p-6">
        <Link
          to="/broadcasts"
          className="inline-flex items-center gap-1 self-start text-sm text-neutral-600 hover:text-neutral-900 dark:text-neutral-400"
        >
          <ArrowLeft aria-hidden className="size-4" />
          {t('broadcasts.title')}
        </Link>
        {broadcast.isPending ? (
          <div className="flex justify-center py-10 text-brand-600">
            <Spinner />
          </div>
        ) : broadcast.isError ? (
          <Alert tone="error">{errorMessage(broadcast.error)}</Alert>
        ) : (
          <Detail broadcast={broadcast.data} />
        )}
      </div>
    </section>
  );
}

function Detail({ broadcast }: { broadcast: Broadcast }) {
  const { t, i18n } = useTranslation();
  const timeZone = useWorkspaceTimeZone();
  const hasStarted = hasBroadcastStarted(broadcast);
  const [filter, setFilter] = useState<BroadcastRecipientState | ''>('');
  const recipients = useRecipients(
    broadcast.id,
    filter,
    hasStarted ? pollInterval(broadcast, Date.now()) : false,
  );
  // The figures come with the rows on screen, read at the same moment: they cannot disagree.
  const counts = hasStarted ? recipients.data?.pages[0]?.counts : null;
  const b = counts ? { ...broadcast, counts } : broadcast;
  const when = (iso: string) => formatInZone(iso, i18n.language, timeZone);

  return (
    <>
      <div className="flex flex-col gap-3 sm:flex-row sm:items-start sm:justify-between">
        <div className="min-w-0">
          <div className="flex flex-wrap items-center gap-2">
            <h1 className="text-xl font-semibold break-words">{b.name}</h1>
            <BroadcastStatusBadge status={b.status} />
          </div>
          <p className="mt-1 text-sm text-neutral-600 dark:text-neutral-400" data-testid="broadcast-audience">
            {describeAudience(b.audience, t)}
          </p>
          <p className="mt-1 text-sm text-neutral-600 dark:text-neutral-400">
            {t('broadcasts.detail.template', { name: b.templateName })}
            {b.startedAt ? ` · ${t('broadcasts.when.started', { time: when(b.startedAt) })}` : ''}
            {b.finishedAt ? ` · ${t('broadcasts.when.finished', { time: when(b.finishedAt) })}` : ''}
          </p>
        </div>
        <BroadcastActions broadcast={b} />
      </div>
      <StatusExplanation broadcast={b} when={when} />
      {b.outage ? <OutageNotice outage={b.outage} timeZone={timeZone} /> : null}
      {hasStarted ? <LimitedNotice broadcast={b} timeZone={timeZone} /> : null}
      {hasStarted ? (
        <>
          <Progress broadcast={b} />
          <BroadcastFunnel broadcast={b} />
          <RecipientsList
            recipients={recipients}
            filter={filter}
            onFilter={setFilter}
            isPreparing={b.status === 'preparing'}
          />
        </>
      ) : (
        <Card className="p-4 text-sm text-neutral-600 dark:text-neutral-400">
          {b.status === 'cancelled' || b.status === 'failed'
            ? t('broadcasts.neverSent')
            : t('broadcasts.detail.notStarted')}
        </Card>
      )}
    </>
  );
}

type Translate = ReturnType<typeof useTranslation>['t'];

function describeAudience(audience: Broadcast['audience'], t: Translate): string {
  if (audience.kind === 'view') return t('broadcasts.detail.audienceView');
  if (audience.kind === 'csv') return t('broadcasts.detail.audienceCsv');
  const parts: string[] = [];
  const { tags = [], attributes = [] } = audience.filters;
  if (tags.length > 0) parts.push(t('broadcasts.detail.audienceTags', { tags: tags.join(', ') }));
  if (attributes.length > 0)
    parts.push(t('broadcasts.detail.audienceConditions', { keys: attributes.map((a) => a.key).join(', ') }));
  return parts.length > 0 ? parts.join(' · ') : t('broadcasts.detail.audienceAll');
}

function StatusExplanation({ broadcast: b, when }: { broadcast: Broadcast; when: (iso: string) => string }) {
  const { t } = useTranslation();
  switch (b.status) {
    case 'scheduled':
      return (
        <Alert>
          {t('broadcasts.explain.scheduled', { time: b.scheduledAt ? when(b.scheduledAt) : '—' })}
        </Alert>
      );
    case 'draft':
      return <Alert>{t('broadcasts.explain.draft')}</Alert>;
    case 'preparing':
      return <Alert>{t('broadcasts.explain.preparing')}</Alert>;
    case 'waiting_limit':
      return (
        <Alert tone="warning" className="flex flex-col gap-1">
          <span data-testid="explain-waiting-limit">{t('broadcasts.explain.waitingLimit')}</span>
        </Alert>
      );
    case 'paused':
      return b.pausedBy ? (
        <PausedByNotice pausedBy={b.pausedBy} />
      ) : (
        <Alert tone="warning">{t('broadcasts.explain.paused')}</Alert>
      );
    case 'cancelled':
      return <Alert tone="warning">{t('broadcasts.explain.cancelled')}</Alert>;
    case 'failed':
      return <Alert tone="error">{b.error ?? t('broadcasts.explain.failed')}</Alert>;
    default:
      return null;
  }
}

function Progress({ broadcast: b }: { broadcast: Broadcast }) {
  const { t, i18n } = useTranslation();
  const number = new Intl.NumberFormat(i18n.language);
  const percent = progressPercent(b.counts, b.status);
  const handled = b.counts.total - b.counts.queued;
  const remaining = roundDuration(estimateSendSeconds(b.counts.queued, b.ratePerSecond));
  const isMoving = b.status === 'sending' || b.status === 'preparing';
  return (
    <Card
      className="flex flex-col gap-3 p-4 md:p-5"
      data-testid="broadcast-progress-card"
      data-percent={percent}
    >
      <div className="flex flex-wrap items-baseline justify-between gap-2">
        <p className="text-sm">
          <strong className="text-2xl font-semibold tabular-nums" data-testid="broadcast-percent">
            {percent} %
          </strong>{' '}
          <span className="text-neutral-600 dark:text-neutral-400">
            {t('broadcasts.detail.handled', {
              done: number.format(handled),
              total: number.format(b.counts.total),
            })}
          </span>
        </p>
        {isMoving && !b.outage && b.counts.queued > 0 ? (
          <p className="text-xs text-neutral-500 dark:text-neutral-400">
            {t('broadcasts.detail.remaining', {
              duration: t(`broadcasts.duration.${remaining.unit}`, {
                count: remaining.value,
                n: number.format(remaining.value),
              }),
              rate: number.format(b.ratePerSecond),
            })}
          </p>
        ) : null}
      </div>
      <ProgressBar
        percent={percent}
        tone={isMoving || b.status === 'completed' ? 'brand' : 'amber'}
        label={t('broadcasts.progressLabel', { percent })}
      />
    </Card>
  );
}
