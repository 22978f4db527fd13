const dayMs = 24 * 60 * 60 * 1000;

function startOfDay(date: Date): number {
  return new Date(date.getFullYear(), date.getMonth(), date.getDate()).getTime();
}

/** Whole calendar days from `date` to `now` in the browser's time zone (0 = today). */
export function daysAgo(date: Date, now: Date): number {
  return Math.round((startOfDay(now) - startOfDay(date)) / dayMs);
}

/**
 * The clock each language reads: 24 hours in Spanish (14:05, whatever the country: es-MX would
 * otherwise say "02:05 p.m."), 12 hours in English (2:05 PM). Add it to every format with a time.
 */
export function clock(language: string): Pick<Intl.DateTimeFormatOptions, 'hourCycle'> {
  return { hourCycle: language.toLowerCase().startsWith('en') ? 'h12' : 'h23' };
}

/** A time of day: "14:05" in Spanish, "2:05 PM" in English. */
export function formatTime(iso: string, language: string): string {
  const english = clock(language).hourCycle === 'h12';
  return new Intl.DateTimeFormat(language, {
    hour: english ? 'numeric' : '2-digit',
    minute: '2-digit',
    ...clock(language),
  }).format(new Date(iso));
}

export function formatDate(iso: string, language: string): string {
  return new Intl.DateTimeFormat(language, { dateStyle: 'medium' }).format(new Date(iso));
}

/** Like a phone's chat list: time today, "yesterday", the weekday this week, else the date. */
export function formatListTime(iso: string, now: Date, language: string): string {
  const date = new Date(iso);
  const days = daysAgo(date, now);
  if (days <= 0) return formatTime(iso, language);
  if (days === 1)
    return capitalize(new Intl.RelativeTimeFormat(language, { numeric: 'auto' }).format(-1, 'day'));
  if (days < 7) return capitalize(new Intl.DateTimeFormat(language, { weekday: 'long' }).format(date));
  return new Intl.DateTimeFormat(language, { day: 'numeric', month: 'numeric', year: '2-digit' }).format(
    date,
  );
}

/** Separator between days in a thread: "Today", "Yesterday", or the full date. */
export function formatDayLabel(iso: string, now: Date, language: string): string {
  const date = new Date(iso);
  const days = daysAgo(date, now);
  if (days === 0 || days === 1) {
    return capitalize(new Intl.RelativeTimeFormat(language, { numeric: 'auto' }).format(-days, 'day'));
  }
  return new Intl.DateTimeFormat(language, {
    weekday: 'long',
    day: 'numeric',
    month: 'long',
    year: 'numeric',
  }).format(date);
}

function capitalize(text: string): string {
  return text.charAt(0).toLocaleUpperCase() + text.slice(1);
}
