import type { CsatComment, CsatFigures, CsatReport, CsatRow } from '@charla/contracts';
import { Smile, Star } from 'lucide-react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { Card } from '../../ui/card';
import { EmptyState } from '../../ui/empty-state';
import { type Figure, figureColumns, figureCsv } from './figure-columns';
import { compare, formatCount, formatRate } from './report-format';
import { ReportSection } from './report-section';
import { SortableTable } from './sortable-table';
import { StatCard } from './stat-card';

type CsatViewProps = { report: CsatReport; fileSuffix: string; isManager: boolean };

/** Satisfaction: how customers rated the conversations people resolved, by whom, and what they wrote. */
export function CsatView({ report, fileSuffix, isManager }: CsatViewProps) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language;
  const cur = report.totals;
  const prev = report.previousTotals;
  if (cur.sent === 0 && prev.sent === 0) {
    return (
      <Card>
        <EmptyState
          icon={Smile}
          title={t('reports.csat.empty.title')}
          description={t(isManager ? 'reports.csat.empty.body' : 'reports.csat.empty.agentBody')}
          action={
            isManager ? (
              <Link
                to="/settings/workspace"
                className="text-sm font-medium text-brand-700 underline dark:text-brand-300"
              >
                {t('reports.csat.empty.settings')}
              </Link>
            ) : undefined
          }
        />
      </Card>
    );
  }
  const average = (f: CsatFigures) =>
    f.average === null ? '—' : new Intl.NumberFormat(lang, { maximumFractionDigits: 2 }).format(f.average);
  const csvName = (title: string) => `${title.toLowerCase()}-${fileSuffix}.csv`;
  return (
    <div className="flex flex-col gap-4" data-testid="csat-view">
      <div className="grid grid-cols-2 gap-3 lg:grid-cols-4">
        <StatCard
          testId="kpi-csat-average"
          label={t('reports.csat.kpi.average')}
          value={average(cur)}
          change={compare(cur.average, prev.average, 'higherIsBetter')}
          detail={t('reports.csat.kpi.ratings', { count: cur.answered, n: formatCount(cur.answered, lang) })}
        />
        <StatCard
          testId="kpi-csat-satisfied"
          label={t('reports.csat.kpi.satisfied')}
          value={formatRate(cur.satisfiedRate, lang)}
          change={compare(cur.satisfiedRate, prev.satisfiedRate, 'higherIsBetter')}
          detail={t('reports.csat.kpi.satisfiedDetail')}
        />
        <StatCard
          testId="kpi-csat-response"
          label={t('reports.csat.kpi.responseRate')}
          value={formatRate(cur.responseRate, lang)}
          change={compare(cur.responseRate, prev.responseRate, 'higherIsBetter')}
          detail={t('reports.csat.kpi.asked', { count: cur.sent, n: formatCount(cur.sent, lang) })}
        />
        <StatCard
          testId="kpi-csat-comments"
          label={t('reports.csat.kpi.comments')}
          value={formatCount(cur.comments, lang)}
          change={compare(cur.comments, prev.comments, 'neutral')}
        />
      </div>
      <div className="grid min-w-0 gap-4 lg:grid-cols-[minmax(0,2fr)_minmax(0,3fr)]">
        <Distribution scores={cur.scores} />
        <Comments comments={report.comments} csvName={csvName} />
      </div>
      <RowsTable id="agents" rows={report.agents} csvName={csvName} />
      {isManager ? <RowsTable id="teams" rows={report.teams} csvName={csvName} /> : null}
    </div>
  );
}

/** How many gave each score, 5 at the top, as bars of the largest. */
function Distribution({ scores }: { scores: number[] }) {
  const { t, i18n } = useTranslation();
  const most = Math.max(1, ...scores);
  const total = scores.reduce((a, b) => a + b, 0);
  return (
    <ReportSection title={t('reports.csat.distribution')} testId="csat-distribution">
      <ol className="flex flex-col gap-2 px-4 pb-4">
        {[5, 4, 3, 2, 1].map((score) => {
          const n = scores[score - 1] ?? 0;
          return (
            <li key={score} className="grid grid-cols-[4.5rem_1fr_4.5rem] items-center gap-2 text-sm">
              <span
                className="flex items-center gap-0.5 text-amber-500"
                role="img"
                aria-label={t('reports.csat.stars', { count: score })}
              >
                {score}
                <Star className="size-3.5 fill-current" aria-hidden />
              </span>
              <span className="h-3 overflow-hidden rounded-full bg-neutral-100 dark:bg-neutral-800">
                <span
                  className={
                    score >= 4
                      ? 'block h-full bg-emerald-500'
                      : score === 3
                        ? 'block h-full bg-amber-400'
                        : 'block h-full bg-rose-500'
                  }
                  style={{ width: `${(n / most) * 100}%` }}
                />
              </span>
              <span className="text-right text-neutral-600 tabular-nums dark:text-neutral-300">
                {formatCount(n, i18n.language)}
                {total > 0 ? (
                  <span className="ml-1 text-xs text-neutral-400">
                    {formatRate(n / total, i18n.language)}
                  </span>
                ) : null}
              </span>
            </li>
          );
        })}
      </ol>
    </ReportSection>
  );
}

/** The customers' words, newest first; each opens its conversation. */
function Comments({ comments, csvName }: { comments: CsatComment[]; csvName: (title: string) => string }) {
  const { t, i18n } = useTranslation();
  const title = t('reports.csat.commentsTitle');
  const when = new Intl.DateTimeFormat(i18n.language, { dateStyle: 'medium', timeStyle: 'short' });
  return (
    <ReportSection
      title={title}
      testId="csat-comments"
      csv={
        comments.length > 0
          ? {
              filename: csvName(title),
              header: () => [
                t('reports.csat.csv.date'),
                t('reports.csat.csv.score'),
                t('reports.csat.csv.comment'),
                t('reports.csat.csv.customer'),
                t('reports.columns.agent'),
              ],
              rows: () =>
                comments.map((c) => [c.commentedAt, c.score, c.comment, c.contactName, c.agentName ?? '']),
            }
          : undefined
      }
    >
      {comments.length === 0 ? (
        <p className="px-4 pb-4 text-sm text-neutral-500 dark:text-neutral-400">
          {t('reports.csat.noComments')}
        </p>
      ) : (
        <ul className="flex max-h-80 flex-col divide-y divide-neutral-100 overflow-y-auto px-4 pb-2 dark:divide-neutral-800">
          {comments.map((c) => (
            <li key={c.surveyId} className="py-2.5" data-testid="csat-comment">
              <div className="flex flex-wrap items-center gap-x-2 gap-y-0.5 text-xs text-neutral-500 dark:text-neutral-400">
                <span
                  className="text-amber-500"
                  role="img"
                  aria-label={t('reports.csat.stars', { count: c.score })}
                >
                  {'★'.repeat(c.score)}
                  <span className="text-neutral-300 dark:text-neutral-600">{'★'.repeat(5 - c.score)}</span>
                </span>
                <Link
                  to={`/inbox/${c.conversationId}`}
                  className="font-medium text-neutral-700 hover:underline dark:text-neutral-200"
                >
                  {c.contactName}
                </Link>
                {c.agentName ? <span>· {c.agentName}</span> : null}
                <span>· {when.format(new Date(c.commentedAt))}</span>
              </div>
              {/* Customer text: rendered as text, never as markup. */}
              <p className="mt-1 text-sm break-words whitespace-pre-wrap text-neutral-800 dark:text-neutral-100">
                {c.comment}
              </p>
            </li>
          ))}
        </ul>
      )}
    </ReportSection>
  );
}

const rowFigures = (kind: 'agents' | 'teams'): Figure<CsatRow>[] => [
  { id: kind === 'agents' ? 'agent' : 'team', kind: 'text', get: (r) => r.name },
  { id: 'csatSent', kind: 'count', get: (r) => r.figures.sent },
  { id: 'csatAnswered', kind: 'count', get: (r) => r.figures.answered },
  { id: 'csatResponseRate', kind: 'rate', get: (r) => r.figures.responseRate },
  { id: 'csatAverage', kind: 'count', get: (r) => r.figures.average },
  { id: 'csatSatisfied', kind: 'rate', get: (r) => r.figures.satisfiedRate },
  { id: 'csatPreviousAverage', kind: 'count', get: (r) => r.previous.average },
  { id: 'csatComments', kind: 'count', get: (r) => r.figures.comments },
];

function RowsTable({
  id,
  rows,
  csvName,
}: {
  id: 'agents' | 'teams';
  rows: CsatRow[];
  csvName: (title: string) => string;
}) {
  const { t, i18n } = useTranslation();
  const title = t(`reports.csat.${id}`);
  const figures = rowFigures(id);
  return (
    <ReportSection
      title={title}
      testId={`csat-${id}-table`}
      csv={rows.length > 0 ? { filename: csvName(title), ...figureCsv(figures, rows, t) } : undefined}
    >
      {rows.length === 0 ? (
        <p className="px-4 pb-4 text-sm text-neutral-500 dark:text-neutral-400">{t('reports.csat.noRows')}</p>
      ) : (
        <SortableTable
          testId={`csat-${id}`}
          columns={figureColumns(figures, t, i18n.language)}
          rows={rows}
          rowKey={(r) => r.id}
          initialSort={{ id: 'csatAverage', desc: true }}
        />
      )}
    </ReportSection>
  );
}
