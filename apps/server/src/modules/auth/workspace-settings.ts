import type { Role, UpdateWorkspaceSettingsRequest, WorkspaceSettings } from '@charla/contracts';
import { and, eq, sql } from 'drizzle-orm';
import { AppError, notFound } from '../../platform/errors';
import { auditActor, recordAudit } from '../audit';
import type { AuthDeps } from './auth.deps';
import { teams, workspaces } from './auth.schema';
import { checkCountry } from './country-of-time-zone';
import { assertAdmin } from './teams';
import { checkTimeZone } from './time-zone';

export async function getWorkspaceSettings(deps: AuthDeps, workspaceId: string): Promise<WorkspaceSettings> {
  const [row] = await deps.orm
    .select({
      conversationVisibility: workspaces.conversationVisibility,
      autoAssign: workspaces.autoAssign,
      autoAssignTeamId: workspaces.autoAssignTeamId,
      autoAssignCap: workspaces.autoAssignCap,
      optOutKeywords: workspaces.optOutKeywords,
      optInKeywords: workspaces.optInKeywords,
      optOutAutoReply: workspaces.optOutAutoReply,
      timezone: workspaces.timezone,
      marketingOptedInOnly: workspaces.marketingOptedInOnly,
      defaultCountry: workspaces.defaultCountry,
      csatEnabled: workspaces.csatEnabled,
      csatTemplateId: workspaces.csatTemplateId,
    })
    .from(workspaces)
    .where(eq(workspaces.id, workspaceId));
  if (!row) throw notFound('workspace');
  return row;
}

export async function updateWorkspaceSettings(
  deps: AuthDeps,
  actor: { workspaceId: string; role: Role; userId?: string; ip?: string | null },
  input: UpdateWorkspaceSettingsRequest,
): Promise<WorkspaceSettings> {
  assertAdmin(actor.role, 'change workspace settings');
  const current = await getWorkspaceSettings(deps, actor.workspaceId);
  if (input.autoAssignTeamId) {
    const [team] = await deps.orm
      .select({ id: teams.id })
      .from(teams)
      .where(and(eq(teams.workspaceId, actor.workspaceId), eq(teams.id, input.autoAssignTeamId)));
    if (!team) {
      throw new AppError('unprocessable', 'team_not_found', 'That team does not exist.', [
        { path: 'autoAssignTeamId', message: 'Not a team of this workspace' },
      ]);
    }
  }
  if (input.csatTemplateId && input.csatTemplateId !== current.csatTemplateId)
    await assertSurveyTemplate(deps, actor.workspaceId, input.csatTemplateId);
  assertKeywordsApart(
    input.optOutKeywords ?? current.optOutKeywords,
    input.optInKeywords ?? current.optInKeywords,
  );
  const patch = Object.fromEntries(Object.entries(input).filter(([, v]) => v !== undefined));
  if (input.timezone !== undefined) patch.timezone = checkTimeZone(input.timezone, 'timezone');
  if (input.defaultCountry) patch.defaultCountry = checkCountry(input.defaultCountry, 'defaultCountry');
  if (Object.keys(patch).length > 0) {
    await deps.orm.update(workspaces).set(patch).where(eq(workspaces.id, actor.workspaceId));
  }
  const updated = await getWorkspaceSettings(deps, actor.workspaceId);
  await recordSettingsChanged(deps, actor, current, updated);
  const routing = ['autoAssign', 'autoAssignTeamId', 'autoAssignCap'] as const;
  if (updated.autoAssign && routing.some((k) => current[k] !== updated[k]))
    deps.autoAssignChanged?.(actor.workspaceId);
  return updated;
}

/** One `settings.changed` line naming each field that changed, from what to what (none are secret). */
async function recordSettingsChanged(
  deps: AuthDeps,
  actor: { workspaceId: string; userId?: string; ip?: string | null },
  before: WorkspaceSettings,
  after: WorkspaceSettings,
): Promise<void> {
  const changes: Record<string, { from: unknown; to: unknown }> = {};
  for (const key of Object.keys(after) as (keyof WorkspaceSettings)[]) {
    if (JSON.stringify(before[key]) !== JSON.stringify(after[key]))
      changes[key] = { from: before[key], to: after[key] };
  }
  if (Object.keys(changes).length === 0) return;
  await recordAudit(deps.orm, {
    workspaceId: actor.workspaceId,
    action: 'settings.changed',
    ...(actor.userId ? await auditActor(deps.orm, actor.userId) : {}),
    targetType: 'workspace',
    targetId: actor.workspaceId,
    ip: actor.ip ?? null,
    details: { area: 'workspace', changes },
  });
}

/** A word cannot both opt out and opt in (compared as customers' messages are: no case, no accents). */
function assertKeywordsApart(optOut: string[], optIn: string[]): void {
  const norm = (k: string) => k.normalize('NFD').replace(/\p{M}/gu, '').trim().toUpperCase();
  const outs = new Set(optOut.map(norm));
  const both = optIn.filter((k) => outs.has(norm(k)));
  if (both.length > 0) {
    throw new AppError(
      'unprocessable',
      'keyword_in_both_lists',
      `"${both[0]}" cannot both opt out and opt in.`,
      [{ path: 'optInKeywords', message: `Remove "${both[0]}" from one of the two lists` }],
    );
  }
}

/**
 * The survey after the window is a template of this workspace that needs nothing filled in: no
 * variables, no header file (its approval is checked when it is sent).
 */
async function assertSurveyTemplate(deps: AuthDeps, workspaceId: string, templateId: string) {
  const found = (await deps.orm.execute(
    sql`SELECT body NOT LIKE '%{{%' AND buttons::text NOT LIKE '%{{%'
               AND COALESCE(header->>'format', 'text') = 'text' AND COALESCE(header->>'text', '') NOT LIKE '%{{%'
               AS fillable
          FROM templates WHERE workspace_id = ${workspaceId} AND id = ${templateId} AND category <> 'authentication'`,
  )) as unknown as { rows: { fillable: boolean }[] };
  const [template] = found.rows;
  if (!template) {
    throw new AppError(
      'unprocessable',
      'template_not_found',
      'That template does not exist in this workspace.',
      [{ path: 'csatTemplateId', message: 'Choose a utility or marketing template of this workspace' }],
    );
  }
  if (!template.fillable) {
    throw new AppError(
      'unprocessable',
      'template_has_variables',
      'The survey template must have no variables and no header file: the survey fills none in.',
      [{ path: 'csatTemplateId', message: 'Choose a template without {{variables}} or a header file' }],
    );
  }
}
