import type {
  LiveLoad,
  PerformanceFigures,
  PerformanceReport,
  PerformanceRow,
  ReportQuery,
} from '@charla/contracts';
import type { Query } from '../../platform/db/database';
import { emptyFigures, type Filters, figuresOf } from './performance-figures';
import { reportsRefreshedAt } from './refresh-reports';
import { reportNames } from './report-names';
import { PERIOD_END, PERIOD_START, reportPeriod } from './report-period';
import type { ReportsActor, ReportsDeps } from './reports.deps';

/**
 * Agent and team performance over a period, beside the same number of days before it, and what
 * each has open right now. Read from conversation_cycles and message_hourly (refresh-reports.ts);
 * an agent gets only their own figures.
 */
export async function getPerformanceReport(
  deps: ReportsDeps,
  actor: ReportsActor,
  query: ReportQuery,
): Promise<PerformanceReport> {
  const period = reportPeriod(query);
  const agentId = actor.role === 'agent' ? actor.userId : query.agentId;
  const filters = { ...query, agentId };
  const q = deps.db.query;
  const [current, previous, sent, sentBefore, live, names, refreshedAt, online, onlineBefore] =
    await Promise.all([
      figuresOf(q, actor.workspaceId, period.from, period.to, period.tz, filters, deps.clock.now()),
      figuresOf(
        q,
        actor.workspaceId,
        period.previousFrom,
        period.previousTo,
        period.tz,
        filters,
        deps.clock.now(),
      ),
      messagesSent(q, actor.workspaceId, period.from, period.to, period.tz, filters),
      messagesSent(q, actor.workspaceId, period.previousFrom, period.previousTo, period.tz, filters),
      liveLoad(q, actor.workspaceId, filters),
      reportNames(q, actor.workspaceId),
      reportsRefreshedAt(deps),
      timeOnline(q, actor.workspaceId, period.from, period.to, period.tz, filters),
      timeOnline(q, actor.workspaceId, period.previousFrom, period.previousTo, period.tz, filters),
    ]);
  const figures = (
    facts: Map<string, PerformanceFigures>,
    sentBy: Map<string, number>,
    key: string,
    onlineOf: Map<string, number>,
  ) => {
    const f = facts.get(key) ?? emptyFigures();
    return {
      ...f,
      // Teams, and the whole of one team, count the responses in their cycles (message_hourly has no team).
      messagesSent:
        key.startsWith('team:') || (key === 'all' && query.teamId) ? f.messagesSent : (sentBy.get(key) ?? 0),
      onlineMs: key.startsWith('agent:') ? (onlineOf.get(key) ?? 0) : null,
    };
  };
  const agentIds = new Set([
    ...[...current.keys(), ...previous.keys()].filter((k) => k.startsWith('agent:')).map((k) => k.slice(6)),
    ...[...sent.keys()].filter((k) => k.startsWith('agent:')).map((k) => k.slice(6)),
    ...(agentId ? [agentId] : names.members.map((m) => m.id)),
  ]);
  const teamIds = new Set([
    ...[...current.keys(), ...previous.keys()].filter((k) => k.startsWith('team:')).map((k) => k.slice(5)),
    ...(query.teamId ? [query.teamId] : names.teams.map((t) => t.id)),
  ]);
  const memberName = new Map(names.members.map((m) => [m.id, m.name]));
  const teamName = new Map(names.teams.map((t) => [t.id, t.name]));
  const row = (kind: 'agent' | 'team', id: string, name: string): PerformanceRow => ({
    id,
    name,
    figures: figures(current, sent, `${kind}:${id}`, online),
    previous: figures(previous, sentBefore, `${kind}:${id}`, onlineBefore),
    now: live.get(`${kind}:${id}`) ?? { open: 0, pending: 0, waiting: 0 },
  });
  const agents = [...agentIds]
    .filter((id) => !agentId || id === agentId)
    .map((id) => row('agent', id, memberName.get(id) ?? ''))
    .sort((a, b) => a.name.localeCompare(b.name) || a.id.localeCompare(b.id));
  // Teams are everyone's figures: an agent sees only their own row.
  const teams =
    actor.role === 'agent'
      ? []
      : [...teamIds]
          .filter((id) => !query.teamId || id === query.teamId)
          .map((id) => row('team', id, teamName.get(id) ?? ''))
          .sort((a, b) => a.name.localeCompare(b.name) || a.id.localeCompare(b.id));
  const whole = agentId ? `agent:${agentId}` : 'all';
  return {
    period: { from: period.from, to: period.to },
    previousPeriod: { from: period.previousFrom, to: period.previousTo },
    businessTime: query.time === 'business' && (await hasHours(q, actor.workspaceId)),
    totals: figures(current, sent, whole, online),
    previousTotals: figures(previous, sentBefore, whole, onlineBefore),
    now: live.get(whole) ?? { open: 0, pending: 0, waiting: 0 },
    agents,
    teams,
    refreshedAt: refreshedAt?.toISOString() ?? null,
  };
}

/** Responses each agent sent in the period (message_hourly; not split by team). */
async function messagesSent(
  q: Query,
  workspaceId: string,
  from: string,
  to: string,
  tz: string,
  f: Filters,
): Promise<Map<string, number>> {
  const rows = await q<{ agent: string | null; g: number; n: number }>(
    `SELECT sender_user_id AS agent, GROUPING(sender_user_id) AS g, sum(count)::int AS n
       FROM message_hourly
      WHERE workspace_id = $1 AND sender_kind = 'person'
        AND hour >= ${PERIOD_START} AND hour < ${PERIOD_END}
        AND ($5::uuid IS NULL OR channel_id = $5) AND ($6::uuid IS NULL OR sender_user_id = $6)
      GROUP BY GROUPING SETS ((sender_user_id), ())`,
    [workspaceId, from, to, tz, f.channelId ?? null, f.agentId ?? null],
  );
  const out = new Map<string, number>();
  for (const r of rows) out.set(r.g === 0 ? `agent:${r.agent}` : 'all', r.n);
  if (f.agentId) out.set('all', out.get(`agent:${f.agentId}`) ?? 0);
  return out;
}

/**
 * Each member's time with Charla open in the period (member_online_spans): spans of several tabs
 * or processes that overlap count once.
 */
async function timeOnline(
  q: Query,
  workspaceId: string,
  from: string,
  to: string,
  tz: string,
  f: Filters,
): Promise<Map<string, number>> {
  const rows = await q<{ user_id: string; ms: string | null }>(
    `SELECT user_id, round(sum(extract(epoch FROM upper(r) - lower(r))) * 1000) AS ms
       FROM (SELECT user_id, unnest(range_agg(tstzrange(GREATEST(started_at, ${PERIOD_START}),
                                                        LEAST(last_seen_at, ${PERIOD_END})))) AS r
               FROM member_online_spans
              WHERE workspace_id = $1 AND last_seen_at >= ${PERIOD_START} AND started_at < ${PERIOD_END}
                AND ($5::uuid IS NULL OR user_id = $5)
              GROUP BY user_id) s
      GROUP BY user_id`,
    [workspaceId, from, to, tz, f.agentId ?? null],
  );
  return new Map(rows.map((r) => [`agent:${r.user_id}`, Number(r.ms ?? 0)]));
}

/** Open and pending conversations per assignee and team now, and those waiting for someone. */
async function liveLoad(q: Query, workspaceId: string, f: Filters): Promise<Map<string, LiveLoad>> {
  const rows = await q<{
    assignee: string | null;
    team: string | null;
    g: number;
    open: number;
    pending: number;
    waiting: number;
  }>(
    `SELECT assignee_user_id AS assignee, team_id AS team, GROUPING(assignee_user_id, team_id) AS g,
            count(*) FILTER (WHERE status = 'open')::int AS open,
            count(*) FILTER (WHERE status = 'pending')::int AS pending,
            count(*) FILTER (WHERE assignee_user_id IS NULL)::int AS waiting
       FROM conversations
      WHERE workspace_id = $1 AND status IN ('open', 'pending')
        AND ($2::uuid IS NULL OR channel_id = $2) AND ($3::uuid IS NULL OR team_id = $3)
        AND ($4::uuid IS NULL OR assignee_user_id = $4)
      GROUP BY GROUPING SETS ((assignee_user_id), (team_id), ())`,
    [workspaceId, f.channelId ?? null, f.teamId ?? null, f.agentId ?? null],
  );
  const out = new Map<string, LiveLoad>();
  for (const r of rows) {
    if (r.g === 1 && r.assignee) out.set(`agent:${r.assignee}`, { ...r, waiting: 0 });
    else if (r.g === 2 && r.team) out.set(`team:${r.team}`, r);
    else if (r.g === 3) out.set('all', r);
  }
  if (f.agentId)
    out.set('all', { ...(out.get(`agent:${f.agentId}`) ?? { open: 0, pending: 0 }), waiting: 0 });
  return new Map([...out].map(([k, v]) => [k, { open: v.open, pending: v.pending, waiting: v.waiting }]));
}

async function hasHours(q: Query, workspaceId: string): Promise<boolean> {
  const rows = await q('SELECT 1 FROM business_calendars WHERE workspace_id = $1 LIMIT 1', [workspaceId]);
  return rows.length > 0;
}
