import {
  type BusinessCalendar,
  businessTimeline,
  type ReportQuery,
  type SetSlaTargetRequest,
  type SlaAtRisk,
  type SlaReport,
  type SlaTarget,
} from '@charla/contracts';
import { notFound } from '../../platform/errors';
import { calendarsOf } from '../automation';
import { refreshReports, reportsRefreshedAt } from './refresh-reports';
import { PERIOD_END, PERIOD_START, reportPeriod } from './report-period';
import { assertReportsManager, type ReportsActor, type ReportsDeps } from './reports.deps';

/** An open conversation is at risk from this share of its target on. */
const AT_RISK_SHARE = 0.75;
/** The at-risk list is read after a refresh when the figures are older than this. */
const LIVE_WITHIN_MS = 10_000;
const AT_RISK_LIMIT = 100;

/** The workspace's targets and each team's (null where a team has none of its own). */
export async function getSlaTargets(deps: ReportsDeps, actor: ReportsActor): Promise<SlaTarget[]> {
  assertReportsManager(actor, 'see and set SLA targets');
  const rows = await deps.db.query<{
    team_id: string | null;
    team_name: string | null;
    first_response_minutes: number | null;
    resolution_minutes: number | null;
  }>(
    `SELECT t.id AS team_id, t.name AS team_name, s.first_response_minutes, s.resolution_minutes
       FROM (SELECT NULL::uuid AS id, NULL::text AS name
             UNION ALL SELECT id, name FROM teams WHERE workspace_id = $1) t
       LEFT JOIN sla_targets s ON s.workspace_id = $1 AND s.team_id IS NOT DISTINCT FROM t.id
      ORDER BY t.id IS NOT NULL, lower(t.name)`,
    [actor.workspaceId],
  );
  return rows.map((r) => ({
    teamId: r.team_id,
    teamName: r.team_name,
    firstResponseMinutes: r.first_response_minutes,
    resolutionMinutes: r.resolution_minutes,
  }));
}

/** Sets (or, with both null, removes) the workspace's or a team's targets; owners and admins. */
export async function setSlaTarget(
  deps: ReportsDeps,
  actor: ReportsActor,
  input: SetSlaTargetRequest,
): Promise<SlaTarget[]> {
  assertReportsManager(actor, 'see and set SLA targets');
  if (input.teamId) {
    const team = await deps.db.query('SELECT 1 FROM teams WHERE workspace_id = $1 AND id = $2', [
      actor.workspaceId,
      input.teamId,
    ]);
    if (team.length === 0) throw notFound('team');
  }
  await deps.db.transaction(async (query) => {
    await query('DELETE FROM sla_targets WHERE workspace_id = $1 AND team_id IS NOT DISTINCT FROM $2::uuid', [
      actor.workspaceId,
      input.teamId,
    ]);
    if (input.firstResponseMinutes === null && input.resolutionMinutes === null) return;
    await query(
      `INSERT INTO sla_targets (workspace_id, team_id, first_response_minutes, resolution_minutes)
       VALUES ($1, $2, $3, $4)`,
      [actor.workspaceId, input.teamId, input.firstResponseMinutes, input.resolutionMinutes],
    );
  });
  return getSlaTargets(deps, actor);
}

interface CycleRow {
  conversation_id: string;
  team_id: string | null;
  /** The team whose own targets apply, or null for the workspace's. */
  target_team: string | null;
  fr: number | null;
  rs: number | null;
  started_at: Date;
  first_response_at: Date | null;
  first_response_bms: string | null;
  first_response_ms: string | null;
  resolved_at: Date | null;
  resolution_bms: string | null;
  resolution_ms: string | null;
}

/**
 * How each team met its targets over the period, and the open conversations at risk now. First
 * response: every cycle started in the period, breached when answered late or still unanswered
 * past the target (until its resolution or now). Resolution: every cycle resolved in the period.
 * At risk: open conversations past three quarters of a target (their time pending or snoozed not
 * taken off while they are open).
 */
export async function getSlaReport(
  deps: ReportsDeps,
  actor: ReportsActor,
  query: ReportQuery,
): Promise<SlaReport> {
  assertReportsManager(actor, 'see and set SLA targets');
  const period = reportPeriod(query);
  const refreshed = await reportsRefreshedAt(deps);
  if (!refreshed || deps.clock.now().getTime() - refreshed.getTime() > LIVE_WITHIN_MS)
    await refreshReports(deps, { wait: true });
  const time = query.time;
  const now = deps.clock.now();
  const targets = await getSlaTargets(deps, actor);
  const withTargets = `WITH t AS (SELECT team_id, first_response_minutes AS fr, resolution_minutes AS rs
                                    FROM sla_targets WHERE workspace_id = $1),
                       w AS (SELECT fr, rs FROM t WHERE team_id IS NULL)`;
  // The cycles with the targets that apply to them: their team's own, else the workspace's.
  const cyclesWithTargets = (more: { columns?: string; joins?: string } = {}) =>
    `SELECT c.conversation_id, c.team_id, tt.team_id AS target_team,
            CASE WHEN tt.team_id IS NULL THEN w.fr ELSE tt.fr END AS fr,
            CASE WHEN tt.team_id IS NULL THEN w.rs ELSE tt.rs END AS rs,
            c.started_at, c.first_response_at, c.first_response_bms, c.first_response_ms,
            c.resolved_at, c.resolution_bms, c.resolution_ms ${more.columns ?? ''}
       FROM conversation_cycles c
       ${more.joins ?? ''}
       LEFT JOIN t tt ON tt.team_id = c.team_id
       LEFT JOIN w ON true`;
  const filters = `AND ($5::uuid IS NULL OR c.channel_id = $5) AND ($6::uuid IS NULL OR c.team_id = $6)`;
  const params = [
    actor.workspaceId,
    period.from,
    period.to,
    period.tz,
    query.channelId ?? null,
    query.teamId ?? null,
  ];
  const [started, resolved, open, calendars] = await Promise.all([
    deps.db.query<CycleRow & Record<string, unknown>>(
      `${withTargets} ${cyclesWithTargets()}
        WHERE c.workspace_id = $1 AND c.started_at >= ${PERIOD_START} AND c.started_at < ${PERIOD_END} ${filters}`,
      params,
    ),
    deps.db.query<CycleRow & Record<string, unknown>>(
      `${withTargets} ${cyclesWithTargets()}
        WHERE c.workspace_id = $1 AND c.resolved_at >= ${PERIOD_START} AND c.resolved_at < ${PERIOD_END} ${filters}`,
      params,
    ),
    deps.db.query<
      CycleRow & { contact_name: string; assignee_name: string | null; status: string } & Record<
          string,
          unknown
        >
    >(
      `${withTargets} ${cyclesWithTargets({
        columns: `, coalesce(nullif(ct.name, ''), nullif(ct.profile_name, ''), ct.phone, '') AS contact_name,
                  u.name AS assignee_name, cv.status`,
        joins: `JOIN conversations cv ON cv.id = c.conversation_id
                JOIN contacts ct ON ct.id = c.contact_id
                LEFT JOIN users u ON u.id = cv.assignee_user_id`,
      })}
        WHERE c.workspace_id = $1 AND c.resolved_at IS NULL AND cv.status = 'open'
          AND ($2::uuid IS NULL OR c.channel_id = $2) AND ($3::uuid IS NULL OR c.team_id = $3)
          AND ((CASE WHEN tt.team_id IS NULL THEN w.fr ELSE tt.fr END) IS NOT NULL
               OR (CASE WHEN tt.team_id IS NULL THEN w.rs ELSE tt.rs END) IS NOT NULL)`,
      [actor.workspaceId, query.channelId ?? null, query.teamId ?? null],
    ),
    calendarsOf(deps.db.query, [actor.workspaceId]),
  ]);
  const calendarOf = (teamId: string | null): BusinessCalendar | null =>
    time === 'business' ? calendars.of(actor.workspaceId, teamId) : null;
  // Thousands of open conversations, each timed to now in business time: each calendar's open
  // intervals from the oldest of them to now are worked out once (a walk per conversation over
  // months of days took minutes on 100,000 conversations).
  let oldestMs = now.getTime();
  for (const c of [started, open].flat()) oldestMs = Math.min(oldestMs, new Date(c.started_at).getTime());
  const oldest = new Date(oldestMs);
  const timelines = new Map<BusinessCalendar, ReturnType<typeof businessTimeline>>();
  const elapsed = (teamId: string | null, from: Date, to: Date) => {
    const calendar = calendarOf(teamId);
    if (!calendar) return Math.max(0, to.getTime() - from.getTime());
    let timeline = timelines.get(calendar);
    if (!timeline) {
      timeline = businessTimeline(calendar, oldest, now);
      timelines.set(calendar, timeline);
    }
    return timeline.msBetween(from, to);
  };
  const b = time === 'business';

  const rows = new Map(
    targets.map((t) => [
      t.teamId ?? '',
      { ...t, firstResponse: { measured: 0, breached: 0 }, resolution: { measured: 0, breached: 0 } },
    ]),
  );
  for (const c of started) {
    if (c.fr === null) continue;
    const row = rows.get(c.target_team ?? '');
    if (!row) continue;
    const limit = c.fr * 60_000;
    const took =
      c.first_response_at !== null
        ? Number(b ? c.first_response_bms : c.first_response_ms)
        : elapsed(c.team_id, new Date(c.started_at), c.resolved_at ? new Date(c.resolved_at) : now);
    row.firstResponse.measured++;
    if (took > limit) row.firstResponse.breached++;
  }
  for (const c of resolved) {
    if (c.rs === null) continue;
    const row = rows.get(c.target_team ?? '');
    if (!row) continue;
    row.resolution.measured++;
    if (Number(b ? c.resolution_bms : c.resolution_ms) > c.rs * 60_000) row.resolution.breached++;
  }

  const atRisk: SlaAtRisk[] = [];
  for (const c of open) {
    const since = elapsed(c.team_id, new Date(c.started_at), now);
    const check = (target: 'first_response' | 'resolution', minutes: number | null) => {
      if (minutes === null) return;
      const limit = minutes * 60_000;
      if (since < limit * AT_RISK_SHARE) return;
      atRisk.push({
        conversationId: c.conversation_id,
        contactName: c.contact_name,
        teamId: c.team_id,
        assigneeName: c.assignee_name,
        target,
        targetMinutes: minutes,
        elapsedMs: since,
        breached: since >= limit,
        startedAt: new Date(c.started_at).toISOString(),
      });
    };
    if (c.first_response_at === null) check('first_response', c.fr);
    check('resolution', c.rs);
  }
  // Not breached yet first, the closest to its target first; then the breached, the latest breach first.
  const left = (r: SlaAtRisk) => r.targetMinutes * 60_000 - r.elapsedMs;
  atRisk.sort((x, y) =>
    x.breached !== y.breached ? (x.breached ? 1 : -1) : x.breached ? left(y) - left(x) : left(x) - left(y),
  );
  const rate = (x: { measured: number; breached: number }) => ({
    ...x,
    metRate: x.measured === 0 ? null : (x.measured - x.breached) / x.measured,
  });
  return {
    period: { from: period.from, to: period.to },
    rows: [...rows.values()]
      .filter((r) => !query.teamId || r.teamId === query.teamId || r.teamId === null)
      .map((r) => ({ ...r, firstResponse: rate(r.firstResponse), resolution: rate(r.resolution) })),
    atRisk: atRisk.slice(0, AT_RISK_LIMIT),
    refreshedAt: (await reportsRefreshedAt(deps))?.toISOString() ?? null,
  };
}
