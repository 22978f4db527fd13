import { type Broadcast, NUMBER_DISCONNECTED_CODE } from '@charla/contracts';
import { AlertTriangle, Ban, FileCheck2, Gauge, Megaphone, Plus } from 'lucide-react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { useErrorMessage } from '../../lib/use-error-message';
import { Alert } from '../../ui/alert';
import { buttonClasses } from '../../ui/button';
import { Card } from '../../ui/card';
import { EmptyState } from '../../ui/empty-state';
import { Spinner } from '../../ui/spinner';
import { isActive, progressPercent } from './broadcast-pace';
import { BroadcastStatusBadge } from './broadcast-status-badge';
import { useBroadcasts } from './broadcasts.api';
import { ProgressBar } from './progress-bar';
import { formatInZone } from './schedule-time';
import { useWorkspaceTimeZone } from './use-workspace-time-zone';

export function BroadcastsPage() {
  const { t } = useTranslation();
  const broadcasts = useBroadcasts();
  const errorMessage = useErrorMessage();

  return (
    <section
      className="flex min-h-0 flex-1 flex-col gap-4 overflow-y-auto p-4 md:p-6"
      data-testid="broadcasts-page"
    >
      <div className="flex flex-wrap items-center justify-between gap-3">
        <div>
          <h1 className="text-xl font-semibold">{t('broadcasts.title')}</h1>
          <p className="text-sm text-neutral-600 dark:text-neutral-400">{t('broadcasts.subtitle')}</p>
        </div>
        <Link to="/broadcasts/new" className={buttonClasses('primary')} data-testid="broadcast-new">
          <Plus aria-hidden className="size-4" />
          {t('broadcasts.new')}
        </Link>
      </div>
      {broadcasts.isPending ? (
        <div className="flex justify-center py-10 text-brand-600">
          <Spinner />
        </div>
      ) : broadcasts.isError ? (
        <Alert tone="error">{errorMessage(broadcasts.error)}</Alert>
      ) : broadcasts.data.length === 0 ? (
        <Card>
          <EmptyState
            icon={Megaphone}
            title={t('broadcasts.empty.title')}
            description={<EmptyExplainer />}
            action={
              <Link to="/broadcasts/new" className={buttonClasses('primary')}>
                {t('broadcasts.new')}
              </Link>
            }
          />
        </Card>
      ) : (
        <Card className="divide-y divide-neutral-100 dark:divide-neutral-800">
          <div className="hidden grid-cols-[minmax(0,2fr)_8rem_minmax(0,1.3fr)_minmax(0,2fr)] gap-4 px-4 py-3 text-xs font-medium text-neutral-500 lg:grid dark:text-neutral-400">
            <span>{t('broadcasts.columns.name')}</span>
            <span>{t('broadcasts.columns.status')}</span>
            <span>{t('broadcasts.columns.when')}</span>
            <span>{t('broadcasts.columns.results')}</span>
          </div>
          {broadcasts.data.map((broadcast) => (
            <BroadcastRow key={broadcast.id} broadcast={broadcast} />
          ))}
        </Card>
      )}
    </section>
  );
}

function EmptyExplainer() {
  const { t } = useTranslation();
  const points = [
    { icon: FileCheck2, text: t('broadcasts.empty.templates') },
    { icon: Ban, text: t('broadcasts.empty.optOut') },
    { icon: Gauge, text: t('broadcasts.empty.limits') },
  ];
  return (
    <div className="flex flex-col gap-3">
      <p>{t('broadcasts.empty.body')}</p>
      <ul className="flex flex-col gap-2 text-left">
        {points.map(({ icon: Icon, text }) => (
          <li key={text} className="flex gap-2">
            <Icon aria-hidden className="mt-0.5 size-4 shrink-0 text-brand-600" />
            <span>{text}</span>
          </li>
        ))}
      </ul>
    </div>
  );
}

function BroadcastRow({ broadcast: b }: { broadcast: Broadcast }) {
  const { t, i18n } = useTranslation();
  const timeZone = useWorkspaceTimeZone();
  const when =
    b.status === 'scheduled' && b.scheduledAt
      ? t('broadcasts.when.scheduled', { time: formatInZone(b.scheduledAt, i18n.language, timeZone) })
      : b.startedAt
        ? t('broadcasts.when.started', { time: formatInZone(b.startedAt, i18n.language, timeZone) })
        : t('broadcasts.when.created', { time: formatInZone(b.createdAt, i18n.language, timeZone) });
  const percent = progressPercent(b.counts, b.status);
  const number = new Intl.NumberFormat(i18n.language);
  const figures = [
    ['sent', b.counts.sent],
    ['delivered', b.counts.delivered],
    ['read', b.counts.read],
    ['replied', b.counts.replied],
    ['failed', b.counts.failed],
    ...(b.counts.limited > 0 ? ([['limited', b.counts.limited]] as const) : []),
  ] as const;
  return (
    <Link
      to={`/broadcasts/${b.id}`}
      data-testid="broadcast-row"
      className="grid grid-cols-1 gap-2 px-4 py-3 hover:bg-neutral-50 lg:grid-cols-[minmax(0,2fr)_8rem_minmax(0,1.3fr)_minmax(0,2fr)] lg:items-center lg:gap-4 dark:hover:bg-neutral-800/50"
    >
      <div className="flex min-w-0 items-start justify-between gap-2">
        <div className="min-w-0">
          <p className="truncate font-medium">{b.name}</p>
          <p className="truncate text-xs text-neutral-500 dark:text-neutral-400">{b.templateName}</p>
          {b.outage || b.pausedBy ? (
            <p
              className="mt-0.5 flex items-center gap-1 text-xs text-amber-700 dark:text-amber-300"
              data-testid="broadcast-row-alert"
            >
              <AlertTriangle aria-hidden className="size-3.5 shrink-0" />
              {b.pausedBy?.code === NUMBER_DISCONNECTED_CODE
                ? t('broadcasts.rowAlert.numberDisconnected')
                : b.pausedBy
                  ? t('broadcasts.rowAlert.pausedBy', { code: b.pausedBy.code })
                  : t('broadcasts.rowAlert.outage')}
            </p>
          ) : null}
        </div>
        <span className="lg:hidden">
          <BroadcastStatusBadge status={b.status} />
        </span>
      </div>
      <span className="hidden lg:block">
        <BroadcastStatusBadge status={b.status} />
      </span>
      <span className="text-xs text-neutral-600 tabular-nums dark:text-neutral-400">{when}</span>
      <div className="flex flex-col gap-1.5">
        {isActive(b.status) || b.status === 'paused' ? (
          <div className="flex items-center gap-2">
            <ProgressBar
              size="sm"
              percent={percent}
              tone={b.status === 'sending' || b.status === 'preparing' ? 'brand' : 'amber'}
              label={t('broadcasts.progressLabel', { percent })}
            />
            <span className="shrink-0 text-xs whitespace-nowrap tabular-nums">{percent} %</span>
          </div>
        ) : null}
        {!b.startedAt ? (
          <span className="text-xs text-neutral-500">
            {b.status === 'cancelled' || b.status === 'failed'
              ? t('broadcasts.neverSent')
              : t('broadcasts.notSentYet')}
          </span>
        ) : (
          <dl className="flex flex-wrap gap-x-3 gap-y-1 text-xs text-neutral-600 dark:text-neutral-400">
            {figures.map(([key, value]) => (
              <div key={key} className="flex gap-1">
                <dt>{t(`broadcasts.figures.${key}`)}</dt>
                <dd
                  className={
                    key === 'failed' && value > 0
                      ? 'font-semibold text-red-600 tabular-nums'
                      : key === 'limited'
                        ? 'font-semibold text-amber-700 tabular-nums dark:text-amber-300'
                        : 'font-semibold text-neutral-900 tabular-nums dark:text-neutral-100'
                  }
                >
                  {number.format(value)}
                </dd>
              </div>
            ))}
          </dl>
        )}
      </div>
    </Link>
  );
}
