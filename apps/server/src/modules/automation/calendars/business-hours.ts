import { type BusinessCalendar, type BusinessHours, overlappingRanges } from '@charla/contracts';
import type { Query } from '../../../platform/db/database';
import { AppError, notFound } from '../../../platform/errors';
import { assertAdmin, checkTimeZone } from '../../auth';
import type { AutomationActor, AutomationDeps } from '../automation.deps';
import { recordAutomationAudit } from '../record-automation-audit';

interface CalendarRow {
  team_id: string | null;
  time_zone: string;
  days: BusinessCalendar['days'];
  holidays: BusinessCalendar['holidays'];
}

const calendarOfRow = (r: CalendarRow): BusinessCalendar => ({
  timeZone: r.time_zone,
  days: r.days,
  holidays: r.holidays,
});

/** The workspace's hours and each team's (null where a team keeps the workspace's). */
export async function getBusinessHours(deps: AutomationDeps, workspaceId: string): Promise<BusinessHours> {
  const [calendars, teams] = await Promise.all([
    deps.db.query<CalendarRow & Record<string, unknown>>(
      'SELECT team_id, time_zone, days, holidays FROM business_calendars WHERE workspace_id = $1',
      [workspaceId],
    ),
    deps.db.query<{ id: string; name: string }>(
      'SELECT id, name FROM teams WHERE workspace_id = $1 ORDER BY lower(name), id',
      [workspaceId],
    ),
  ]);
  const own = calendars.find((c) => c.team_id === null);
  const byTeam = new Map(calendars.filter((c) => c.team_id).map((c) => [c.team_id, calendarOfRow(c)]));
  return {
    workspace: own ? calendarOfRow(own) : null,
    teams: teams.map((t) => ({ teamId: t.id, teamName: t.name, calendar: byTeam.get(t.id) ?? null })),
  };
}

/**
 * The hours that apply to a conversation of `teamId` (or of no team): the team's own, else the
 * workspace's; null when none are set (Charla then counts every hour as open). The one lookup
 * rules, routing and reports use before asking packages/contracts' `isOpenAt`.
 */
export async function calendarFor(
  deps: AutomationDeps,
  workspaceId: string,
  teamId: string | null,
): Promise<BusinessCalendar | null> {
  const [row] = await deps.db.query<CalendarRow & Record<string, unknown>>(
    `SELECT team_id, time_zone, days, holidays FROM business_calendars
      WHERE workspace_id = $1 AND (team_id IS NULL OR team_id = $2)
      ORDER BY team_id IS NULL LIMIT 1`,
    [workspaceId, teamId],
  );
  return row ? calendarOfRow(row) : null;
}

/** The hours of several workspaces at once, read with the caller's query (inside its transaction). */
export async function calendarsOf(query: Query, workspaceIds: string[]): Promise<WorkspaceCalendars> {
  const rows = await query<CalendarRow & { workspace_id: string } & Record<string, unknown>>(
    'SELECT workspace_id, team_id, time_zone, days, holidays FROM business_calendars WHERE workspace_id = ANY($1::uuid[])',
    [workspaceIds],
  );
  const byKey = new Map(rows.map((r) => [`${r.workspace_id}|${r.team_id ?? ''}`, calendarOfRow(r)]));
  return {
    of: (workspaceId, teamId) =>
      (teamId ? byKey.get(`${workspaceId}|${teamId}`) : undefined) ?? byKey.get(`${workspaceId}|`) ?? null,
  };
}

/** The hours that apply to a team of a workspace (as `calendarFor`), from `calendarsOf`. */
export interface WorkspaceCalendars {
  of(workspaceId: string, teamId: string | null): BusinessCalendar | null;
}

/** Sets the workspace's hours (`teamId` null) or a team's own; owners and admins. */
export async function setBusinessHours(
  deps: AutomationDeps,
  actor: AutomationActor,
  teamId: string | null,
  calendar: BusinessCalendar,
): Promise<BusinessHours> {
  assertAdmin(actor.role, 'change the business hours');
  const timeZone = checkTimeZone(calendar.timeZone, 'timeZone');
  const teamName = teamId ? await assertTeam(deps, actor.workspaceId, teamId) : null;
  assertNoOverlap(calendar);
  const values = [
    actor.workspaceId,
    teamId,
    timeZone,
    JSON.stringify(calendar.days),
    JSON.stringify(calendar.holidays),
  ];
  await deps.db.query(
    teamId
      ? `INSERT INTO business_calendars (workspace_id, team_id, time_zone, days, holidays)
         VALUES ($1, $2, $3, $4::jsonb, $5::jsonb)
         ON CONFLICT (team_id) WHERE team_id IS NOT NULL
         DO UPDATE SET time_zone = EXCLUDED.time_zone, days = EXCLUDED.days, holidays = EXCLUDED.holidays, updated_at = now()`
      : `INSERT INTO business_calendars (workspace_id, team_id, time_zone, days, holidays)
         VALUES ($1, $2, $3, $4::jsonb, $5::jsonb)
         ON CONFLICT (workspace_id) WHERE team_id IS NULL
         DO UPDATE SET time_zone = EXCLUDED.time_zone, days = EXCLUDED.days, holidays = EXCLUDED.holidays, updated_at = now()`,
    values,
  );
  await recordAutomationAudit(deps, actor, {
    action: 'business_hours.changed',
    targetType: teamId ? 'team' : 'workspace',
    targetId: teamId ?? actor.workspaceId,
    targetLabel: teamName,
    details: { timeZone },
  });
  return getBusinessHours(deps, actor.workspaceId);
}

/** The team keeps the workspace's hours again. */
export async function clearTeamBusinessHours(
  deps: AutomationDeps,
  actor: AutomationActor,
  teamId: string,
): Promise<BusinessHours> {
  assertAdmin(actor.role, 'change the business hours');
  const teamName = await assertTeam(deps, actor.workspaceId, teamId);
  const cleared = await deps.db.query(
    'DELETE FROM business_calendars WHERE workspace_id = $1 AND team_id = $2 RETURNING team_id',
    [actor.workspaceId, teamId],
  );
  if (cleared.length > 0)
    await recordAutomationAudit(deps, actor, {
      action: 'business_hours.cleared',
      targetType: 'team',
      targetId: teamId,
      targetLabel: teamName,
    });
  return getBusinessHours(deps, actor.workspaceId);
}

/** The team's name; 404 when it is not the workspace's. */
async function assertTeam(deps: AutomationDeps, workspaceId: string, teamId: string): Promise<string> {
  const [team] = await deps.db.query<{ name: string }>(
    'SELECT name FROM teams WHERE workspace_id = $1 AND id = $2',
    [workspaceId, teamId],
  );
  if (!team) throw notFound('team');
  return team.name;
}

const DAY_NAMES = ['Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday', 'Sunday'];

/** Overlapping ranges of one day are refused with the day and both ranges, so the admin sees which to fix. */
function assertNoOverlap(calendar: BusinessCalendar) {
  const details = overlappingRanges(calendar).map(({ day, index, other }) => {
    const a = calendar.days[day]![index]!;
    const b = calendar.days[day]![other]!;
    return {
      path: `days.${day}.${index}`,
      message: `${DAY_NAMES[day]}: ${a.from}–${a.to} overlaps ${b.from}–${b.to}`,
    };
  });
  if (details.length > 0)
    throw new AppError(
      'unprocessable',
      'overlapping_hours',
      `Some ranges of the same day overlap: ${details.map((d) => d.message).join('; ')}. Join them into one range or correct the times.`,
      details,
    );
}
