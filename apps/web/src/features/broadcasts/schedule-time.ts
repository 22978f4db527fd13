import { clock } from '../../lib/format';
import { offsetLabel, zoneCity } from '../../lib/time-zones';

/**
 * Scheduling happens in the workspace's time zone, whatever the browser's is: a shop in Madrid
 * schedules "09:00" and means 09:00 in Madrid even when the owner travels.
 */

type Parts = { year: number; month: number; day: number; hour: number; minute: number; second: number };

function partsIn(instant: Date, timeZone: string): Parts {
  const format = new Intl.DateTimeFormat('en-US', {
    timeZone,
    hourCycle: 'h23',
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
    second: '2-digit',
  });
  const get = (type: string) =>
    Number(format.formatToParts(instant).find((part) => part.type === type)?.value ?? 0);
  return {
    year: get('year'),
    month: get('month'),
    day: get('day'),
    hour: get('hour'),
    minute: get('minute'),
    second: get('second'),
  };
}

/** How far `timeZone` is ahead of UTC at `instant`, in milliseconds. */
function offsetMs(instant: Date, timeZone: string): number {
  const p = partsIn(instant, timeZone);
  const asUtc = Date.UTC(p.year, p.month - 1, p.day, p.hour, p.minute, p.second);
  return asUtc - Math.floor(instant.getTime() / 1000) * 1000;
}

const DATE = /^(\d{4})-(\d{2})-(\d{2})$/;
const TIME = /^(\d{2}):(\d{2})$/;

/**
 * The instant a wall-clock date and time (`2026-12-01`, `09:30`) names in `timeZone`, or null
 * when the input is malformed. A time skipped by a DST jump moves forward by the jump.
 */
export function zonedToUtc(date: string, time: string, timeZone: string): Date | null {
  const d = DATE.exec(date);
  const t = TIME.exec(time);
  if (!d || !t) return null;
  const [year, month, day, hour, minute] = [d[1], d[2], d[3], t[1], t[2]].map(Number) as [
    number,
    number,
    number,
    number,
    number,
  ];
  if (month < 1 || month > 12 || day < 1 || day > 31 || hour > 23 || minute > 59) return null;
  const wall = Date.UTC(year, month - 1, day, hour, minute);
  // Two passes settle the offset on either side of a DST change.
  let guess = wall - offsetMs(new Date(wall), timeZone);
  guess = wall - offsetMs(new Date(guess), timeZone);
  return new Date(guess);
}

const pad = (n: number) => String(n).padStart(2, '0');

/** The wall-clock date and time of `instant` in `timeZone`, in the form the inputs take. */
export function utcToZoned(instant: Date, timeZone: string): { date: string; time: string } {
  const p = partsIn(instant, timeZone);
  return { date: `${p.year}-${pad(p.month)}-${pad(p.day)}`, time: `${pad(p.hour)}:${pad(p.minute)}` };
}

/** A default for "schedule for later": the next full hour at least 30 minutes away. */
export function defaultScheduleSlot(now: Date, timeZone: string): { date: string; time: string } {
  const next = new Date(now.getTime() + 30 * 60_000);
  next.setUTCMinutes(0, 0, 0);
  next.setTime(next.getTime() + 60 * 60_000);
  return utcToZoned(next, timeZone);
}

/** A date and time for people, in the workspace's zone, with the zone's short name. */
export function formatInZone(iso: string, language: string, timeZone: string): string {
  return new Intl.DateTimeFormat(language, {
    timeZone,
    dateStyle: 'medium',
    timeStyle: 'short',
    ...clock(language),
  }).format(new Date(iso));
}

/** A time of today for people (hours, minutes, seconds), in the workspace's zone. */
export function formatTimeInZone(iso: string, language: string, timeZone: string): string {
  return new Intl.DateTimeFormat(language, { timeZone, timeStyle: 'medium', ...clock(language) }).format(
    new Date(iso),
  );
}

/** `Europe/Madrid` -> `{ city: 'Madrid', offset: 'UTC+1' }` for the hint next to the inputs. */
export function zoneHint(timeZone: string, at: Date): { city: string; offset: string } {
  return { city: zoneCity(timeZone), offset: offsetLabel(timeZone, at) };
}

export function isValidTimeZone(timeZone: string): boolean {
  try {
    new Intl.DateTimeFormat('en-US', { timeZone });
    return true;
  } catch {
    return false;
  }
}
