import { useTranslation } from 'react-i18next';
import { cn } from '../../lib/cn';
import { Input, Select } from '../../ui/input';
import { Label } from '../../ui/label';
import { useChannels, useMembers } from '../settings/settings.api';
import { useTeams } from '../settings/teams.api';
import { PRESETS, type PresetId, presetRange } from './report-period';
import type { FilterName, ReportFilters } from './reports.api';

type ReportControlsProps = {
  filters: ReportFilters;
  preset: PresetId;
  isManager: boolean;
  /** The filters the report on show takes; the others are hidden. */
  shown: readonly FilterName[];
  onPreset(preset: PresetId): void;
  onChange(patch: Partial<ReportFilters>): void;
};

/** Period, number, team, agent and which clock the times are counted on. */
export function ReportControls({
  filters,
  preset,
  isManager,
  shown,
  onPreset,
  onChange,
}: ReportControlsProps) {
  const { t } = useTranslation();
  const isShown = (name: FilterName) => shown.includes(name);
  const channels = useChannels();
  const teams = useTeams();
  const members = useMembers();
  const isCustom = preset === 'custom';

  return (
    <div className="flex flex-col gap-3" data-testid="report-controls">
      <div className="grid grid-cols-2 gap-3 sm:grid-cols-3 lg:flex lg:flex-wrap lg:items-end">
        <Field
          id="report-preset"
          label={t('reports.presets.label')}
          className="col-span-2 sm:col-span-1 lg:w-44"
        >
          <Select
            id="report-preset"
            value={preset}
            onChange={(e) => {
              const next = e.target.value as PresetId;
              onPreset(next);
              if (next !== 'custom') onChange(presetRange(next, new Date()));
            }}
          >
            {PRESETS.map((p) => (
              <option key={p} value={p}>
                {t(`reports.presets.${p}`)}
              </option>
            ))}
          </Select>
        </Field>
        {isCustom ? (
          <>
            <Field id="report-from" label={t('reports.from')} className="lg:w-40">
              <Input
                id="report-from"
                type="date"
                value={filters.from}
                max={filters.to}
                onChange={(e) => e.target.value && onChange({ from: e.target.value })}
              />
            </Field>
            <Field id="report-to" label={t('reports.to')} className="lg:w-40">
              <Input
                id="report-to"
                type="date"
                value={filters.to}
                min={filters.from}
                onChange={(e) => e.target.value && onChange({ to: e.target.value })}
              />
            </Field>
          </>
        ) : null}
        {isShown('channelId') ? (
          <Field id="report-number" label={t('reports.number')} className="lg:w-48">
            <Select
              id="report-number"
              value={filters.channelId}
              onChange={(e) => onChange({ channelId: e.target.value })}
            >
              <option value="">{t('reports.anyNumber')}</option>
              {(channels.data ?? []).map((c) => (
                <option key={c.id} value={c.id}>
                  {c.name || c.displayPhoneNumber}
                </option>
              ))}
            </Select>
          </Field>
        ) : null}
        {isManager && isShown('teamId') ? (
          <>
            <Field id="report-team" label={t('reports.team')} className="lg:w-44">
              <Select
                id="report-team"
                value={filters.teamId}
                onChange={(e) => onChange({ teamId: e.target.value })}
              >
                <option value="">{t('reports.anyTeam')}</option>
                {(teams.data ?? []).map((team) => (
                  <option key={team.id} value={team.id}>
                    {team.name}
                  </option>
                ))}
              </Select>
            </Field>
            {isShown('agentId') ? (
              <Field id="report-agent" label={t('reports.agent')} className="lg:w-44">
                <Select
                  id="report-agent"
                  value={filters.agentId}
                  onChange={(e) => onChange({ agentId: e.target.value })}
                >
                  <option value="">{t('reports.anyAgent')}</option>
                  {(members.data ?? []).map((m) => (
                    <option key={m.userId} value={m.userId}>
                      {m.name}
                    </option>
                  ))}
                </Select>
              </Field>
            ) : null}
          </>
        ) : null}
        {isShown('time') ? (
          <div className="col-span-2 flex flex-col gap-1.5 sm:col-span-1">
            <span className="text-sm font-medium text-neutral-700 dark:text-neutral-300" id="report-time">
              {t('reports.timeLabel')}
            </span>
            <div
              role="radiogroup"
              aria-labelledby="report-time"
              className="inline-flex h-10 rounded-lg border border-neutral-300 bg-white p-0.5 dark:border-neutral-700 dark:bg-neutral-900"
            >
              {(['business', 'calendar'] as const).map((time) => (
                // biome-ignore lint/a11y/useSemanticElements: a segmented control, styled as buttons
                <button
                  key={time}
                  type="button"
                  role="radio"
                  aria-checked={filters.time === time}
                  data-testid={`report-time-${time}`}
                  onClick={() => onChange({ time })}
                  className={cn(
                    'flex-1 rounded-md px-3 text-sm font-medium whitespace-nowrap transition-colors',
                    filters.time === time
                      ? 'bg-brand-600 text-white'
                      : 'text-neutral-600 hover:bg-neutral-100 dark:text-neutral-300 dark:hover:bg-neutral-800',
                  )}
                >
                  {t(`reports.time.${time}`)}
                </button>
              ))}
            </div>
          </div>
        ) : null}
      </div>
    </div>
  );
}

function Field({
  id,
  label,
  className,
  children,
}: {
  id: string;
  label: string;
  className?: string;
  children: React.ReactNode;
}) {
  return (
    <div className={cn('flex min-w-0 flex-col gap-1.5', className)}>
      <Label htmlFor={id}>{label}</Label>
      {children}
    </div>
  );
}
