import { nextScheduledRun, RuleTriggerSchema } from '@charla/contracts';
import type { Query } from '../../../platform/db/database';
import type { AutomationEngineDeps } from '../automation.deps';

/** Conversations one run of a schedule acts on, at most: the ones waiting longest first. */
export const SCHEDULE_RUN_LIMIT = 1000;

/**
 * Arms a rule's schedule for its next run after `now`, or removes it when the rule is off, gone
 * or has another trigger. Called in the transaction that saves or turns the rule on or off.
 */
export async function armRuleSchedule(query: Query, workspaceId: string, ruleId: string, now: Date) {
  const [rule] = await query<{ enabled: boolean; trigger: unknown; zone: string | null }>(
    `SELECT r.enabled, r.trigger,
            (SELECT time_zone FROM business_calendars b WHERE b.workspace_id = r.workspace_id AND b.team_id IS NULL) AS zone
       FROM automation_rules r WHERE r.workspace_id = $1 AND r.id = $2`,
    [workspaceId, ruleId],
  );
  const dueAt = rule?.enabled ? nextRunOf(rule.trigger, rule.zone, now) : null;
  if (!dueAt) {
    await query('DELETE FROM automation_schedules WHERE workspace_id = $1 AND rule_id = $2', [
      workspaceId,
      ruleId,
    ]);
    return;
  }
  await query(
    `INSERT INTO automation_schedules (rule_id, workspace_id, due_at) VALUES ($1, $2, $3)
     ON CONFLICT (rule_id) DO UPDATE SET due_at = EXCLUDED.due_at`,
    [ruleId, workspaceId, dueAt],
  );
}

/** A schedule trigger's next run after `now` in its zone (the workspace's when it names none, else UTC). */
function nextRunOf(raw: unknown, workspaceZone: string | null, now: Date): Date | null {
  const trigger = RuleTriggerSchema.safeParse(raw);
  if (!trigger.success || trigger.data.type !== 'schedule') return null;
  const { weekdays, time, timeZone } = trigger.data;
  return nextScheduledRun({ weekdays, time, timeZone: timeZone ?? workspaceZone ?? 'UTC' }, now);
}

/**
 * Runs the schedules that came due: each queues one `schedule` row per open or pending
 * conversation of its rule's numbers (the engine runs the rule's conditions and actions on
 * them, as on any event) and moves to its next run, in ONE transaction: a run happens once
 * across crashes and processes. A missed run (the server was down) is not made up twice: the
 * next run is the first after now.
 */
export async function runDueSchedules(deps: AutomationEngineDeps, limit = 20): Promise<number> {
  const now = deps.clock.now();
  return deps.db.transaction(async (query) => {
    const due = await query<{ rule_id: string; workspace_id: string }>(
      `SELECT rule_id, workspace_id FROM automation_schedules WHERE due_at <= $1
        ORDER BY due_at LIMIT $2 FOR UPDATE SKIP LOCKED`,
      [now, limit],
    );
    let queued = 0;
    for (const s of due) {
      const rows = await query(
        `INSERT INTO automation_inbox (workspace_id, kind, conversation_id, rule_id, due_at)
         SELECT c.workspace_id, 'schedule', c.id, r.id, '-infinity'::timestamptz
           FROM automation_rules r
           JOIN conversations c ON c.workspace_id = r.workspace_id AND c.status IN ('open', 'pending')
                               AND (cardinality(r.channel_ids) = 0 OR c.channel_id = ANY(r.channel_ids))
          WHERE r.workspace_id = $1 AND r.id = $2 AND r.enabled AND r.trigger->>'type' = 'schedule'
          ORDER BY c.last_activity_at, c.id LIMIT $3
         ON CONFLICT (rule_id, conversation_id, kind) WHERE rule_id IS NOT NULL AND error IS NULL DO NOTHING
         RETURNING id`,
        [s.workspace_id, s.rule_id, SCHEDULE_RUN_LIMIT],
      );
      queued += rows.length;
      await armRuleSchedule(query, s.workspace_id, s.rule_id, now);
    }
    return due.length + queued;
  });
}

/** When the next schedule runs (null: none armed). */
export async function nextScheduleAt(query: Query): Promise<Date | null> {
  const [row] = await query<{ due_at: Date }>(
    'SELECT due_at FROM automation_schedules ORDER BY due_at LIMIT 1',
  );
  return row ? new Date(row.due_at) : null;
}
