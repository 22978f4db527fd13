import type { AutomationReport, ReportQuery } from '@charla/contracts';
import { PERIOD_END, PERIOD_START, reportPeriod } from './report-period';
import { assertReportsManager, type ReportsActor, type ReportsDeps } from './reports.deps';

interface FlowNodeRef {
  id: string;
  type: string;
}
interface FlowEdgeRef {
  source: string;
  target: string;
}

/**
 * Automation over a period: how often each rule fired; each flow's sessions started in the period
 * by how they ended, and its funnel (how many reached each step, where the abandoned ones stopped);
 * each sequence's enrolments of the period by how they ended. Owners and admins.
 */
export async function getAutomationReport(
  deps: ReportsDeps,
  actor: ReportsActor,
  query: ReportQuery,
): Promise<AutomationReport> {
  assertReportsManager(actor, 'see the automation report');
  const period = reportPeriod(query);
  const q = deps.db.query;
  const params = [actor.workspaceId, period.from, period.to, period.tz];
  const [rules, flows, sessions, sequences] = await Promise.all([
    q<{
      id: string;
      name: string;
      enabled: boolean;
      fired: number;
      fired_count: string | number;
      last_fired_at: Date | null;
    }>(
      `SELECT r.id, r.name, r.enabled, r.fired_count, r.last_fired_at,
              coalesce((SELECT sum(h.fired) FROM automation_rule_fire_hours h
                         WHERE h.rule_id = r.id AND h.workspace_id = $1
                           AND h.hour >= ${PERIOD_START} AND h.hour < ${PERIOD_END}), 0)::int AS fired
         FROM automation_rules r WHERE r.workspace_id = $1 ORDER BY r.position, r.created_at, r.id`,
      params,
    ),
    q<{
      id: string;
      name: string;
      version: number | null;
      definition: { nodes?: FlowNodeRef[]; edges?: FlowEdgeRef[] } | string | null;
    }>(
      `SELECT f.id, f.name, f.published_version AS version, v.definition
         FROM flows f LEFT JOIN flow_versions v ON v.flow_id = f.id AND v.version = f.published_version
        WHERE f.workspace_id = $1 ORDER BY f.name, f.id`,
      [actor.workspaceId],
    ),
    // Grouped by path: sessions that went the same way are one row.
    q<{
      flow_id: string;
      status: string;
      node_id: string | null;
      reached: string[] | string | null;
      n: number;
    }>(
      `SELECT flow_id, status, state->>'nodeId' AS node_id, state->'reached' AS reached, count(*)::int AS n
         FROM bot_sessions
        WHERE workspace_id = $1 AND started_at >= ${PERIOD_START} AND started_at < ${PERIOD_END}
        GROUP BY 1, 2, 3, 4`,
      params,
    ),
    q<{
      id: string;
      name: string;
      enabled: boolean;
      enrolled: number;
      finished: number;
      replied: number;
      opted_out: number;
      other: number;
      active: number;
    }>(
      `SELECT s.id, s.name, s.enabled, count(e.id)::int AS enrolled,
              count(e.id) FILTER (WHERE e.status = 'finished')::int AS finished,
              count(e.id) FILTER (WHERE e.status = 'stopped' AND e.stop_reason = 'replied')::int AS replied,
              count(e.id) FILTER (WHERE e.status = 'stopped' AND e.stop_reason = 'opted_out')::int AS opted_out,
              count(e.id) FILTER (WHERE e.status IN ('stopped', 'cancelled')
                                    AND e.stop_reason IS DISTINCT FROM 'replied'
                                    AND e.stop_reason IS DISTINCT FROM 'opted_out')::int AS other,
              count(e.id) FILTER (WHERE e.status = 'active')::int AS active
         FROM sequences s
         LEFT JOIN sequence_enrollments e ON e.sequence_id = s.id AND e.workspace_id = $1
              AND e.created_at >= ${PERIOD_START} AND e.created_at < ${PERIOD_END}
        WHERE s.workspace_id = $1 GROUP BY s.id ORDER BY s.name, s.id`,
      params,
    ),
  ]);

  const sessionsOf = new Map<string, typeof sessions>();
  for (const s of sessions) sessionsOf.set(s.flow_id, [...(sessionsOf.get(s.flow_id) ?? []), s]);

  return {
    period: { from: period.from, to: period.to },
    rules: rules.map((r) => ({
      id: r.id,
      name: r.name,
      enabled: r.enabled,
      fired: r.fired,
      firedEver: Number(r.fired_count),
      lastFiredAt: r.last_fired_at ? new Date(r.last_fired_at).toISOString() : null,
    })),
    flows: flows.map((f) => flowRow(f, sessionsOf.get(f.id) ?? [])),
    sequences: sequences.map((s) => ({
      id: s.id,
      name: s.name,
      enabled: s.enabled,
      enrolled: s.enrolled,
      finished: s.finished,
      stoppedByReply: s.replied,
      stoppedByOptOut: s.opted_out,
      stoppedOther: s.other,
      active: s.active,
    })),
  };
}

const json = <T>(v: unknown) => (typeof v === 'string' ? JSON.parse(v) : v) as T;

function flowRow(
  f: { id: string; name: string; version: number | null; definition: unknown },
  sessions: { status: string; node_id: string | null; reached: unknown; n: number }[],
): AutomationReport['flows'][number] {
  const count = (status: string) => sessions.filter((s) => s.status === status).reduce((n, s) => n + s.n, 0);
  const reached = new Map<string, number>();
  const abandoned = new Map<string, number>();
  const waiting = new Map<string, number>();
  const add = (m: Map<string, number>, id: string, n: number) => m.set(id, (m.get(id) ?? 0) + n);
  for (const s of sessions) {
    // Sessions started before the steps were kept know only where they are (or ended).
    const path = json<string[] | null>(s.reached) ?? (s.node_id ? [s.node_id] : []);
    for (const id of new Set(path)) add(reached, id, s.n);
    if (!s.node_id) continue;
    if (s.status === 'timed_out' || s.status === 'stopped') add(abandoned, s.node_id, s.n);
    if (s.status === 'active') add(waiting, s.node_id, s.n);
  }
  const definition = json<{ nodes?: FlowNodeRef[]; edges?: FlowEdgeRef[] } | null>(f.definition);
  return {
    id: f.id,
    name: f.name,
    version: f.version,
    started: sessions.reduce((n, s) => n + s.n, 0),
    completed: count('completed'),
    handedOff: count('handed_off'),
    timedOut: count('timed_out'),
    stopped: count('stopped'),
    moved: count('moved'),
    active: count('active'),
    funnel: inFlowOrder(definition?.nodes ?? [], definition?.edges ?? []).map((node) => ({
      nodeId: node.id,
      type: node.type,
      reached: reached.get(node.id) ?? 0,
      abandoned: abandoned.get(node.id) ?? 0,
      waiting: waiting.get(node.id) ?? 0,
    })),
  };
}

/** The steps from the start, breadth first (as a customer meets them); steps nothing leads to last. */
function inFlowOrder(nodes: FlowNodeRef[], edges: FlowEdgeRef[]): FlowNodeRef[] {
  const byId = new Map(nodes.map((n) => [n.id, n]));
  const start = nodes.find((n) => n.type === 'start');
  const seen = new Set<string>();
  const order: FlowNodeRef[] = [];
  const queue = start ? [start.id] : [];
  while (queue.length > 0) {
    const id = queue.shift()!;
    if (seen.has(id) || !byId.has(id)) continue;
    seen.add(id);
    order.push(byId.get(id)!);
    for (const e of edges) if (e.source === id) queue.push(e.target);
  }
  return [...order, ...nodes.filter((n) => !seen.has(n.id))];
}
