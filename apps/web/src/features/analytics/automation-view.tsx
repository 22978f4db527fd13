import type { AutomationReport } from '@charla/contracts';
import type { TFunction } from 'i18next';
import { Workflow } from 'lucide-react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { cn } from '../../lib/cn';
import { Badge } from '../../ui/badge';
import { Card } from '../../ui/card';
import { EmptyState } from '../../ui/empty-state';
import { type Figure, figureColumns, figureCsv } from './figure-columns';
import { FlowFunnel } from './flow-funnel';
import { ReportSection } from './report-section';
import { SortableTable } from './sortable-table';

type Rule = AutomationReport['rules'][number];
type Flow = AutomationReport['flows'][number];
type Sequence = AutomationReport['sequences'][number];

type AutomationViewProps = { report: AutomationReport; fileSuffix: string };

/** What rules, bots and sequences did in the period. */
export function AutomationView({ report, fileSuffix }: AutomationViewProps) {
  const { t } = useTranslation();
  if (report.rules.length + report.flows.length + report.sequences.length === 0) {
    return (
      <Card>
        <EmptyState
          icon={Workflow}
          title={t('reports.automation.empty.title')}
          description={t('reports.automation.empty.body')}
        />
      </Card>
    );
  }
  const csvName = (title: string) => `${title.toLowerCase()}-${fileSuffix}.csv`;
  const flowsWithSessions = report.flows.filter((f) => f.started > 0 || f.active > 0);
  return (
    <div className="flex flex-col gap-4" data-testid="automation-view">
      <Table
        id="rules"
        rows={report.rules}
        figures={ruleFigures(t)}
        sortBy="fired"
        csvName={csvName}
        to={(r) => `/automation/rules/${r.id}`}
      />
      <Table
        id="flows"
        rows={report.flows}
        figures={flowFigures}
        sortBy="started"
        csvName={csvName}
        to={(r) => `/automation/bots/${r.id}`}
      />
      {flowsWithSessions.length > 0 ? (
        <div className={cn('grid min-w-0 gap-4', flowsWithSessions.length > 1 && 'lg:grid-cols-2')}>
          {flowsWithSessions.map((flow) => (
            <FlowFunnel key={flow.id} flow={flow} />
          ))}
        </div>
      ) : null}
      <Table
        id="sequences"
        rows={report.sequences}
        figures={sequenceFigures(t)}
        sortBy="enrolled"
        csvName={csvName}
        to={(r) => `/automation/sequences/${r.id}`}
      />
    </div>
  );
}

function enabledBadge(t: TFunction) {
  return (r: { enabled: boolean }) => (
    <Badge tone={r.enabled ? 'green' : 'neutral'}>
      {t(r.enabled ? 'reports.automation.on' : 'reports.automation.off')}
    </Badge>
  );
}

const ruleFigures = (t: TFunction): Figure<Rule>[] => [
  { id: 'rule', kind: 'text', get: (r) => r.name },
  {
    id: 'enabled',
    kind: 'text',
    get: (r) => t(r.enabled ? 'reports.automation.on' : 'reports.automation.off'),
    render: enabledBadge(t),
  },
  { id: 'fired', kind: 'count', get: (r) => r.fired },
  { id: 'firedEver', kind: 'count', get: (r) => r.firedEver },
  { id: 'lastFiredAt', kind: 'date', get: (r) => r.lastFiredAt },
];

const flowFigures: Figure<Flow>[] = [
  { id: 'flow', kind: 'text', get: (r) => r.name },
  { id: 'version', kind: 'count', get: (r) => r.version },
  { id: 'started', kind: 'count', get: (r) => r.started },
  { id: 'completed', kind: 'count', get: (r) => r.completed },
  { id: 'handedOff', kind: 'count', get: (r) => r.handedOff },
  { id: 'timedOut', kind: 'count', get: (r) => r.timedOut },
  { id: 'stopped', kind: 'count', get: (r) => r.stopped },
  { id: 'moved', kind: 'count', get: (r) => r.moved },
  { id: 'active', kind: 'count', get: (r) => r.active },
];

const sequenceFigures = (t: TFunction): Figure<Sequence>[] => [
  { id: 'sequence', kind: 'text', get: (r) => r.name },
  {
    id: 'enabled',
    kind: 'text',
    get: (r) => t(r.enabled ? 'reports.automation.on' : 'reports.automation.off'),
    render: enabledBadge(t),
  },
  { id: 'enrolled', kind: 'count', get: (r) => r.enrolled },
  { id: 'finished', kind: 'count', get: (r) => r.finished },
  { id: 'stoppedByReply', kind: 'count', get: (r) => r.stoppedByReply },
  { id: 'stoppedByOptOut', kind: 'count', get: (r) => r.stoppedByOptOut },
  { id: 'stoppedOther', kind: 'count', get: (r) => r.stoppedOther },
  { id: 'active', kind: 'count', get: (r) => r.active },
];

type TableProps<Row extends { id: string; name: string }> = {
  id: 'rules' | 'flows' | 'sequences';
  rows: Row[];
  figures: Figure<Row>[];
  sortBy: string;
  csvName: (title: string) => string;
  to: (row: Row) => string;
};

function Table<Row extends { id: string; name: string }>({
  id,
  rows,
  figures,
  sortBy,
  csvName,
  to,
}: TableProps<Row>) {
  const { t, i18n } = useTranslation();
  const title = t(`reports.automation.${id}`);
  // The name opens the rule, bot or sequence it counts.
  const [name, ...rest] = figures;
  const linked: Figure<Row>[] = name
    ? [
        {
          ...name,
          render: (r) => (
            <Link to={to(r)} className="hover:underline" title={r.name}>
              {r.name}
            </Link>
          ),
        },
        ...rest,
      ]
    : figures;
  return (
    <ReportSection
      title={title}
      testId={`${id}-table`}
      csv={rows.length > 0 ? { filename: csvName(title), ...figureCsv(figures, rows, t) } : undefined}
    >
      {rows.length === 0 ? (
        <p className="px-4 pb-4 text-sm text-neutral-500 dark:text-neutral-400">
          {t(`reports.automation.none.${id}`)}
        </p>
      ) : (
        <SortableTable
          testId={id}
          columns={figureColumns(linked, t, i18n.language)}
          rows={rows}
          rowKey={(r) => r.id}
          initialSort={{ id: sortBy, desc: true }}
        />
      )}
    </ReportSection>
  );
}
