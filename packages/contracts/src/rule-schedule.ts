import { type BusinessCalendar, openIntervals } from './business-hours';

/** A schedule trigger's time of day: HH:MM, 00:00 to 23:59. */
export const SCHEDULE_TIME = /^(?:[01]\d|2[0-3]):[0-5]\d$/;

const DAY_MS = 86_400_000;

/**
 * The next run of a rule's schedule strictly after `after`: the first of its weekdays (0 Monday …
 * 6 Sunday) whose `time` in `timeZone` comes later. The business-hours calendar code answers it,
 * so clock changes follow the zone as there: a time skipped when clocks go forward runs just
 * after the gap (02:30 on Madrid's spring day is 03:30), a time shown twice runs the first time.
 * Null when no weekday is chosen or the time is not HH:MM.
 */
export function nextScheduledRun(
  schedule: { weekdays: number[]; time: string; timeZone: string },
  after: Date,
): Date | null {
  if (!SCHEDULE_TIME.test(schedule.time) || schedule.weekdays.length === 0) return null;
  const calendar: BusinessCalendar = {
    timeZone: schedule.timeZone,
    days: [0, 1, 2, 3, 4, 5, 6].map((d) =>
      schedule.weekdays.includes(d) ? [{ from: schedule.time, to: minuteAfter(schedule.time) }] : [],
    ),
    holidays: [],
  };
  const t = after.getTime();
  const next = openIntervals(calendar, t, t + 8 * DAY_MS).find((i) => i.start > t);
  return next ? new Date(next.start) : null;
}

function minuteAfter(time: string): string {
  const minutes = Number(time.slice(0, 2)) * 60 + Number(time.slice(3)) + 1;
  return `${String(Math.floor(minutes / 60)).padStart(2, '0')}:${String(minutes % 60).padStart(2, '0')}`;
}
