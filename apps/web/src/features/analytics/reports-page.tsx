import { RefreshCw } from 'lucide-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useSearchParams } from 'react-router';
import { cn } from '../../lib/cn';
import { clock, formatTime } from '../../lib/format';
import { useErrorMessage } from '../../lib/use-error-message';
import { Alert } from '../../ui/alert';
import { Button } from '../../ui/button';
import { Spinner } from '../../ui/spinner';
import { canManageMembers, useSession } from '../auth/require-auth';
import { AutomationView } from './automation-view';
import { CampaignsView } from './campaigns-view';
import { CsatView } from './csat-view';
import { HowWeCount } from './how-we-count';
import { PerformanceView } from './performance-view';
import { ReportControls } from './report-controls';
import { browserTimeZone, type PresetId, presetRange } from './report-period';
import {
  type FilterName,
  type ReportFilters,
  TAB_FILTERS,
  useAutomationReport,
  useCampaignsReport,
  useCsatReport,
  usePerformanceReport,
  useRefreshReports,
  useSlaReport,
  useVolumeReport,
} from './reports.api';
import { SlaView } from './sla-view';
import { VolumeView } from './volume-view';

const VIEWS = ['performance', 'volume', 'sla', 'campaigns', 'automation', 'csat'] as const;
type View = (typeof VIEWS)[number];
/** What an agent sees (their own figures): the rest is the owners' and admins'. */
const AGENT_VIEWS: readonly View[] = ['performance', 'csat'];

/**
 * Reports: performance and satisfaction for everyone (an agent sees their own); volume, SLA,
 * campaigns and automation for owners and admins.
 */
export function ReportsPage() {
  const { t } = useTranslation();
  const { role } = useSession();
  const isManager = canManageMembers(role);
  const [params, setParams] = useSearchParams();
  const views = isManager ? VIEWS : AGENT_VIEWS;
  const asked = params.get('view');
  const view: View = views.find((v) => v === asked) ?? 'performance';
  const [preset, setPreset] = useState<PresetId>('last7');
  const [filters, setFilters] = useState<ReportFilters>(() => ({
    ...presetRange('last7', new Date()),
    tz: browserTimeZone(),
    time: 'business',
    channelId: '',
    teamId: '',
    agentId: '',
  }));
  const performance = usePerformanceReport(filters);
  const volume = useVolumeReport(filters, isManager && view === 'volume');
  const sla = useSlaReport(filters, isManager && view === 'sla');
  const campaigns = useCampaignsReport(filters, isManager && view === 'campaigns');
  const automation = useAutomationReport(filters, isManager && view === 'automation');
  const csat = useCsatReport(filters, view === 'csat');
  const active = { performance, volume, sla, campaigns, automation, csat }[view];
  // Campaigns and automation read their tables live: the time shown is the other figures'.
  const refreshedAt =
    (view === 'volume' ? volume.data?.refreshedAt : view === 'sla' ? sla.data?.refreshedAt : null) ??
    performance.data?.refreshedAt ??
    null;
  const fileSuffix = `${filters.from}_${filters.to}`;

  return (
    <section className="flex min-h-0 flex-1 flex-col overflow-y-auto" data-testid="reports-page">
      <div className="mx-auto flex w-full max-w-7xl flex-col gap-4 p-4 md:p-6">
        <div className="flex flex-wrap items-start justify-between gap-3">
          <div>
            <h1 className="text-xl font-semibold">{t('reports.title')}</h1>
            <p className="text-sm text-neutral-600 dark:text-neutral-400">{t('reports.subtitle')}</p>
          </div>
          <Freshness refreshedAt={refreshedAt} canRefresh={isManager} />
        </div>

        <ReportControls
          filters={filters}
          preset={preset}
          isManager={isManager}
          shown={TAB_FILTERS[view]}
          onPreset={setPreset}
          onChange={(patch) => setFilters((f) => ({ ...f, ...patch }))}
        />

        {views.length > 1 ? (
          <div
            role="tablist"
            className="-mx-4 flex gap-1 overflow-x-auto border-b border-neutral-200 px-4 md:mx-0 md:px-0 dark:border-neutral-800"
          >
            {views.map((id) => (
              <button
                key={id}
                type="button"
                role="tab"
                aria-selected={view === id}
                data-testid={`reports-tab-${id}`}
                // On a phone the tabs scroll sideways: the one on show is brought into view.
                ref={
                  view === id
                    ? (el) => el?.scrollIntoView({ block: 'nearest', inline: 'nearest' })
                    : undefined
                }
                onClick={() => setParams(id === 'performance' ? {} : { view: id }, { replace: true })}
                className={cn(
                  '-mb-px shrink-0 border-b-2 px-3 py-2 text-sm font-medium whitespace-nowrap transition-colors',
                  view === id
                    ? 'border-brand-600 text-brand-700 dark:border-brand-400 dark:text-brand-300'
                    : 'border-transparent text-neutral-500 hover:text-neutral-800 dark:text-neutral-400 dark:hover:text-neutral-100',
                )}
              >
                {t(`reports.tabs.${id}`)}
              </button>
            ))}
          </div>
        ) : null}

        {active.data ? (
          <PeriodLine
            period={active.data.period}
            previous={'previousPeriod' in active.data ? active.data.previousPeriod : null}
          />
        ) : null}
        {filters.time === 'business' &&
        (TAB_FILTERS[view] as readonly FilterName[]).includes('time') &&
        performance.data &&
        !performance.data.businessTime ? (
          <Alert tone="info" className="flex flex-wrap items-center justify-between gap-2">
            <span data-testid="no-business-hours">{t('reports.noBusinessHours')}</span>
            {isManager ? (
              <Link to="/settings/hours" className="font-medium underline underline-offset-2">
                {t('reports.setHours')}
              </Link>
            ) : null}
          </Alert>
        ) : null}

        <div className={cn('transition-opacity', active.isPlaceholderData && 'opacity-60')}>
          {view === 'sla' ? (
            // The targets can be set before any report comes back.
            <>
              {sla.isError ? <LoadError error={sla.error} onRetry={() => void sla.refetch()} /> : null}
              <SlaView report={sla.data} fileSuffix={fileSuffix} />
            </>
          ) : active.isPending ? (
            <div className="flex justify-center py-16 text-brand-600" data-testid="reports-loading">
              <Spinner />
            </div>
          ) : active.isError ? (
            <LoadError error={active.error} onRetry={() => void active.refetch()} />
          ) : view === 'volume' && volume.data ? (
            <VolumeView report={volume.data} timeZone={filters.tz} fileSuffix={fileSuffix} />
          ) : view === 'campaigns' && campaigns.data ? (
            <CampaignsView report={campaigns.data} fileSuffix={fileSuffix} />
          ) : view === 'automation' && automation.data ? (
            <AutomationView report={automation.data} fileSuffix={fileSuffix} />
          ) : view === 'csat' && csat.data ? (
            <CsatView report={csat.data} fileSuffix={fileSuffix} isManager={isManager} />
          ) : performance.data ? (
            <PerformanceView report={performance.data} fileSuffix={fileSuffix} />
          ) : null}
        </div>

        <HowWeCount view={view} />
      </div>
    </section>
  );
}

function LoadError({ error, onRetry }: { error: unknown; onRetry(): void }) {
  const { t } = useTranslation();
  const errorMessage = useErrorMessage();
  return (
    <Alert tone="error" className="flex flex-wrap items-center justify-between gap-2">
      <span>
        {t('reports.loadError')} {errorMessage(error)}
      </span>
      <Button variant="secondary" size="sm" onClick={onRetry}>
        {t('common.retry')}
      </Button>
    </Alert>
  );
}

function PeriodLine({
  period,
  previous,
}: {
  period: { from: string; to: string };
  previous: { from: string; to: string } | null;
}) {
  const { t, i18n } = useTranslation();
  const format = new Intl.DateTimeFormat(i18n.language, {
    day: 'numeric',
    month: 'short',
    year: 'numeric',
    timeZone: 'UTC',
  });
  const day = (d: string) => new Date(`${d}T00:00:00Z`);
  const range = (p: { from: string; to: string }) => format.formatRange(day(p.from), day(p.to));
  return (
    <p className="text-sm text-neutral-600 dark:text-neutral-400" data-testid="report-period">
      <span className="font-medium text-neutral-900 dark:text-neutral-100">{range(period)}</span>
      {previous ? (
        <>
          <span className="mx-1.5">·</span>
          {t('reports.vsPrevious', {
            from: format.format(day(previous.from)),
            to: format.format(day(previous.to)),
          })}
        </>
      ) : null}
    </p>
  );
}

function Freshness({ refreshedAt, canRefresh }: { refreshedAt: string | null; canRefresh: boolean }) {
  const { t, i18n } = useTranslation();
  const refresh = useRefreshReports();
  const errorMessage = useErrorMessage();
  const isToday = refreshedAt !== null && new Date(refreshedAt).toDateString() === new Date().toDateString();
  const when =
    refreshedAt === null
      ? null
      : isToday
        ? formatTime(refreshedAt, i18n.language)
        : new Intl.DateTimeFormat(i18n.language, {
            dateStyle: 'medium',
            timeStyle: 'short',
            ...clock(i18n.language),
          }).format(new Date(refreshedAt));
  return (
    <div className="flex flex-col items-start gap-1 sm:items-end">
      <div className="flex items-center gap-3">
        <p
          className="text-xs text-neutral-500 dark:text-neutral-400"
          title={t('reports.trails')}
          data-testid="reports-updated"
        >
          {when ? t('reports.updatedAt', { when }) : t('reports.neverUpdated')}
        </p>
        {canRefresh ? (
          <Button
            variant="secondary"
            size="sm"
            onClick={() => refresh.mutate()}
            isLoading={refresh.isPending}
            data-testid="reports-refresh"
          >
            {refresh.isPending ? null : <RefreshCw aria-hidden className="size-4" />}
            {t('reports.refresh')}
          </Button>
        ) : null}
      </div>
      {refresh.isError ? <p className="text-xs text-red-600">{errorMessage(refresh.error)}</p> : null}
    </div>
  );
}
