import type { DurationStats } from '@charla/contracts';
import type { Query } from '../../platform/db/database';

const DAY_MS = 86_400_000;
/** report_histograms keeps spans of 2^0 to 2^MAX_LEVEL days (the triggers of migration 0043 too). */
export const MAX_LEVEL = 6;

export interface Span {
  level: number;
  block: number;
}

/**
 * The days `from` (included) to `to` (excluded), counted since 1970-01-01, as the fewest spans of
 * report_histograms: each the largest aligned 2^level days that fits, so 90 days are at most a
 * dozen spans however they fall.
 */
export function spansOf(from: number, to: number): Span[] {
  const spans: Span[] = [];
  let day = from;
  while (day < to) {
    let level = 0;
    while (level < MAX_LEVEL && day % 2 ** (level + 1) === 0 && day + 2 ** (level + 1) <= to) level++;
    spans.push({ level, block: day / 2 ** level });
    day += 2 ** level;
  }
  return spans;
}

export interface PeriodSplit {
  spans: Span[];
  /** Instants read from the cycles themselves: [edges[0], edges[1]) and [edges[2], edges[3]). */
  edges: [Date, Date, Date, Date];
}

/**
 * A period (`start` to `end`, instants of the browser's days) as the whole UTC days inside it, read
 * from report_histograms, and the hours at either edge, read from the cycles. Days from `now` on
 * are edges too: a cycle expires only once its window has closed.
 */
export function splitPeriod(start: Date, end: Date, now: Date): PeriodSplit {
  const cut = Math.min(end.getTime(), now.getTime());
  const firstDay = Math.ceil(start.getTime() / DAY_MS);
  const lastDay = Math.floor(cut / DAY_MS);
  if (lastDay <= firstDay) return { spans: [], edges: [start, end, end, end] };
  return {
    spans: spansOf(firstDay, lastDay),
    edges: [start, new Date(firstDay * DAY_MS), new Date(lastDay * DAY_MS), end],
  };
}

export interface Bucket {
  /** report_bucket(ms): -1 no duration, 0 zero, then 5% wide steps upwards. */
  bucket: number;
  n: number;
  /** Sum of the bucket's durations. */
  total: number;
}

/**
 * Count, median and 90th percentile from a histogram, as percentile_cont over the facts would
 * give them if each fact were its bucket's mean: exact when a bucket's facts are equal (as in
 * small workspaces), else within the bucket's 5% of the exact value.
 */
export function bucketStats(buckets: Bucket[]): DurationStats {
  const count = buckets.reduce((n, b) => n + b.n, 0);
  const known = buckets.filter((b) => b.bucket >= 0 && b.n > 0).sort((a, b) => a.bucket - b.bucket);
  const n = known.reduce((sum, b) => sum + b.n, 0);
  if (n === 0) return { count, medianMs: null, p90Ms: null };
  const valueAt = (index: number) => {
    let seen = 0;
    for (const b of known) {
      seen += b.n;
      if (index < seen) return b.total / b.n;
    }
    const last = known.at(-1)!;
    return last.total / last.n;
  };
  const percentile = (p: number) => {
    const pos = p * (n - 1);
    const lo = Math.floor(pos);
    const below = valueAt(lo);
    return Math.round(below + (pos - lo) * (valueAt(Math.ceil(pos)) - below));
  };
  return { count, medianMs: percentile(0.5), p90Ms: percentile(0.9) };
}

/**
 * Turns the cycles' triggers off for the rest of the transaction: its writer keeps
 * report_histograms itself (netHistogramChanges, rebuildHistograms).
 */
export const HISTOGRAMS_KEPT = "SELECT set_config('charla.histograms_kept', 'on', true)";

const rowsSql = new Map<string, string>();
/**
 * The statement text (report_histogram_rows_sql of migration 0043) giving the histogram rows of the
 * cycles in `source`, a table or a CTE, with `sign` 1 to add them or -1 to take them away.
 */
export async function histogramRowsSql(query: Query, source: string, sign: 1 | -1, maxLevel = MAX_LEVEL) {
  const key = `${source} ${sign} ${maxLevel}`;
  if (!rowsSql.has(key)) {
    const [row] = await query<{ sql: string }>('SELECT report_histogram_rows_sql($1, $2, $3) AS sql', [
      source,
      sign,
      maxLevel,
    ]);
    rowsSql.set(key, row!.sql);
  }
  return rowsSql.get(key)!;
}

/** Where recomputeConversations gathers the facts it takes away and adds, before netting them. */
export const CHANGES_TABLE = 'report_histogram_changes';

export async function prepareHistogramChanges(query: Query): Promise<void> {
  await query(HISTOGRAMS_KEPT);
  await query(
    `CREATE TEMP TABLE IF NOT EXISTS ${CHANGES_TABLE} (LIKE report_histograms) ON COMMIT DELETE ROWS`,
  );
}

/**
 * Writes what the gathered changes come to: a conversation worked out again mostly gives the same
 * facts, so taking its old cycles away and adding the new ones one upsert at a time (as the
 * triggers do) wrote a million rows for 5,000 conversations; netted first, only the buckets that
 * changed are written.
 */
export async function netHistogramChanges(query: Query): Promise<void> {
  const [row] = await query<{ sql: string }>('SELECT report_histograms_upsert_sql($1) AS sql', [
    `SELECT workspace_id, level, block, metric, channel_id, team_id, agent_user_id, bucket, sum(count), sum(sum)
       FROM ${CHANGES_TABLE} GROUP BY 1, 2, 3, 4, 5, 6, 7, 8 HAVING sum(count) <> 0 OR sum(sum) <> 0`,
  ]);
  await query(row!.sql);
  await query(`DELETE FROM ${CHANGES_TABLE}`);
}

/**
 * report_histograms worked out whole from conversation_cycles (the triggers are off meanwhile):
 * the days from the facts, then each level from the one below, cheaper than every level from the
 * facts.
 */
export async function rebuildHistograms(query: Query): Promise<void> {
  await query(HISTOGRAMS_KEPT);
  await query('DELETE FROM report_histograms');
  await query(
    `INSERT INTO report_histograms
            (workspace_id, level, block, metric, channel_id, team_id, agent_user_id, bucket, count, sum)
     ${await histogramRowsSql(query, 'conversation_cycles', 1, 0)}`,
  );
  for (let level = 1; level <= MAX_LEVEL; level++)
    await query(
      `INSERT INTO report_histograms
              (workspace_id, level, block, metric, channel_id, team_id, agent_user_id, bucket, count, sum)
       SELECT workspace_id, $1::smallint, block >> 1, metric, channel_id, team_id, agent_user_id, bucket, sum(count), sum(sum)
         FROM report_histograms WHERE level = $1::smallint - 1
        GROUP BY workspace_id, block >> 1, metric, channel_id, team_id, agent_user_id, bucket`,
      [level],
    );
}
