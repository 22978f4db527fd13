/**
 * How the reports write their figures: durations as "1 h 05 min" in both languages (digits by
 * Intl), counts and shares by Intl, and the change against the previous period.
 */

export function formatCount(value: number, language: string): string {
  return new Intl.NumberFormat(language).format(value);
}

export function formatShare(part: number, whole: number, language: string): string {
  if (whole <= 0) return '—';
  return new Intl.NumberFormat(language, { style: 'percent', maximumFractionDigits: 0 }).format(part / whole);
}

/** "45 s", "12 min", "1 h 05 min", "2 d 3 h"; "—" when nothing was measured. */
export function formatDuration(ms: number | null, language: string): string {
  if (ms === null || !Number.isFinite(ms)) return '—';
  const n = new Intl.NumberFormat(language, { maximumFractionDigits: 0 });
  const two = new Intl.NumberFormat(language, { minimumIntegerDigits: 2, maximumFractionDigits: 0 });
  const seconds = Math.round(ms / 1000);
  if (seconds < 60) return `${n.format(seconds)} s`;
  const minutes = Math.round(ms / 60_000);
  if (minutes < 60) return `${n.format(minutes)} min`;
  const hours = Math.floor(minutes / 60);
  if (hours < 24) return `${n.format(hours)} h ${two.format(minutes % 60)} min`;
  const days = Math.floor(hours / 24);
  return hours % 24 === 0 ? `${n.format(days)} d` : `${n.format(days)} d ${n.format(hours % 24)} h`;
}

/**
 * Whether a rise of the figure is good news (more resolved) or bad (slower, more expired), or
 * neither (more messages sent is only more).
 */
export type Direction = 'higherIsBetter' | 'lowerIsBetter' | 'neutral';

export interface Change {
  /** Relative change, e.g. 0.25 for +25 %; null when there is nothing to compare with. */
  ratio: number | null;
  trend: 'up' | 'down' | 'flat' | 'none';
  verdict: 'better' | 'worse' | 'neutral';
}

export function compare(current: number | null, previous: number | null, direction: Direction): Change {
  if (current === null || previous === null || previous === 0) {
    return { ratio: null, trend: 'none', verdict: 'neutral' };
  }
  const ratio = (current - previous) / previous;
  if (Math.abs(ratio) < 0.005) return { ratio: 0, trend: 'flat', verdict: 'neutral' };
  const trend = ratio > 0 ? 'up' : 'down';
  if (direction === 'neutral') return { ratio, trend, verdict: 'neutral' };
  const isBetter = direction === 'higherIsBetter' ? ratio > 0 : ratio < 0;
  return { ratio, trend, verdict: isBetter ? 'better' : 'worse' };
}

export function formatRatio(ratio: number, language: string): string {
  return new Intl.NumberFormat(language, {
    style: 'percent',
    maximumFractionDigits: 0,
    signDisplay: 'exceptZero',
  }).format(ratio);
}

/** Minutes with one decimal, as a spreadsheet reads them (CSV). */
export function toMinutes(ms: number | null): string {
  return ms === null ? '' : (ms / 60_000).toFixed(1);
}

/** A rate of 0..1 as a whole percentage; "—" when there was nothing to divide by. */
export function formatRate(rate: number | null, language: string): string {
  if (rate === null || !Number.isFinite(rate)) return '—';
  return new Intl.NumberFormat(language, { style: 'percent', maximumFractionDigits: 0 }).format(rate);
}

/** A rate for a spreadsheet: a percentage with one decimal, empty when there is none. */
export function toPercent(rate: number | null): string {
  return rate === null ? '' : (rate * 100).toFixed(1);
}

/** Minutes as hours and minutes ("26 h 40 min", "45 min"): SLA targets are business time, not days. */
export function formatMinutes(minutes: number, language: string): string {
  const n = new Intl.NumberFormat(language, { maximumFractionDigits: 0 });
  const two = new Intl.NumberFormat(language, { minimumIntegerDigits: 2, maximumFractionDigits: 0 });
  if (minutes < 60) return `${n.format(minutes)} min`;
  const rest = minutes % 60;
  return rest === 0
    ? `${n.format(Math.floor(minutes / 60))} h`
    : `${n.format(Math.floor(minutes / 60))} h ${two.format(rest)} min`;
}

/** How well a target was met: green from 90 %, amber from 75 %, red below. */
export function metTone(rate: number | null): 'green' | 'amber' | 'red' | 'neutral' {
  if (rate === null) return 'neutral';
  return rate >= 0.9 ? 'green' : rate >= 0.75 ? 'amber' : 'red';
}
