import type { SlaReport } from '@charla/contracts';
import { Target } from 'lucide-react';
import { useTranslation } from 'react-i18next';
import { cn } from '../../lib/cn';
import { EmptyState } from '../../ui/empty-state';
import { formatCount, formatMinutes, formatRate, metTone, toPercent } from './report-format';
import { ReportSection } from './report-section';
import { SlaAtRiskList } from './sla-at-risk';
import { SlaTargetsEditor } from './sla-targets';

type SlaViewProps = { report: SlaReport | undefined; fileSuffix: string };

/** Whether conversations got their first response and resolution in time, what is at risk now, and the targets. */
export function SlaView({ report, fileSuffix }: SlaViewProps) {
  return (
    <div className="flex flex-col gap-4" data-testid="sla-view">
      {report ? <SlaAtRiskList items={report.atRisk} /> : null}
      {report ? <Compliance report={report} fileSuffix={fileSuffix} /> : null}
      <SlaTargetsEditor />
    </div>
  );
}

type SlaRow = SlaReport['rows'][number];
type Which = 'firstResponse' | 'resolution';

function Compliance({ report, fileSuffix }: { report: SlaReport; fileSuffix: string }) {
  const { t } = useTranslation();
  const title = t('reports.sla.compliance');
  const nameOf = (row: SlaRow) => row.teamName ?? t('reports.sla.workspace');
  const header = [
    t('reports.columns.team'),
    ...(['firstResponse', 'resolution'] as const).flatMap((which) => {
      const label = t(`reports.sla.${which}`);
      return [
        t('reports.sla.csv.target', { label }),
        t('reports.sla.csv.measured', { label }),
        t('reports.sla.csv.breached', { label }),
        t('reports.sla.csv.met', { label }),
      ];
    }),
  ];
  return (
    <ReportSection
      title={title}
      hint={t('reports.sla.complianceHint')}
      testId="sla-compliance"
      csv={
        report.rows.length > 0
          ? {
              filename: `${title.toLowerCase()}-${fileSuffix}.csv`,
              header: () => header,
              rows: () =>
                report.rows.map((row) => [
                  nameOf(row),
                  row.firstResponseMinutes,
                  row.firstResponse.measured,
                  row.firstResponse.breached,
                  toPercent(row.firstResponse.metRate),
                  row.resolutionMinutes,
                  row.resolution.measured,
                  row.resolution.breached,
                  toPercent(row.resolution.metRate),
                ]),
            }
          : undefined
      }
    >
      {report.rows.length === 0 ? (
        <EmptyState
          icon={Target}
          title={t('reports.sla.noTargets.title')}
          description={t('reports.sla.noTargets.body')}
        />
      ) : (
        <div className="grid gap-3 px-4 pb-4 md:grid-cols-2">
          {report.rows.map((row) => (
            <div
              key={row.teamId ?? 'workspace'}
              className="flex flex-col gap-3 rounded-lg border border-neutral-200 p-3 dark:border-neutral-800"
              data-testid="sla-row"
            >
              <p className="truncate text-sm font-semibold" title={nameOf(row)}>
                {nameOf(row)}
              </p>
              <div className="grid grid-cols-2 gap-3">
                {(['firstResponse', 'resolution'] as const).map((which) => (
                  <Met key={which} row={row} which={which} />
                ))}
              </div>
            </div>
          ))}
        </div>
      )}
    </ReportSection>
  );
}

const toneText = {
  green: 'text-emerald-700 dark:text-emerald-400',
  amber: 'text-amber-700 dark:text-amber-400',
  red: 'text-red-700 dark:text-red-400',
  neutral: 'text-neutral-400 dark:text-neutral-500',
} as const;
const toneBar = {
  green: 'bg-emerald-500',
  amber: 'bg-amber-500',
  red: 'bg-red-500',
  neutral: 'bg-neutral-300',
} as const;

function Met({ row, which }: { row: SlaRow; which: Which }) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language;
  const minutes = which === 'firstResponse' ? row.firstResponseMinutes : row.resolutionMinutes;
  const figures = row[which];
  const tone = metTone(figures.metRate);
  return (
    <div className="flex min-w-0 flex-col gap-1" data-testid={`sla-${which}`} data-tone={tone}>
      <p className="truncate text-xs font-medium text-neutral-500 dark:text-neutral-400">
        {t(`reports.sla.${which}`)}
      </p>
      {minutes === null ? (
        <p className="text-sm text-neutral-400 dark:text-neutral-500">{t('reports.sla.noTarget')}</p>
      ) : (
        <>
          <p
            className={cn('text-2xl font-semibold tracking-tight tabular-nums', toneText[tone])}
            data-testid={`sla-${which}-met`}
          >
            {formatRate(figures.metRate, lang)}
          </p>
          <div className="h-1.5 overflow-hidden rounded-full bg-neutral-100 dark:bg-neutral-800" aria-hidden>
            <div
              className={cn('h-full rounded-full', toneBar[tone])}
              style={{ width: `${Math.round((figures.metRate ?? 0) * 100)}%` }}
            />
          </div>
          <p className="text-xs text-neutral-500 dark:text-neutral-400">
            {t('reports.sla.target', { time: formatMinutes(minutes, lang) })}
          </p>
          <p className="text-xs text-neutral-500 dark:text-neutral-400">
            {t('reports.sla.breachedOf', {
              breached: formatCount(figures.breached, lang),
              measured: formatCount(figures.measured, lang),
            })}
          </p>
        </>
      )}
    </div>
  );
}
