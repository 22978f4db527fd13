import type { CampaignsReport, CampaignTemplateRow } from '@charla/contracts';
import { Megaphone, ThumbsDown, ThumbsUp } from 'lucide-react';
import { useTranslation } from 'react-i18next';
import { Card } from '../../ui/card';
import { EmptyState } from '../../ui/empty-state';
import { BroadcastsTable, TemplatesTable } from './campaigns-tables';
import { chartColors } from './chart-theme';
import { DailyChart } from './daily-chart';
import { formatCount, formatRate } from './report-format';
import { ReportSection } from './report-section';
import { StatCard } from './stat-card';

type CampaignsViewProps = { report: CampaignsReport; fileSuffix: string };

/** Broadcasts and templates: how what was sent in bulk or by template was received. */
export function CampaignsView({ report, fileSuffix }: CampaignsViewProps) {
  const { t } = useTranslation();
  if (report.broadcasts.length === 0 && report.templates.length === 0) {
    return (
      <Card>
        <EmptyState
          icon={Megaphone}
          title={t('reports.campaigns.empty.title')}
          description={t('reports.campaigns.empty.body')}
        />
      </Card>
    );
  }
  const csvName = (title: string) => `${title.toLowerCase()}-${fileSuffix}.csv`;
  return (
    <div className="flex flex-col gap-4" data-testid="campaigns-view">
      <Totals templates={report.templates} />
      <SendsPerDay days={report.days} csvName={csvName(t('reports.campaigns.perDay'))} />
      <BroadcastsTable rows={report.broadcasts} csvName={csvName} />
      <TemplatesTable rows={report.templates} csvName={csvName} />
      <Ranking report={report} />
    </div>
  );
}

function Totals({ templates }: { templates: CampaignTemplateRow[] }) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language;
  const sum = (get: (r: CampaignTemplateRow) => number) => templates.reduce((n, r) => n + get(r), 0);
  const sent = sum((r) => r.sent);
  const delivered = sum((r) => r.delivered);
  const rate = (part: number, whole: number) => (whole > 0 ? part / whole : null);
  const failed = sum((r) => r.failed);
  return (
    <div className="grid grid-cols-1 gap-3 sm:grid-cols-2 xl:grid-cols-4" data-testid="campaigns-totals">
      <StatCard testId="campaigns-sent" label={t('reports.campaigns.sent')} value={formatCount(sent, lang)} />
      <StatCard
        testId="campaigns-read-rate"
        label={t('reports.columns.readRate')}
        value={formatRate(
          rate(
            sum((r) => r.read),
            delivered,
          ),
          lang,
        )}
        detail={t('reports.campaigns.ofDelivered', { count: formatCount(delivered, lang) as never })}
      />
      <StatCard
        testId="campaigns-reply-rate"
        label={t('reports.columns.replyRate')}
        value={formatRate(
          rate(
            sum((r) => r.replied),
            delivered,
          ),
          lang,
        )}
      />
      <StatCard
        testId="campaigns-failed"
        label={t('reports.columns.failed')}
        value={formatCount(failed, lang)}
        detail={t('reports.campaigns.limitedDetail', {
          count: formatCount(
            sum((r) => r.limited),
            lang,
          ) as never,
        })}
      />
    </div>
  );
}

function SendsPerDay({ days, csvName }: { days: CampaignsReport['days']; csvName: string }) {
  const { t } = useTranslation();
  return (
    <DailyChart
      kind="bar"
      days={days}
      series={[
        { key: 'sent', name: t('reports.columns.sent'), color: chartColors.outbound },
        { key: 'read', name: t('reports.columns.read'), color: chartColors.inbound },
      ]}
      title={t('reports.campaigns.perDay')}
      hint={t('reports.campaigns.perDayHint')}
      testId="campaigns-per-day"
      csvName={csvName}
    />
  );
}

/** Best and worst templates by read and by reply rate; their names are on the report's own rows. */
function Ranking({ report }: { report: CampaignsReport }) {
  const { t, i18n } = useTranslation();
  const byKey = new Map(report.templates.map((r) => [r.key, r]));
  const lists = [
    { id: 'readRate', ranked: report.ranking.byReadRate, rate: (r: CampaignTemplateRow) => r.readRate },
    { id: 'replyRate', ranked: report.ranking.byReplyRate, rate: (r: CampaignTemplateRow) => r.replyRate },
  ] as const;
  const hint = t('reports.campaigns.rankingHint', { count: report.ranking.minSends });
  return (
    <ReportSection title={t('reports.campaigns.ranking')} hint={hint} testId="campaigns-ranking">
      {report.ranking.byReadRate.best.length === 0 ? (
        <p className="px-4 pb-4 text-sm text-neutral-500 dark:text-neutral-400" data-testid="ranking-empty">
          {t('reports.campaigns.noRanking', { count: report.ranking.minSends })}
        </p>
      ) : (
        <div className="grid gap-4 px-4 pb-4 md:grid-cols-2">
          {lists.map((list) => (
            <div key={list.id} className="flex flex-col gap-3" data-testid={`ranking-${list.id}`}>
              <p className="text-xs font-semibold tracking-wide text-neutral-500 uppercase dark:text-neutral-400">
                {t(`reports.campaigns.by.${list.id}`)}
              </p>
              {(['best', 'worst'] as const).map((side) => (
                <div key={side} className="flex flex-col gap-1">
                  <p className="flex items-center gap-1.5 text-xs font-medium text-neutral-600 dark:text-neutral-300">
                    {side === 'best' ? (
                      <ThumbsUp aria-hidden className="size-3.5 text-emerald-600" />
                    ) : (
                      <ThumbsDown aria-hidden className="size-3.5 text-red-600" />
                    )}
                    {t(`reports.campaigns.${side}`)}
                  </p>
                  <ol className="flex flex-col" data-testid={`ranking-${list.id}-${side}`}>
                    {list.ranked[side].map((key, i) => {
                      const row = byKey.get(key);
                      return (
                        <li
                          key={key}
                          className="flex items-center justify-between gap-3 border-b border-neutral-100 py-1.5 text-sm last:border-0 dark:border-neutral-800"
                        >
                          <span className="min-w-0 truncate">
                            <span className="mr-2 text-neutral-400 tabular-nums">{i + 1}</span>
                            {row?.name ?? key}
                            {row ? (
                              <span className="ml-1.5 text-xs text-neutral-400">{row.language}</span>
                            ) : null}
                          </span>
                          <span className="shrink-0 font-medium tabular-nums">
                            {row ? formatRate(list.rate(row), i18n.language) : '—'}
                          </span>
                        </li>
                      );
                    })}
                  </ol>
                </div>
              ))}
            </div>
          ))}
        </div>
      )}
    </ReportSection>
  );
}
