export type SnoozePreset = '1h' | 'tomorrow' | 'nextWeek';

/** When a snooze preset ends, in the browser's time zone: in 1 h, tomorrow 9:00, next Monday 9:00. */
export function snoozeUntil(preset: SnoozePreset, now: Date): Date {
  if (preset === '1h') return new Date(now.getTime() + 60 * 60 * 1000);
  const date = new Date(now);
  date.setHours(9, 0, 0, 0);
  if (preset === 'tomorrow') {
    date.setDate(date.getDate() + 1);
    return date;
  }
  // Next week: the coming Monday (a week from today when today is Monday).
  const daysToMonday = (8 - date.getDay()) % 7 || 7;
  date.setDate(date.getDate() + daysToMonday);
  return date;
}
