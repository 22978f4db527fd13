import type { SlaAtRisk } from '@charla/contracts';
import { CircleCheck } from 'lucide-react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { cn } from '../../lib/cn';
import { Badge } from '../../ui/badge';
import { useTeams } from '../settings/teams.api';
import { formatDuration, formatMinutes } from './report-format';
import { ReportSection } from './report-section';

/** Open conversations close to or past a target, most urgent first; each opens in the inbox. */
export function SlaAtRiskList({ items }: { items: SlaAtRisk[] }) {
  const { t } = useTranslation();
  const teams = useTeams();
  const teamName = (id: string | null) => (teams.data ?? []).find((team) => team.id === id)?.name ?? null;
  return (
    <ReportSection
      title={t('reports.sla.atRisk.title')}
      hint={t('reports.sla.atRisk.hint')}
      testId="sla-at-risk"
    >
      {items.length === 0 ? (
        <p
          className="flex items-center gap-2 px-4 pb-4 text-sm text-neutral-600 dark:text-neutral-300"
          data-testid="sla-at-risk-empty"
        >
          <CircleCheck aria-hidden className="size-4 text-emerald-600" />
          {t('reports.sla.atRisk.none')}
        </p>
      ) : (
        <ul className="divide-y divide-neutral-100 border-t border-neutral-200 dark:divide-neutral-800 dark:border-neutral-800">
          {items.map((item) => (
            <AtRiskItem
              key={`${item.conversationId}-${item.target}`}
              item={item}
              teamName={teamName(item.teamId)}
            />
          ))}
        </ul>
      )}
    </ReportSection>
  );
}

function AtRiskItem({ item, teamName }: { item: SlaAtRisk; teamName: string | null }) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language;
  const targetMs = item.targetMinutes * 60_000;
  const share = Math.min(1, item.elapsedMs / targetMs);
  const who = [teamName, item.assigneeName ?? t('reports.sla.atRisk.unassigned')].filter(Boolean).join(' · ');
  return (
    <li data-testid="sla-at-risk-item" data-breached={item.breached}>
      <Link
        to={`/inbox/${item.conversationId}`}
        className="flex flex-col gap-2 px-4 py-3 transition-colors hover:bg-neutral-50 sm:flex-row sm:items-center sm:gap-4 dark:hover:bg-neutral-800/50"
      >
        <div className="flex min-w-0 flex-1 flex-col gap-0.5">
          <div className="flex flex-wrap items-center gap-2">
            <span className="truncate text-sm font-medium text-neutral-900 dark:text-neutral-100">
              {item.contactName}
            </span>
            <Badge tone={item.breached ? 'red' : 'amber'}>
              {t(item.breached ? 'reports.sla.atRisk.breached' : 'reports.sla.atRisk.atRisk')}
            </Badge>
          </div>
          <p className="truncate text-xs text-neutral-500 dark:text-neutral-400">
            {t(`reports.sla.atRisk.${item.target}`)} · {who}
          </p>
        </div>
        <div className="flex w-full flex-col gap-1 sm:w-64">
          <div
            className="h-2 overflow-hidden rounded-full bg-neutral-100 dark:bg-neutral-800"
            role="progressbar"
            aria-valuemin={0}
            aria-valuemax={item.targetMinutes}
            aria-valuenow={Math.round(item.elapsedMs / 60_000)}
            aria-label={t(`reports.sla.atRisk.${item.target}`)}
          >
            <div
              className={cn('h-full rounded-full', item.breached ? 'bg-red-500' : 'bg-amber-500')}
              style={{ width: `${Math.round(share * 100)}%` }}
            />
          </div>
          <p className="text-xs text-neutral-500 tabular-nums dark:text-neutral-400">
            {item.breached
              ? t('reports.sla.atRisk.over', {
                  over: formatDuration(item.elapsedMs - targetMs, lang),
                  target: formatMinutes(item.targetMinutes, lang),
                })
              : t('reports.sla.atRisk.elapsed', {
                  elapsed: formatDuration(item.elapsedMs, lang),
                  target: formatMinutes(item.targetMinutes, lang),
                })}
          </p>
        </div>
      </Link>
    </li>
  );
}
