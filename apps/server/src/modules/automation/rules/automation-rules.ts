import { type AutomationRule, type RuleInput, RuleInputSchema } from '@charla/contracts';
import type { Query } from '../../../platform/db/database';
import { AppError, notFound } from '../../../platform/errors';
import { assertAdmin } from '../../auth';
import type { AutomationActor, AutomationDeps } from '../automation.deps';
import { armRuleSchedule } from '../engine/run-schedules';
import { recordAutomationAudit } from '../record-automation-audit';
import { checkRule } from './check-rule';
import { presetRules } from './preset-rules';
import { RULE_COLUMNS, type RuleRow, toRule } from './rule-view';

const MAX_RULES = 200;

/** The workspace's rules in the order they run; the ready-made ones are added the first time. */
export async function listRules(deps: AutomationDeps, workspaceId: string): Promise<AutomationRule[]> {
  await addPresets(deps, workspaceId);
  const rows = await deps.db.query<RuleRow & Record<string, unknown>>(
    `SELECT ${RULE_COLUMNS} FROM automation_rules WHERE workspace_id = $1 ORDER BY position, created_at`,
    [workspaceId],
  );
  return rows.map(toRule);
}

export async function getRule(
  deps: AutomationDeps,
  workspaceId: string,
  id: string,
): Promise<AutomationRule> {
  const [row] = await deps.db.query<RuleRow & Record<string, unknown>>(
    `SELECT ${RULE_COLUMNS} FROM automation_rules WHERE workspace_id = $1 AND id = $2`,
    [workspaceId, id],
  );
  if (!row) throw notFound('rule');
  return toRule(row);
}

/** A new rule, last in the order; owners and admins. */
export async function createRule(
  deps: AutomationDeps,
  actor: AutomationActor,
  input: RuleInput,
): Promise<AutomationRule> {
  assertAdmin(actor.role, 'create automation rules');
  const rule = RuleInputSchema.parse(input);
  const id = await deps.db.transaction(async (query) => {
    await checkRule(deps, query, actor.workspaceId, rule);
    const [count] = await query<{ n: number | string; next: number | null }>(
      'SELECT count(*) AS n, max(position) + 1 AS next FROM automation_rules WHERE workspace_id = $1',
      [actor.workspaceId],
    );
    if (Number(count?.n ?? 0) >= MAX_RULES)
      throw new AppError(
        'conflict',
        'too_many_rules',
        `A workspace can have at most ${MAX_RULES} rules; delete one first.`,
      );
    const [row] = await insertRule(query, actor.workspaceId, rule, count?.next ?? 0, null, actor.userId);
    await armRuleSchedule(query, actor.workspaceId, row!.id, deps.clock.now());
    return row!.id;
  });
  await recordAutomationAudit(deps, actor, {
    action: 'rule.created',
    targetType: 'rule',
    targetId: id,
    targetLabel: rule.name,
  });
  return getRule(deps, actor.workspaceId, id);
}

/** Replaces a rule's settings (its counts and place stay); owners and admins. */
export async function updateRule(
  deps: AutomationDeps,
  actor: AutomationActor,
  id: string,
  input: RuleInput,
): Promise<AutomationRule> {
  assertAdmin(actor.role, 'change automation rules');
  const rule = RuleInputSchema.parse(input);
  await deps.db.transaction(async (query) => {
    await checkRule(deps, query, actor.workspaceId, rule);
    const rows = await query(
      `UPDATE automation_rules SET name = $3, enabled = $4, channel_ids = $5::uuid[], trigger = $6::jsonb,
              conditions = $7::jsonb, actions = $8::jsonb, cooldown_minutes = $9, updated_at = now()
        WHERE workspace_id = $1 AND id = $2 RETURNING id`,
      [actor.workspaceId, id, ...ruleValues(rule)],
    );
    if (rows.length === 0) throw notFound('rule');
    await armRuleSchedule(query, actor.workspaceId, id, deps.clock.now());
  });
  await recordAutomationAudit(deps, actor, {
    action: 'rule.updated',
    targetType: 'rule',
    targetId: id,
    targetLabel: rule.name,
  });
  return getRule(deps, actor.workspaceId, id);
}

/** Turns a rule on or off; owners and admins. */
export async function setRuleEnabled(
  deps: AutomationDeps,
  actor: AutomationActor,
  id: string,
  enabled: boolean,
): Promise<AutomationRule> {
  assertAdmin(actor.role, 'turn automation rules on or off');
  const row = await deps.db.transaction(async (query) => {
    const [updated] = await query<{ name: string }>(
      'UPDATE automation_rules SET enabled = $3, updated_at = now() WHERE workspace_id = $1 AND id = $2 RETURNING name',
      [actor.workspaceId, id, enabled],
    );
    if (updated) await armRuleSchedule(query, actor.workspaceId, id, deps.clock.now());
    return updated;
  });
  if (!row) throw notFound('rule');
  await recordAutomationAudit(deps, actor, {
    action: enabled ? 'rule.enabled' : 'rule.disabled',
    targetType: 'rule',
    targetId: id,
    targetLabel: row.name,
  });
  return getRule(deps, actor.workspaceId, id);
}

export async function deleteRule(deps: AutomationDeps, actor: AutomationActor, id: string): Promise<void> {
  assertAdmin(actor.role, 'delete automation rules');
  const name = await deps.db.transaction(async (query) => {
    const [row] = await query<{ name: string }>(
      'DELETE FROM automation_rules WHERE workspace_id = $1 AND id = $2 RETURNING name',
      [actor.workspaceId, id],
    );
    if (!row) throw notFound('rule');
    // Its timers go with it.
    await query('DELETE FROM automation_inbox WHERE workspace_id = $1 AND rule_id = $2', [
      actor.workspaceId,
      id,
    ]);
    return row.name;
  });
  await recordAutomationAudit(deps, actor, {
    action: 'rule.deleted',
    targetType: 'rule',
    targetId: id,
    targetLabel: name,
  });
}

/** Puts the rules in this order (every rule of the workspace, once). */
export async function reorderRules(
  deps: AutomationDeps,
  actor: AutomationActor,
  ids: string[],
): Promise<AutomationRule[]> {
  assertAdmin(actor.role, 'reorder automation rules');
  await deps.db.transaction(async (query) => {
    const current = await query<{ id: string }>(
      'SELECT id FROM automation_rules WHERE workspace_id = $1 ORDER BY id FOR UPDATE',
      [actor.workspaceId],
    );
    const known = new Set(current.map((r) => r.id));
    if (new Set(ids).size !== ids.length || ids.length !== known.size || ids.some((id) => !known.has(id)))
      throw new AppError(
        'invalid',
        'invalid_order',
        'Send every rule of the workspace exactly once, in the order they should run.',
        [{ path: 'ids', message: `Expected the ${known.size} rule ids of this workspace, each once.` }],
      );
    await query(
      `UPDATE automation_rules r SET position = v.n - 1 FROM unnest($2::uuid[]) WITH ORDINALITY AS v(id, n)
        WHERE r.workspace_id = $1 AND r.id = v.id`,
      [actor.workspaceId, ids],
    );
  });
  await recordAutomationAudit(deps, actor, { action: 'rules.reordered', details: { rules: ids.length } });
  return listRules(deps, actor.workspaceId);
}

const ruleValues = (rule: ReturnType<typeof RuleInputSchema.parse>) => [
  rule.name,
  rule.enabled,
  rule.channelIds,
  JSON.stringify(rule.trigger),
  JSON.stringify(rule.conditions),
  JSON.stringify(rule.actions),
  rule.cooldownMinutes,
];

const insertRule = (
  query: Query,
  workspaceId: string,
  rule: ReturnType<typeof RuleInputSchema.parse>,
  position: number,
  preset: string | null,
  createdBy: string | null,
) =>
  query<{ id: string }>(
    `INSERT INTO automation_rules (workspace_id, name, enabled, channel_ids, trigger, conditions, actions,
                                   cooldown_minutes, position, preset, created_by)
     VALUES ($1, $2, $3, $4::uuid[], $5::jsonb, $6::jsonb, $7::jsonb, $8, $9, $10, $11)
     ON CONFLICT (workspace_id, preset) WHERE preset IS NOT NULL DO NOTHING
     RETURNING id`,
    [workspaceId, ...ruleValues(rule), position, preset, createdBy],
  );

/**
 * The ready-made rules, once per workspace (one deleted does not come back), in the language of
 * the workspace's first owner.
 */
async function addPresets(deps: AutomationDeps, workspaceId: string): Promise<void> {
  const [done] = await deps.db.query(
    'SELECT 1 FROM automation_settings WHERE workspace_id = $1 AND presets_added_at IS NOT NULL',
    [workspaceId],
  );
  if (done) return;
  await deps.db.transaction(async (query) => {
    const claimed = await query(
      `INSERT INTO automation_settings (workspace_id, presets_added_at) VALUES ($1, now())
       ON CONFLICT (workspace_id) DO UPDATE SET presets_added_at = now()
         WHERE automation_settings.presets_added_at IS NULL
       RETURNING workspace_id`,
      [workspaceId],
    );
    if (claimed.length === 0) return;
    const [owner] = await query<{ locale: string | null; next: number | null }>(
      `SELECT (SELECT u.locale FROM workspace_members wm JOIN users u ON u.id = wm.user_id
                WHERE wm.workspace_id = $1 AND wm.role = 'owner' ORDER BY wm.created_at LIMIT 1) AS locale,
              (SELECT max(position) + 1 FROM automation_rules WHERE workspace_id = $1) AS next`,
      [workspaceId],
    );
    let position = owner?.next ?? 0;
    for (const preset of presetRules(owner?.locale ?? 'es'))
      await insertRule(query, workspaceId, RuleInputSchema.parse(preset), position++, preset.preset, null);
  });
}
