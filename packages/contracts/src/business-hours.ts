import { z } from 'zod';

/**
 * Business hours: when a workspace (or a team) answers. A week of time ranges in the calendar's
 * own IANA zone, several a day, overnight ones included (22:00–02:00 runs into the next day),
 * and holidays, on one date or every year. The one place "open now?" and "business time between
 * two instants" are answered: rules, routing and reports all ask here.
 *
 * - A range belongs to the day it starts on: Friday 22:00–02:00 is Friday's, so a holiday on
 *   Friday closes all of it, and a holiday on Saturday does not cut it short.
 * - `to` is exclusive; `24:00` is the end of the day. `from` equal to `to` is not a range.
 * - Clock changes follow the zone: a time skipped when clocks go forward counts from the moment
 *   after the gap (02:30 on Madrid's spring day is 03:30), and a time that happens twice when
 *   clocks go back is its first occurrence. So a range 01:00–05:00 lasts 3 h on the spring day
 *   and 5 h on the autumn one, as the clock on the shop's wall says.
 */

const TIME = /^(?:[01]\d|2[0-3]):[0-5]\d$|^24:00$/;
const DATE = /^\d{4}-(?:0[1-9]|1[0-2])-(?:0[1-9]|[12]\d|3[01])$/;

export const TimeOfDaySchema = z.string().regex(TIME, 'a time of day as HH:MM, 00:00 to 24:00');

export const TimeRangeSchema = z
  .object({ from: TimeOfDaySchema, to: TimeOfDaySchema })
  .refine((r) => r.from !== r.to && r.from !== '24:00', {
    message: 'a range needs a start before 24:00 and an end different from its start',
  });
export type TimeRange = z.infer<typeof TimeRangeSchema>;

export const HolidaySchema = z.object({
  /** `YYYY-MM-DD`; with `yearly`, only the month and day count (every year). */
  date: z.string().regex(DATE, 'a date as YYYY-MM-DD'),
  yearly: z.boolean().default(false),
  name: z.string().trim().max(100).optional(),
});
export type Holiday = z.infer<typeof HolidaySchema>;

export const BusinessCalendarSchema = z.object({
  timeZone: z.string().min(1).max(64),
  /** Seven days, Monday first (ISO): each day's ranges; an empty day is closed. */
  days: z.array(z.array(TimeRangeSchema).max(12)).length(7),
  holidays: z.array(HolidaySchema).max(400).default([]),
});
export type BusinessCalendar = z.infer<typeof BusinessCalendarSchema>;

/** Open from `start` (inclusive) to `end` (exclusive), as epoch milliseconds. */
export interface OpenInterval {
  start: number;
  end: number;
}

const DAY_MS = 86_400_000;

/** Whether the calendar is open at `at`. */
export function isOpenAt(calendar: BusinessCalendar, at: Date): boolean {
  const t = at.getTime();
  return openIntervals(calendar, t - DAY_MS, t + DAY_MS).some((i) => i.start <= t && t < i.end);
}

/** Milliseconds of business time from `from` to `to` (0 when `to` is not after `from`). */
export function businessMsBetween(calendar: BusinessCalendar, from: Date, to: Date): number {
  const a = from.getTime();
  const b = to.getTime();
  if (b <= a) return 0;
  let total = 0;
  for (const i of openIntervals(calendar, a, b))
    total += Math.max(0, Math.min(b, i.end) - Math.max(a, i.start));
  return total;
}

/**
 * Business time between many pairs of instants inside `[from, to]`: the calendar's open intervals
 * are worked out once and each answer is two binary searches. `businessMsBetween` walks every day
 * of the span with the zone's clock on each call, which a report asking it for thousands of
 * conversations over months cannot afford. Outside the span it falls back to that walk.
 */
export function businessTimeline(calendar: BusinessCalendar, from: Date, to: Date) {
  const start = from.getTime();
  const end = to.getTime();
  const intervals = openIntervals(calendar, start, end);
  // Business time before each interval starts, counted from the first.
  const before: number[] = [];
  let sum = 0;
  for (const i of intervals) {
    before.push(sum);
    sum += i.end - i.start;
  }
  const upTo = (t: number) => {
    let lo = 0;
    let hi = intervals.length - 1;
    let last = -1;
    while (lo <= hi) {
      const mid = (lo + hi) >> 1;
      if (intervals[mid]!.start <= t) {
        last = mid;
        lo = mid + 1;
      } else hi = mid - 1;
    }
    if (last < 0) return 0;
    const i = intervals[last]!;
    return before[last]! + Math.min(t, i.end) - i.start;
  };
  return {
    msBetween(a: Date, b: Date): number {
      const x = a.getTime();
      const y = b.getTime();
      if (y <= x) return 0;
      if (x < start || y > end) return businessMsBetween(calendar, a, b);
      return upTo(y) - upTo(x);
    },
  };
}

/**
 * When the calendar next opens at or after `at` (`at` itself when open), or null when it does not
 * open within `withinDays` (a calendar with no hours, or a long run of holidays).
 */
export function nextOpenAt(calendar: BusinessCalendar, at: Date, withinDays = 366): Date | null {
  const t = at.getTime();
  for (let day = 0; day < withinDays; day += 7) {
    const from = t + day * DAY_MS;
    const open = openIntervals(calendar, from - DAY_MS, from + 8 * DAY_MS).find((i) => i.end > t);
    if (open) return new Date(Math.max(open.start, t));
  }
  return null;
}

/**
 * The instant at which `ms` of business time have passed since `from`, or null when the calendar
 * does not hold that much open time within `withinDays` (no hours at all, a long closure).
 */
export function addBusinessMs(
  calendar: BusinessCalendar,
  from: Date,
  ms: number,
  withinDays = 366,
): Date | null {
  let left = Math.max(0, ms);
  let cursor = from.getTime();
  const end = cursor + withinDays * DAY_MS;
  while (cursor < end) {
    const to = Math.min(end, cursor + 7 * DAY_MS);
    for (const i of openIntervals(calendar, cursor, to)) {
      const start = Math.max(i.start, cursor);
      const stop = Math.min(i.end, to);
      if (stop <= start) continue;
      if (stop - start >= left) return new Date(start + left);
      left -= stop - start;
    }
    cursor = to;
  }
  return null;
}

/**
 * The open intervals that overlap `[from, to)`, sorted and merged (a range ending at 24:00 and
 * the next day's starting at 00:00 are one interval).
 */
export function openIntervals(calendar: BusinessCalendar, from: number, to: number): OpenInterval[] {
  const zone = calendar.timeZone;
  // From the local day before `from` (its overnight range may still be running).
  let day = localDate(zone, from - DAY_MS);
  const last = localDate(zone, to);
  const found: OpenInterval[] = [];
  for (let guard = 0; guard < 4000 && compareDates(day, last) <= 0; guard++) {
    if (!isHoliday(calendar, day)) {
      const ranges = calendar.days[isoWeekday(day)] ?? [];
      for (const r of ranges) {
        const start = instantOf(zone, day, r.from);
        const end = r.to > r.from ? instantOf(zone, day, r.to) : instantOf(zone, addDays(day, 1), r.to);
        if (end > start && end > from && start < to) found.push({ start, end });
      }
    }
    day = addDays(day, 1);
  }
  found.sort((x, y) => x.start - y.start);
  const merged: OpenInterval[] = [];
  for (const i of found) {
    const prev = merged.at(-1);
    if (prev && i.start <= prev.end) prev.end = Math.max(prev.end, i.end);
    else merged.push({ ...i });
  }
  return merged;
}

/**
 * Ranges of one day that overlap another of the same day (09:00–14:00 and 13:00–18:00), almost
 * always a typing slip: each with the day, its index and the index of the range it overlaps.
 * An overnight range counts up to midnight here (the next day's ranges are the next day's).
 */
export function overlappingRanges(
  calendar: Pick<BusinessCalendar, 'days'>,
): { day: number; index: number; other: number }[] {
  const minutes = (time: string) => Number(time.slice(0, 2)) * 60 + Number(time.slice(3));
  const found: { day: number; index: number; other: number }[] = [];
  calendar.days.forEach((ranges, day) => {
    const spans = ranges
      .map((r, index) => ({ index, start: minutes(r.from), end: r.to > r.from ? minutes(r.to) : 24 * 60 }))
      .sort((a, b) => a.start - b.start || a.index - b.index);
    let widest = spans[0];
    for (const span of spans.slice(1)) {
      if (widest && span.start < widest.end) found.push({ day, index: span.index, other: widest.index });
      if (!widest || span.end > widest.end) widest = span;
    }
  });
  return found;
}

// --- local dates and wall-clock time in a zone ------------------------------------------------

type LocalDate = { y: number; m: number; d: number };

function isHoliday(calendar: BusinessCalendar, day: LocalDate): boolean {
  const iso = `${day.y}-${pad(day.m)}-${pad(day.d)}`;
  return calendar.holidays.some((h) => (h.yearly ? h.date.slice(5) === iso.slice(5) : h.date === iso));
}

/** 0 = Monday … 6 = Sunday. */
function isoWeekday(day: LocalDate): number {
  return (new Date(Date.UTC(day.y, day.m - 1, day.d)).getUTCDay() + 6) % 7;
}

function addDays(day: LocalDate, n: number): LocalDate {
  const t = new Date(Date.UTC(day.y, day.m - 1, day.d + n));
  return { y: t.getUTCFullYear(), m: t.getUTCMonth() + 1, d: t.getUTCDate() };
}

function compareDates(a: LocalDate, b: LocalDate): number {
  return a.y - b.y || a.m - b.m || a.d - b.d;
}

const pad = (n: number) => String(n).padStart(2, '0');

const formatters = new Map<string, Intl.DateTimeFormat>();

function formatterOf(zone: string): Intl.DateTimeFormat {
  let f = formatters.get(zone);
  if (!f) {
    f = new Intl.DateTimeFormat('en-US', {
      timeZone: zone,
      hourCycle: 'h23',
      year: 'numeric',
      month: 'numeric',
      day: 'numeric',
      hour: 'numeric',
      minute: 'numeric',
      second: 'numeric',
    });
    formatters.set(zone, f);
  }
  return f;
}

/** The wall clock in `zone` at instant `t`, written as if it were UTC (epoch ms). */
function wallClock(zone: string, t: number): number {
  const parts: Record<string, number> = {};
  for (const p of formatterOf(zone).formatToParts(new Date(t))) {
    if (p.type !== 'literal') parts[p.type] = Number(p.value);
  }
  return Date.UTC(parts.year!, parts.month! - 1, parts.day!, parts.hour!, parts.minute!, parts.second!);
}

function localDate(zone: string, t: number): LocalDate {
  const w = new Date(wallClock(zone, t));
  return { y: w.getUTCFullYear(), m: w.getUTCMonth() + 1, d: w.getUTCDate() };
}

/**
 * The instant the wall clock in `zone` shows `time` on `day`. Skipped by a clock change: the
 * moment after the gap; shown twice: the first time.
 */
function instantOf(zone: string, day: LocalDate, time: string): number {
  const [h, min] = time.split(':').map(Number) as [number, number];
  const wall = Date.UTC(day.y, day.m - 1, day.d, h, min);
  // The zone's offsets half a day either side: at most one clock change lies between them.
  const before = wallClock(zone, wall - DAY_MS / 2) - (wall - DAY_MS / 2);
  const after = wallClock(zone, wall + DAY_MS / 2) - (wall + DAY_MS / 2);
  const withBefore = wall - before;
  const withAfter = wall - after;
  const beforeOk = wallClock(zone, withBefore) === wall;
  const afterOk = wallClock(zone, withAfter) === wall;
  if (beforeOk && afterOk) return Math.min(withBefore, withAfter);
  if (beforeOk) return withBefore;
  if (afterOk) return withAfter;
  // In the gap: the offset before the change carries the time past it (02:30 -> 03:30).
  return withBefore;
}

/** What Settings › Business hours shows: the workspace's calendar and each team's own, if any. */
export const BusinessHoursSchema = z.object({
  /** Null until an admin sets the hours: then Charla counts every hour as open. */
  workspace: BusinessCalendarSchema.nullable(),
  teams: z.array(
    z.object({
      teamId: z.uuid(),
      teamName: z.string(),
      /** Null: the team keeps the workspace's hours. */
      calendar: BusinessCalendarSchema.nullable(),
    }),
  ),
});
export type BusinessHours = z.infer<typeof BusinessHoursSchema>;
