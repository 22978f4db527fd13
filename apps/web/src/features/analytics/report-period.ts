/** The periods the Reports page offers, as whole days (`YYYY-MM-DD`) in the browser's zone. */
export type PresetId = 'today' | 'last7' | 'last30' | 'thisMonth' | 'lastMonth' | 'custom';

export const PRESETS: readonly PresetId[] = ['today', 'last7', 'last30', 'thisMonth', 'lastMonth', 'custom'];

export interface DayRange {
  from: string;
  to: string;
}

/** A local date as `YYYY-MM-DD` (not `toISOString`, which is UTC and can be another day). */
export function toDay(date: Date): string {
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}`;
}

/** The days of a preset on the day `now` falls in; `custom` keeps the last 7 days to start from. */
export function presetRange(preset: PresetId, now: Date): DayRange {
  const y = now.getFullYear();
  const m = now.getMonth();
  const d = now.getDate();
  const today = toDay(now);
  switch (preset) {
    case 'today':
      return { from: today, to: today };
    case 'last30':
      return { from: toDay(new Date(y, m, d - 29)), to: today };
    case 'thisMonth':
      return { from: toDay(new Date(y, m, 1)), to: today };
    case 'lastMonth':
      return { from: toDay(new Date(y, m - 1, 1)), to: toDay(new Date(y, m, 0)) };
    default:
      return { from: toDay(new Date(y, m, d - 6)), to: today };
  }
}

/** The browser's IANA zone: days and hours of the reports are counted in it. */
export function browserTimeZone(): string {
  return Intl.DateTimeFormat().resolvedOptions().timeZone || 'UTC';
}
