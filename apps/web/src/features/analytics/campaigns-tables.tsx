import type { CampaignBroadcastRow, CampaignTemplateRow } from '@charla/contracts';
import type { TFunction } from 'i18next';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { Tooltip } from '../../ui/tooltip';
import { type Figure, figureColumns, figureCsv } from './figure-columns';
import { formatCount } from './report-format';
import { ReportSection } from './report-section';
import { SortableTable } from './sortable-table';

type Failures = CampaignBroadcastRow['failures'];

/** "Not on WhatsApp (131026): 3 · …": the reasons a send failed, for a tooltip or a CSV cell. */
export function failureText(failures: Failures, language: string): string {
  return failures
    .map((f) => `${f.reason}${f.code === null ? '' : ` (${f.code})`}: ${formatCount(f.count, language)}`)
    .join(' · ');
}

function FailedCell({ count, failures }: { count: number; failures: Failures }) {
  const { i18n } = useTranslation();
  const text = formatCount(count, i18n.language);
  if (count === 0 || failures.length === 0) return <>{text}</>;
  return (
    <Tooltip label={failureText(failures, i18n.language)} side="top">
      <button
        type="button"
        className="cursor-help font-medium text-red-700 underline decoration-dotted underline-offset-2 dark:text-red-400"
        data-testid="failed-reasons"
      >
        {text}
      </button>
    </Tooltip>
  );
}

type Reception = Pick<
  CampaignTemplateRow,
  | 'sent'
  | 'delivered'
  | 'read'
  | 'replied'
  | 'failed'
  | 'limited'
  | 'failures'
  | 'deliveryRate'
  | 'readRate'
  | 'replyRate'
>;

function receptionFigures<Row extends Reception>(language: string): Figure<Row>[] {
  return [
    { id: 'sent', kind: 'count', get: (r) => r.sent },
    { id: 'delivered', kind: 'count', get: (r) => r.delivered },
    { id: 'read', kind: 'count', get: (r) => r.read },
    { id: 'replied', kind: 'count', get: (r) => r.replied },
    {
      id: 'failed',
      kind: 'count',
      get: (r) => r.failed,
      render: (r) => <FailedCell count={r.failed} failures={r.failures} />,
    },
    { id: 'limited', kind: 'count', get: (r) => r.limited },
    { id: 'deliveryRate', kind: 'rate', get: (r) => r.deliveryRate },
    { id: 'readRate', kind: 'rate', get: (r) => r.readRate },
    { id: 'replyRate', kind: 'rate', get: (r) => r.replyRate },
    { id: 'failureReasons', kind: 'text', get: (r) => failureText(r.failures, language) || null },
  ];
}

/** The failure reasons are in the tooltip on the page; only the CSV has them as a column. */
const onPage = <Row,>(figures: Figure<Row>[]) => figures.filter((f) => f.id !== 'failureReasons');

function broadcastFigures(t: TFunction, language: string): Figure<CampaignBroadcastRow>[] {
  return [
    {
      id: 'broadcast',
      kind: 'text',
      get: (r) => r.name,
      render: (r) => (
        <Link to={`/broadcasts/${r.id}`} className="hover:underline" title={r.name}>
          {r.name}
        </Link>
      ),
    },
    { id: 'template', kind: 'text', get: (r) => r.templateName },
    { id: 'startedAt', kind: 'date', get: (r) => r.startedAt },
    {
      id: 'status',
      kind: 'text',
      get: (r) => r.status,
      render: (r) => t(`broadcasts.status.${r.status}`, { defaultValue: r.status }),
    },
    { id: 'recipients', kind: 'count', get: (r) => r.recipients },
    ...receptionFigures<CampaignBroadcastRow>(language),
    { id: 'optedOut', kind: 'count', get: (r) => r.optedOut },
    { id: 'optOutRate', kind: 'rate', get: (r) => r.optOutRate },
  ];
}

function templateFigures(t: TFunction, language: string): Figure<CampaignTemplateRow>[] {
  return [
    { id: 'template', kind: 'text', get: (r) => r.name },
    { id: 'language', kind: 'text', get: (r) => r.language },
    {
      id: 'category',
      kind: 'text',
      get: (r) => r.category,
      render: (r) => t(`reports.campaigns.category.${r.category}`, { defaultValue: r.category }),
    },
    { id: 'byBroadcasts', kind: 'count', get: (r) => r.byBroadcasts },
    { id: 'byAgents', kind: 'count', get: (r) => r.byAgents },
    { id: 'byAutomation', kind: 'count', get: (r) => r.byAutomation },
    ...receptionFigures<CampaignTemplateRow>(language),
  ];
}

type TableProps<Row> = { rows: Row[]; csvName: (title: string) => string };

export function BroadcastsTable({ rows, csvName }: TableProps<CampaignBroadcastRow>) {
  const { t, i18n } = useTranslation();
  const figures = broadcastFigures(t, i18n.language);
  const title = t('reports.campaigns.broadcasts');
  return (
    <ReportSection
      title={title}
      hint={t('reports.campaigns.broadcastsHint')}
      testId="broadcasts-table"
      csv={rows.length > 0 ? { filename: csvName(title), ...figureCsv(figures, rows, t) } : undefined}
    >
      {rows.length === 0 ? (
        <p className="px-4 pb-4 text-sm text-neutral-500 dark:text-neutral-400">
          {t('reports.campaigns.noBroadcasts')}
        </p>
      ) : (
        <SortableTable
          testId="broadcasts"
          columns={figureColumns(onPage(figures), t, i18n.language)}
          rows={rows}
          rowKey={(r) => r.id}
          initialSort={{ id: 'startedAt', desc: true }}
        />
      )}
    </ReportSection>
  );
}

export function TemplatesTable({ rows, csvName }: TableProps<CampaignTemplateRow>) {
  const { t, i18n } = useTranslation();
  const figures = templateFigures(t, i18n.language);
  const title = t('reports.campaigns.templates');
  return (
    <ReportSection
      title={title}
      hint={t('reports.campaigns.templatesHint')}
      testId="templates-table"
      csv={rows.length > 0 ? { filename: csvName(title), ...figureCsv(figures, rows, t) } : undefined}
    >
      <SortableTable
        testId="templates"
        columns={figureColumns(onPage(figures), t, i18n.language)}
        rows={rows}
        rowKey={(r) => r.key}
        initialSort={{ id: 'sent', desc: true }}
      />
    </ReportSection>
  );
}
