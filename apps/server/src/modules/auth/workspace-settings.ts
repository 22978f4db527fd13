import type { Role, UpdateWorkspaceSettingsRequest, WorkspaceSettings } from '@charla/contracts';
import { and, eq } from 'drizzle-orm';
import { AppError, notFound } from '../../platform/errors';
import type { AuthDeps } from './auth.deps';
import { teams, workspaces } from './auth.schema';
import { assertAdmin } from './teams';

export async function getWorkspaceSettings(deps: AuthDeps, workspaceId: string): Promise<WorkspaceSettings> {
  const [row] = await deps.orm
    .select({
      conversationVisibility: workspaces.conversationVisibility,
      autoAssign: workspaces.autoAssign,
      autoAssignTeamId: workspaces.autoAssignTeamId,
      autoAssignCap: workspaces.autoAssignCap,
    })
    .from(workspaces)
    .where(eq(workspaces.id, workspaceId));
  if (!row) throw notFound('workspace');
  return row;
}

export async function updateWorkspaceSettings(
  deps: AuthDeps,
  actor: { workspaceId: string; role: Role },
  input: UpdateWorkspaceSettingsRequest,
): Promise<WorkspaceSettings> {
  assertAdmin(actor.role, 'change workspace settings');
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
  const patch = Object.fromEntries(Object.entries(input).filter(([, v]) => v !== undefined));
  if (Object.keys(patch).length > 0) {
    await deps.orm.update(workspaces).set(patch).where(eq(workspaces.id, actor.workspaceId));
  }
  return getWorkspaceSettings(deps, actor.workspaceId);
}
