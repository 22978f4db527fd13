import { ArrowDownRight, ArrowUpRight, Minus } from 'lucide-react';
import { useTranslation } from 'react-i18next';
import { cn } from '../../lib/cn';
import { type Change, formatRatio } from './report-format';

/** The change against the previous period: arrow for the way it went, colour for good or bad news. */
export function ChangeIndicator({ change }: { change: Change }) {
  const { t, i18n } = useTranslation();
  if (change.ratio === null) {
    return <span className="text-xs text-neutral-400 dark:text-neutral-500">{t('reports.noPrevious')}</span>;
  }
  const Icon = change.trend === 'up' ? ArrowUpRight : change.trend === 'down' ? ArrowDownRight : Minus;
  const label = change.verdict === 'neutral' ? t('reports.noChange') : t(`reports.${change.verdict}`);
  return (
    <span
      data-testid="change"
      data-verdict={change.verdict}
      data-trend={change.trend}
      className={cn(
        'inline-flex items-center gap-0.5 rounded-md px-1.5 py-0.5 text-xs font-medium tabular-nums',
        change.verdict === 'better' &&
          'bg-emerald-50 text-emerald-700 dark:bg-emerald-950/60 dark:text-emerald-300',
        change.verdict === 'worse' && 'bg-red-50 text-red-700 dark:bg-red-950/60 dark:text-red-300',
        change.verdict === 'neutral' &&
          'bg-neutral-100 text-neutral-600 dark:bg-neutral-800 dark:text-neutral-300',
      )}
    >
      <Icon aria-hidden className="size-3.5" />
      {change.trend === 'flat' ? null : formatRatio(change.ratio, i18n.language)}
      <span className="sr-only">({label})</span>
    </span>
  );
}
