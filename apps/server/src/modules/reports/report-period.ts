import type { ReportQuery } from '@charla/contracts';
import { AppError } from '../../platform/errors';
import { checkTimeZone } from '../auth';

const DAY_MS = 86_400_000;
/** A report covers at most this many days (and its comparison as many before). */
export const MAX_REPORT_DAYS = 400;

/** The period's first instant and the instant after it, in SQL, from $2 (from), $3 (to) and $4 (zone). */
export const PERIOD_START = '($2::date::timestamp AT TIME ZONE $4::text)';
export const PERIOD_END = '(($3::date + 1)::timestamp AT TIME ZONE $4::text)';

export interface ReportPeriod {
  from: string;
  to: string;
  previousFrom: string;
  previousTo: string;
  days: number;
  tz: string;
}

const dayNumber = (date: string) => Date.parse(`${date}T00:00:00Z`) / DAY_MS;
const dateOf = (n: number) => new Date(n * DAY_MS).toISOString().slice(0, 10);

/**
 * The days asked for (`from` to `to`, both included, in `tz`) and the same number of days just
 * before, for the comparison. Days become instants in SQL (`date::timestamp AT TIME ZONE tz`), so a
 * day of a clock change has its 23 or 25 hours.
 */
export function reportPeriod(query: Pick<ReportQuery, 'from' | 'to' | 'tz'>): ReportPeriod {
  const tz = checkTimeZone(query.tz, 'tz');
  const from = dayNumber(query.from);
  const to = dayNumber(query.to);
  if (
    !Number.isFinite(from) ||
    !Number.isFinite(to) ||
    dateOf(from) !== query.from ||
    dateOf(to) !== query.to
  )
    throw new AppError('invalid', 'invalid_date', 'Dates are days of the calendar, as YYYY-MM-DD.', [
      { path: Number.isFinite(from) && dateOf(from) === query.from ? 'to' : 'from', message: 'not a day' },
    ]);
  if (to < from)
    throw new AppError(
      'invalid',
      'invalid_period',
      `The period ends (${query.to}) before it starts (${query.from}).`,
      [{ path: 'to', message: 'must not be before from' }],
    );
  const days = to - from + 1;
  if (days > MAX_REPORT_DAYS)
    throw new AppError(
      'invalid',
      'period_too_long',
      `A report covers at most ${MAX_REPORT_DAYS} days; this one asks for ${days}. Choose a shorter period.`,
      [{ path: 'from', message: `at most ${MAX_REPORT_DAYS} days` }],
    );
  return {
    from: query.from,
    to: query.to,
    previousFrom: dateOf(from - days),
    previousTo: dateOf(from - 1),
    days,
    tz,
  };
}
