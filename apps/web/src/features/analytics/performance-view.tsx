import type { PerformanceFigures, PerformanceReport } from '@charla/contracts';
import { BarChart3 } from 'lucide-react';
import { useTranslation } from 'react-i18next';
import { Card } from '../../ui/card';
import { EmptyState } from '../../ui/empty-state';
import { AgentChart } from './agent-chart';
import { performanceColumns, performanceCsv, type RowKind } from './performance-columns';
import { compare, formatCount, formatDuration } from './report-format';
import { ReportSection } from './report-section';
import { SortableTable } from './sortable-table';
import { StatCard } from './stat-card';

type PerformanceViewProps = { report: PerformanceReport; fileSuffix: string };

/** Answers, resolutions and who did them: headline figures, what is open now, agents and teams. */
export function PerformanceView({ report, fileSuffix }: PerformanceViewProps) {
  const { t } = useTranslation();
  if (isEmpty(report.totals) && report.agents.length === 0 && report.now.open + report.now.pending === 0) {
    return (
      <Card>
        <EmptyState
          icon={BarChart3}
          title={t('reports.emptyPerformance.title')}
          description={t('reports.emptyPerformance.body')}
        />
      </Card>
    );
  }
  return (
    <div className="flex flex-col gap-4" data-testid="performance-view">
      <Headline report={report} />
      <NowPanel report={report} />
      <AgentChart agents={report.agents} />
      <RowsTable kind="agents" report={report} fileSuffix={fileSuffix} />
      {report.teams.length > 0 ? <RowsTable kind="teams" report={report} fileSuffix={fileSuffix} /> : null}
    </div>
  );
}

function isEmpty(f: PerformanceFigures): boolean {
  return f.assigned + f.handled + f.resolved + f.messagesSent + f.expired + f.firstResponse.count === 0;
}

function Headline({ report }: { report: PerformanceReport }) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language;
  const cur = report.totals;
  const prev = report.previousTotals;
  const measured = (count: number) => t('reports.kpi.measured', { count: formatCount(count, lang) as never });
  return (
    <div className="grid grid-cols-1 gap-3 sm:grid-cols-2 xl:grid-cols-4" data-testid="kpis">
      <StatCard
        testId="kpi-first-response"
        label={t('reports.kpi.firstResponse')}
        value={formatDuration(cur.firstResponse.medianMs, lang)}
        change={compare(cur.firstResponse.medianMs, prev.firstResponse.medianMs, 'lowerIsBetter')}
        detail={measured(cur.firstResponse.count)}
      />
      <StatCard
        testId="kpi-first-response-p90"
        label={t('reports.kpi.firstResponseP90')}
        value={formatDuration(cur.firstResponse.p90Ms, lang)}
        change={compare(cur.firstResponse.p90Ms, prev.firstResponse.p90Ms, 'lowerIsBetter')}
      />
      <StatCard
        testId="kpi-resolution"
        label={t('reports.kpi.resolution')}
        value={formatDuration(cur.resolution.medianMs, lang)}
        change={compare(cur.resolution.medianMs, prev.resolution.medianMs, 'lowerIsBetter')}
        detail={measured(cur.resolution.count)}
      />
      <StatCard
        testId="kpi-resolved"
        label={t('reports.kpi.resolved')}
        value={formatCount(cur.resolved, lang)}
        change={compare(cur.resolved, prev.resolved, 'higherIsBetter')}
      />
      <StatCard
        testId="kpi-expired"
        label={t('reports.kpi.expired')}
        value={formatCount(cur.expired, lang)}
        change={compare(cur.expired, prev.expired, 'lowerIsBetter')}
        detail={t('reports.kpi.missedOf', { count: cur.missed })}
      />
      <StatCard
        testId="kpi-queue-wait"
        label={t('reports.kpi.queueWait')}
        value={formatDuration(cur.queueWait.medianMs, lang)}
        change={compare(cur.queueWait.medianMs, prev.queueWait.medianMs, 'lowerIsBetter')}
        detail={measured(cur.queueWait.count)}
      />
      <StatCard
        testId="kpi-messages-sent"
        label={t('reports.kpi.messagesSent')}
        value={formatCount(cur.messagesSent, lang)}
        change={compare(cur.messagesSent, prev.messagesSent, 'higherIsBetter')}
      />
    </div>
  );
}

function NowPanel({ report }: { report: PerformanceReport }) {
  const { t, i18n } = useTranslation();
  const items = [
    { id: 'open', value: report.now.open },
    { id: 'pending', value: report.now.pending },
    ...(report.teams.length > 0 || report.now.waiting > 0
      ? [{ id: 'waiting', value: report.now.waiting }]
      : []),
  ];
  return (
    <Card className="flex flex-wrap items-center gap-x-6 gap-y-2 px-4 py-3" data-testid="now-panel">
      <p className="flex items-center gap-2 text-sm font-semibold">
        <span className="relative flex size-2">
          <span className="absolute inline-flex size-full animate-ping rounded-full bg-brand-400 opacity-60 motion-reduce:hidden" />
          <span className="relative inline-flex size-2 rounded-full bg-brand-500" />
        </span>
        {t('reports.now.title')}
      </p>
      {items.map((item) => (
        <p
          key={item.id}
          className="flex items-baseline gap-1.5 text-sm text-neutral-600 dark:text-neutral-400"
        >
          <span
            className="text-lg font-semibold text-neutral-900 tabular-nums dark:text-neutral-50"
            data-testid={`now-${item.id}`}
          >
            {formatCount(item.value, i18n.language)}
          </span>
          {t(`reports.now.${item.id}`)}
        </p>
      ))}
    </Card>
  );
}

function RowsTable({
  kind,
  report,
  fileSuffix,
}: {
  kind: RowKind;
  report: PerformanceReport;
  fileSuffix: string;
}) {
  const { t, i18n } = useTranslation();
  const rows = kind === 'agents' ? report.agents : report.teams;
  const title = t(`reports.${kind}.title`);
  const csv = performanceCsv(kind, rows, t);
  return (
    <ReportSection
      title={title}
      testId={`${kind}-table`}
      csv={rows.length > 0 ? { filename: `${title.toLowerCase()}-${fileSuffix}.csv`, ...csv } : undefined}
    >
      {rows.length === 0 ? (
        <p className="px-4 pb-4 text-sm text-neutral-500 dark:text-neutral-400">
          {t(`reports.${kind}.empty`)}
        </p>
      ) : (
        <SortableTable
          testId={kind}
          columns={performanceColumns(kind, t, i18n.language)}
          rows={rows}
          rowKey={(r) => r.id}
          initialSort={{ id: 'handled', desc: true }}
        />
      )}
    </ReportSection>
  );
}
