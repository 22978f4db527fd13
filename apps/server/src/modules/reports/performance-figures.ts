import type { PerformanceFigures } from '@charla/contracts';
import type { Query } from '../../platform/db/database';
import { type Bucket, bucketStats, splitPeriod } from './report-histograms';
import { PERIOD_END, PERIOD_START } from './report-period';

export interface Filters {
  time: 'business' | 'calendar';
  channelId?: string | undefined;
  teamId?: string | undefined;
  agentId?: string | undefined;
}

type Metric =
  | 'assigned'
  | 'handled'
  | 'reopened'
  | 'first'
  | 'response'
  | 'queue'
  | 'resolved'
  | 'expired'
  | 'sent';

interface BucketRow {
  /** A Metric, with `_b` when it is a duration in business time. */
  metric: string;
  agent: string | null;
  team: string | null;
  /** 1: by agent (the team rolled up), 2: by team, 3: the whole. */
  g: number;
  bucket: number;
  n: number;
  total: number | null;
}

export const emptyFigures = (): PerformanceFigures => ({
  assigned: 0,
  handled: 0,
  resolved: 0,
  reopened: 0,
  messagesSent: 0,
  firstResponse: { count: 0, medianMs: null, p90Ms: null },
  response: { count: 0, medianMs: null, p90Ms: null },
  resolution: { count: 0, medianMs: null, p90Ms: null },
  queueWait: { count: 0, medianMs: null, p90Ms: null },
  expired: 0,
  missed: 0,
  onlineMs: null,
});

/**
 * Every figure of the period, by agent, by team and as a whole. The whole UTC days inside it come
 * from report_histograms (a few hundred rows a day); the hours at its edges, which are not whole
 * UTC days in the browser's zone, from the cycles themselves, one fact per row as the histograms
 * count them (report_histogram_rows_sql, migration 0043). Working out every fact of 30 or 90 days
 * exactly took 0.4-3.5 s a request (bench/README.md).
 */
export async function figuresOf(
  q: Query,
  workspaceId: string,
  from: string,
  to: string,
  tz: string,
  f: Filters,
  now: Date,
  /** false: every fact from the cycles, none from the histograms (tests compare the two). */
  wholeDays = true,
): Promise<Map<string, PerformanceFigures>> {
  const [bounds] = await q<{ start: Date; end: Date }>(
    `SELECT ${PERIOD_START} AS start, ${PERIOD_END} AS "end", $1::uuid AS workspace`,
    [workspaceId, from, to, tz],
  );
  const start = new Date(bounds!.start);
  const end = new Date(bounds!.end);
  const { spans, edges } = wholeDays
    ? splitPeriod(start, end, now)
    : { spans: [], edges: [start, end, end, end] };
  const b = f.time === 'business' ? 'b' : '';
  const kind = b ? '_b' : '';
  const scope = `workspace_id = $1 AND ($2::uuid IS NULL OR channel_id = $2) AND ($3::uuid IS NULL OR team_id = $3)`;
  const inEdges = (column: string) =>
    `(${column} >= $5 AND ${column} < $6 OR ${column} >= $7 AND ${column} < $8)`;
  const startedColumns = [
    ...new Set([
      'team_id',
      'agent_user_id',
      'assigned_user_ids',
      'replier_user_ids',
      'reopened',
      'first_responder_user_id',
      'first_response_ms',
      `first_response_${b}ms`,
      `response_${b}ms`,
      `queue_wait_${b}ms`,
      'agent_messages',
    ]),
  ].join(', ');
  const rows = await q<BucketRow & Record<string, unknown>>(
    `WITH kept AS (
       SELECT h.metric, h.agent_user_id AS agent, h.team_id AS team, h.bucket, h.count::bigint AS n, h.sum AS total
         FROM unnest($9::smallint[], $10::int[]) AS s(level, block)
         JOIN report_histograms h ON h.workspace_id = $1 AND h.level = s.level AND h.block = s.block
        WHERE h.metric = ANY($11::text[])
          AND ($2::uuid IS NULL OR h.channel_id = $2) AND ($3::uuid IS NULL OR h.team_id = $3)),
     started AS (
       SELECT ${startedColumns} FROM conversation_cycles WHERE ${scope} AND ${inEdges('started_at')}),
     facts AS (
       SELECT 'assigned' AS metric, u AS agent, team_id AS team, NULL::bigint AS ms, false AS d FROM started, unnest(assigned_user_ids) u
       UNION ALL SELECT 'handled', u, team_id, NULL, false FROM started, unnest(replier_user_ids) u
       UNION ALL SELECT 'reopened', agent_user_id, team_id, NULL, false FROM started WHERE reopened
       UNION ALL SELECT 'first${kind}', first_responder_user_id, team_id, first_response_${b}ms, true FROM started
                  WHERE first_response_ms IS NOT NULL
       UNION ALL SELECT 'response${kind}', agent_user_id, team_id, r, true FROM started, unnest(response_${b}ms) r
       UNION ALL SELECT 'queue${kind}', agent_user_id, team_id, w, true FROM started, unnest(queue_wait_${b}ms) w
       -- A team's messages sent: the responses in its cycles (message_hourly has no team).
       UNION ALL SELECT 'sent', NULL, team_id, agent_messages, false FROM started WHERE team_id IS NOT NULL
       UNION ALL SELECT 'resolved${kind}', agent_user_id, team_id, resolution_${b}ms, true FROM conversation_cycles
                  WHERE ${scope} AND ${inEdges('resolved_at')}
       UNION ALL SELECT 'expired', agent_user_id, team_id,
                        CASE WHEN first_response_at IS NULL OR first_response_at > expires_at THEN 1 ELSE 0 END, false
                   FROM conversation_cycles
                  WHERE ${scope} AND ${inEdges('expires_at')} AND expires_at <= $4),
     counted AS (
       SELECT * FROM kept
       UNION ALL
       SELECT metric, agent, team, CASE WHEN d THEN report_bucket(ms) ELSE -1 END, 1, coalesce(ms, 0) FROM facts),
     -- Summed by agent and team first: the grouping sets then go over far fewer rows.
     pairs AS (
       SELECT metric, agent, team, bucket, sum(n) AS n, sum(total) AS total FROM counted
        WHERE $12::uuid IS NULL OR agent = $12
        GROUP BY metric, agent, team, bucket)
     SELECT metric, agent, team, GROUPING(agent, team) AS g, bucket, sum(n)::int AS n, sum(total)::float8 AS total
       FROM pairs
      GROUP BY metric, bucket, GROUPING SETS ((agent), (team), ())
     HAVING sum(n) <> 0`,
    [
      workspaceId,
      f.channelId ?? null,
      f.teamId ?? null,
      now,
      ...edges,
      spans.map((s) => s.level),
      spans.map((s) => s.block),
      ['assigned', 'handled', 'reopened', 'sent', 'expired'].concat(
        ['first', 'response', 'queue', 'resolved'].map((m) => m + kind),
      ),
      f.agentId ?? null,
    ],
  );
  const histograms = new Map<string, Map<Metric, Bucket[]>>();
  for (const r of rows) {
    if ((r.g === 1 && !r.agent) || (r.g === 2 && !r.team)) continue;
    const key = r.g === 1 ? `agent:${r.agent}` : r.g === 2 ? `team:${r.team}` : 'all';
    const metrics = histograms.get(key) ?? new Map<Metric, Bucket[]>();
    histograms.set(key, metrics);
    const metric = r.metric.replace(/_b$/, '') as Metric;
    metrics.set(metric, [
      ...(metrics.get(metric) ?? []),
      { bucket: r.bucket, n: r.n, total: Number(r.total ?? 0) },
    ]);
  }
  const out = new Map<string, PerformanceFigures>();
  for (const [key, metrics] of histograms) {
    const fig = emptyFigures();
    const of = (metric: Metric) => metrics.get(metric) ?? [];
    const count = (metric: Metric) => of(metric).reduce((n, b) => n + b.n, 0);
    const total = (metric: Metric) => of(metric).reduce((n, b) => n + b.total, 0);
    fig.assigned = count('assigned');
    fig.handled = count('handled');
    fig.reopened = count('reopened');
    fig.firstResponse = bucketStats(of('first'));
    fig.response = bucketStats(of('response'));
    fig.queueWait = bucketStats(of('queue'));
    fig.resolution = bucketStats(of('resolved'));
    fig.resolved = fig.resolution.count;
    fig.messagesSent = total('sent');
    fig.expired = count('expired');
    fig.missed = total('expired');
    out.set(key, fig);
  }
  // With an agent asked for, "the whole" is theirs.
  if (f.agentId) out.set('all', out.get(`agent:${f.agentId}`) ?? emptyFigures());
  return out;
}
