import {
  type BusinessCalendar,
  type BusinessHours,
  type Holiday,
  isOpenAt,
  nextOpenAt,
  overlappingRanges,
  type TimeRange,
} from '@charla/contracts';
import { Clock, Plus, X } from 'lucide-react';
import { type FormEvent, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useErrorMessage } from '../../../lib/use-error-message';
import { Alert } from '../../../ui/alert';
import { Badge } from '../../../ui/badge';
import { Button } from '../../../ui/button';
import { Card } from '../../../ui/card';
import { Field } from '../../../ui/field';
import { Input, Select } from '../../../ui/input';
import { SaveRow } from '../../../ui/save-row';
import { Spinner } from '../../../ui/spinner';
import { TimeZoneSelect } from '../../../ui/time-zone-select';
import { canManageMembers, useSession } from '../../auth/require-auth';
import { useWorkspaceSettings } from '../teams.api';
import { useBusinessHours, useSaveBusinessHours } from './business-hours.api';

const WEEKDAYS = [0, 1, 2, 3, 4];

/** What a new calendar starts with: weekdays 09:00–18:00 in the workspace's zone. */
const startingCalendar = (timeZone: string): BusinessCalendar => ({
  timeZone,
  days: Array.from({ length: 7 }, (_, day) =>
    WEEKDAYS.includes(day) ? [{ from: '09:00', to: '18:00' }] : [],
  ),
  holidays: [],
});

/**
 * Settings › Business hours: the workspace's calendar, and each team's own (or the workspace's).
 * Everyone sees them; the owner and admins change them.
 */
export function BusinessHoursPage() {
  const { t } = useTranslation();
  const hours = useBusinessHours();
  // A first calendar starts in the workspace's zone.
  const settings = useWorkspaceSettings();
  const errorMessage = useErrorMessage();
  const [scope, setScope] = useState<string>('workspace');

  return (
    <section className="flex flex-col gap-4" data-testid="business-hours-page">
      <div>
        <h2 className="text-lg font-semibold">{t('businessHours.title')}</h2>
        <p className="mt-1 text-sm text-neutral-600 dark:text-neutral-400">{t('businessHours.subtitle')}</p>
      </div>
      {hours.isPending || settings.isPending ? (
        <div className="flex justify-center py-10 text-brand-600">
          <Spinner />
        </div>
      ) : hours.isError ? (
        <Alert tone="error">{errorMessage(hours.error)}</Alert>
      ) : (
        <>
          {hours.data.teams.length > 0 ? (
            <Field id="hours-scope" label={t('businessHours.for')}>
              <Select
                id="hours-scope"
                value={scope}
                onChange={(event) => setScope(event.target.value)}
                data-testid="hours-scope"
                className="sm:max-w-md"
              >
                <option value="workspace">{t('businessHours.workspace')}</option>
                {hours.data.teams.map((team) => (
                  <option key={team.teamId} value={team.teamId}>
                    {t('businessHours.teamOption', { name: team.teamName })}
                  </option>
                ))}
              </Select>
            </Field>
          ) : null}
          <CalendarEditor
            key={scope}
            hours={hours.data}
            teamId={scope === 'workspace' ? null : scope}
            workspaceZone={settings.data?.timezone ?? 'UTC'}
          />
        </>
      )}
    </section>
  );
}

function CalendarEditor({
  hours,
  teamId,
  workspaceZone,
}: {
  hours: BusinessHours;
  teamId: string | null;
  workspaceZone: string;
}) {
  const { t } = useTranslation();
  const { role } = useSession();
  const canManage = canManageMembers(role);
  const save = useSaveBusinessHours();
  const errorMessage = useErrorMessage();
  const team = teamId ? hours.teams.find((x) => x.teamId === teamId) : null;
  const stored = teamId ? (team?.calendar ?? null) : hours.workspace;
  const zone = hours.workspace?.timeZone ?? workspaceZone;
  // A team without hours of its own starts from the workspace's.
  const [draft, setDraft] = useState<BusinessCalendar>(stored ?? hours.workspace ?? startingCalendar(zone));
  const [own, setOwn] = useState(stored !== null);
  const [isSaved, setIsSaved] = useState(false);
  const change = (next: BusinessCalendar) => {
    setIsSaved(false);
    setDraft(next);
  };
  const setDay = (day: number, ranges: TimeRange[]) =>
    change({ ...draft, days: draft.days.map((r, i) => (i === day ? ranges : r)) });
  const setHolidays = (holidays: Holiday[]) => change({ ...draft, holidays });

  const overlaps = useMemo(() => overlappingRanges(draft), [draft]);
  const [showOverlaps, setShowOverlaps] = useState(false);
  const submit = (event: FormEvent) => {
    event.preventDefault();
    if ((!teamId || own) && overlaps.length > 0) {
      setShowOverlaps(true);
      return;
    }
    save.mutate({ teamId, calendar: teamId && !own ? null : draft }, { onSuccess: () => setIsSaved(true) });
  };
  const editable = !teamId || own;

  return (
    <Card className="p-5">
      {canManage ? null : (
        <Alert tone="info" className="mb-4">
          {t('businessHours.readOnly')}
        </Alert>
      )}
      <form onSubmit={submit}>
        <fieldset disabled={!canManage || save.isPending} className="flex flex-col gap-5">
          {teamId ? (
            <div className="flex flex-col gap-1">
              <label className="flex items-center gap-2 text-sm font-medium">
                <input
                  type="checkbox"
                  checked={own}
                  onChange={(event) => {
                    setIsSaved(false);
                    setOwn(event.target.checked);
                  }}
                  data-testid="hours-team-own"
                />
                {t('businessHours.teamOwn')}
              </label>
              <p className="pl-6 text-xs text-neutral-500 dark:text-neutral-400">
                {own ? t('businessHours.teamOwnHint') : t('businessHours.teamUsesWorkspace')}
              </p>
            </div>
          ) : stored === null ? (
            <div data-testid="hours-not-set">
              <Alert tone="info">{t('businessHours.notSet')}</Alert>
            </div>
          ) : null}
          {editable ? (
            <>
              <OpenNow calendar={draft} />
              <Field
                id="hours-zone"
                label={t('businessHours.timeZone')}
                hint={t('businessHours.timeZoneHint')}
              >
                <TimeZoneSelect
                  id="hours-zone"
                  value={draft.timeZone}
                  onChange={(timeZone) => change({ ...draft, timeZone })}
                  data-testid="hours-zone"
                  className="sm:max-w-md"
                />
              </Field>
              <fieldset className="flex flex-col">
                <legend className="mb-2 text-sm font-medium">{t('businessHours.week')}</legend>
                <div className="divide-y divide-neutral-200 rounded-lg border border-neutral-200 dark:divide-neutral-800 dark:border-neutral-800">
                  {draft.days.map((ranges, day) => (
                    <DayRow
                      // biome-ignore lint/suspicious/noArrayIndexKey: the seven days never move
                      key={day}
                      day={day}
                      ranges={ranges}
                      overlaps={overlaps.filter((o) => o.day === day)}
                      onChange={(next) => setDay(day, next)}
                    />
                  ))}
                </div>
                {canManage ? (
                  <div className="mt-2">
                    <Button
                      type="button"
                      variant="ghost"
                      size="sm"
                      onClick={() =>
                        change({
                          ...draft,
                          days: draft.days.map((r, i) => (WEEKDAYS.includes(i) ? draft.days[0]! : r)),
                        })
                      }
                      data-testid="hours-copy-weekdays"
                    >
                      {t('businessHours.copyToWeekdays')}
                    </Button>
                  </div>
                ) : null}
              </fieldset>
              <Holidays holidays={draft.holidays} onChange={setHolidays} />
            </>
          ) : null}
          {showOverlaps && editable && overlaps.length > 0 ? (
            <div data-testid="hours-overlaps">
              <Alert tone="error">{t('businessHours.fixOverlaps')}</Alert>
            </div>
          ) : null}
          {save.isError ? <Alert tone="error">{errorMessage(save.error)}</Alert> : null}
          {canManage ? (
            <SaveRow
              label={t('businessHours.save')}
              savedLabel={t('businessHours.saved')}
              isSaved={isSaved}
              isPending={save.isPending}
              testId="hours"
            />
          ) : null}
        </fieldset>
      </form>
    </Card>
  );
}

/** "Open now" or "Closed now · opens Monday 09:00", by the same function rules use. */
function OpenNow({ calendar }: { calendar: BusinessCalendar }) {
  const { t, i18n } = useTranslation();
  const state = useMemo(() => {
    const now = new Date();
    try {
      if (isOpenAt(calendar, now)) return { open: true, next: null };
      return { open: false, next: nextOpenAt(calendar, now) };
    } catch {
      return null; // a zone the browser does not know: nothing to say
    }
  }, [calendar]);
  if (!state) return null;
  const when = state.next
    ? new Intl.DateTimeFormat(i18n.language, {
        weekday: 'long',
        hour: '2-digit',
        minute: '2-digit',
        timeZone: calendar.timeZone,
      }).format(state.next)
    : null;
  return (
    <div className="flex items-center gap-2 text-sm" data-testid="hours-open-now">
      <Clock className="size-4 text-neutral-400" aria-hidden />
      <Badge tone={state.open ? 'green' : 'neutral'}>
        {state.open ? t('businessHours.openNow') : t('businessHours.closedNow')}
      </Badge>
      {state.open ? null : (
        <span className="text-neutral-500 dark:text-neutral-400">
          {when ? t('businessHours.opensAt', { when }) : t('businessHours.neverOpens')}
        </span>
      )}
    </div>
  );
}

function DayRow({
  day,
  ranges,
  overlaps,
  onChange,
}: {
  day: number;
  ranges: TimeRange[];
  /** This day's ranges that overlap another (overlappingRanges). */
  overlaps: { index: number; other: number }[];
  onChange: (ranges: TimeRange[]) => void;
}) {
  const { t } = useTranslation();
  const name = t(`businessHours.days.${day}`);
  const closed = ranges.length === 0;
  const setRange = (i: number, patch: Partial<TimeRange>) =>
    onChange(ranges.map((r, k) => (k === i ? { ...r, ...patch } : r)));
  const last = ranges.at(-1);
  return (
    <div className="flex flex-wrap items-start gap-x-3 gap-y-1 px-3 py-2.5" data-testid={`hours-day-${day}`}>
      <label className="flex w-full shrink-0 items-center gap-2 pt-1.5 text-sm font-medium sm:w-36">
        <input
          type="checkbox"
          checked={!closed}
          onChange={(event) => onChange(event.target.checked ? [{ from: '09:00', to: '18:00' }] : [])}
          aria-label={`${name}: ${t('businessHours.open')}`}
          data-testid={`hours-day-${day}-open`}
        />
        {name}
      </label>
      {closed ? (
        <span className="pt-1.5 text-sm text-neutral-500 dark:text-neutral-400">
          {t('businessHours.closed')}
        </span>
      ) : (
        <div className="flex min-w-0 flex-1 flex-col gap-2">
          {ranges.map((range, i) => (
            <div
              // biome-ignore lint/suspicious/noArrayIndexKey: ranges have no identity of their own
              key={i}
              className="flex flex-wrap items-center gap-1.5 sm:gap-2"
              data-testid={`hours-day-${day}-range`}
            >
              <div className="w-32">
                <Input
                  type="time"
                  value={range.from}
                  required
                  aria-label={`${name} ${t('businessHours.from')}`}
                  onChange={(event) => setRange(i, { from: event.target.value })}
                  data-testid={`hours-day-${day}-from-${i}`}
                />
              </div>
              <span className="text-neutral-400">–</span>
              <div className="w-32">
                <Input
                  type="time"
                  value={range.to === '24:00' ? '00:00' : range.to}
                  required
                  aria-label={`${name} ${t('businessHours.to')}`}
                  onChange={(event) => setRange(i, { to: event.target.value })}
                  data-testid={`hours-day-${day}-to-${i}`}
                />
              </div>
              {range.to <= range.from ? (
                <span className="text-xs text-neutral-500 dark:text-neutral-400">
                  {t('businessHours.overnight')}
                </span>
              ) : null}
              <RemoveButton
                label={t('businessHours.removeRange')}
                onClick={() => onChange(ranges.filter((_, k) => k !== i))}
              />
              {overlaps
                .filter((o) => o.index === i)
                .map((o) => {
                  const other = ranges[o.other]!;
                  return (
                    <p
                      key={o.other}
                      role="alert"
                      className="basis-full text-xs text-red-600 dark:text-red-400"
                      data-testid={`hours-day-${day}-overlap-${i}`}
                    >
                      {t('businessHours.overlaps', { range: `${other.from}–${other.to}` })}
                    </p>
                  );
                })}
            </div>
          ))}
          <div>
            <Button
              type="button"
              variant="ghost"
              size="sm"
              onClick={() => onChange([...ranges, nextRangeAfter(last)])}
              data-testid={`hours-day-${day}-add`}
            >
              <Plus className="size-4" aria-hidden />
              {t('businessHours.addRange')}
            </Button>
          </div>
        </div>
      )}
    </div>
  );
}

/** A second range starts an hour after the last one ends (09:00–14:00 -> 15:00–18:00). */
function nextRangeAfter(last: TimeRange | undefined): TimeRange {
  if (!last || last.to <= last.from) return { from: '09:00', to: '18:00' };
  const hour = Math.min(22, Number(last.to.slice(0, 2)) + 1);
  const pad = (h: number) => `${String(h).padStart(2, '0')}:00`;
  return { from: pad(hour), to: pad(Math.min(23, hour + 3)) };
}

function Holidays({ holidays, onChange }: { holidays: Holiday[]; onChange: (holidays: Holiday[]) => void }) {
  const { t } = useTranslation();
  const set = (i: number, patch: Partial<Holiday>) =>
    onChange(holidays.map((h, k) => (k === i ? { ...h, ...patch } : h)));
  return (
    <fieldset className="flex flex-col gap-2" data-testid="hours-holidays">
      <legend className="text-sm font-medium">{t('businessHours.holidays')}</legend>
      <p className="text-xs text-neutral-500 dark:text-neutral-400">{t('businessHours.holidaysHint')}</p>
      {holidays.length === 0 ? (
        <p className="text-sm text-neutral-500 dark:text-neutral-400">{t('businessHours.noHolidays')}</p>
      ) : (
        holidays.map((holiday, i) => (
          // biome-ignore lint/suspicious/noArrayIndexKey: holidays have no identity of their own
          <div key={i} className="flex flex-wrap items-center gap-2" data-testid="hours-holiday">
            <div className="w-44">
              <Input
                type="date"
                value={holiday.date}
                required
                aria-label={t('businessHours.holidayDate')}
                onChange={(event) => set(i, { date: event.target.value })}
                data-testid={`hours-holiday-date-${i}`}
              />
            </div>
            <div className="min-w-40 flex-1">
              <Input
                value={holiday.name ?? ''}
                maxLength={100}
                placeholder={t('businessHours.holidayNamePlaceholder')}
                aria-label={t('businessHours.holidayName')}
                onChange={(event) => set(i, { name: event.target.value || undefined })}
                data-testid={`hours-holiday-name-${i}`}
              />
            </div>
            <label className="flex items-center gap-2 text-sm">
              <input
                type="checkbox"
                checked={holiday.yearly}
                onChange={(event) => set(i, { yearly: event.target.checked })}
                data-testid={`hours-holiday-yearly-${i}`}
              />
              {t('businessHours.yearly')}
            </label>
            <RemoveButton
              label={t('businessHours.removeHoliday')}
              onClick={() => onChange(holidays.filter((_, k) => k !== i))}
            />
          </div>
        ))
      )}
      <div>
        <Button
          type="button"
          variant="ghost"
          size="sm"
          onClick={() =>
            onChange([...holidays, { date: new Date().toISOString().slice(0, 10), yearly: false }])
          }
          data-testid="hours-holiday-add"
        >
          <Plus className="size-4" aria-hidden />
          {t('businessHours.addHoliday')}
        </Button>
      </div>
    </fieldset>
  );
}

/** The small ✕ that removes one row (a range, a holiday). */
function RemoveButton({ label, onClick }: { label: string; onClick: () => void }) {
  return (
    <Button type="button" variant="ghost" size="sm" onClick={onClick} aria-label={label} title={label}>
      <X className="size-4" aria-hidden />
    </Button>
  );
}
