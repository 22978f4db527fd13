import { and, eq } from 'drizzle-orm';
import { auditActor, recordAudit } from '../audit';
import type { AuthDeps } from './auth.deps';
import { passwordResets, teamMembers, workspaceMembers } from './auth.schema';
import { type Actor, auditBase, requireAnotherOwner } from './member-access';
import { endMemberAccess, lockMemberToTakeAway } from './member-exit';

/**
 * Removes a member from the workspace: their sessions and sockets end now, their unfinished
 * conversations go back to the queue, and they leave their teams. Their name stays on what they
 * wrote and did (the user row is kept; they can be invited again).
 */
export async function removeMember(deps: AuthDeps, actor: Actor, targetUserId: string): Promise<void> {
  await deps.orm.transaction(async (tx) => {
    const target = await lockMemberToTakeAway(tx, actor, targetUserId, {
      code: 'cannot_remove_self',
      message: 'You cannot remove yourself: ask another owner or admin.',
    });
    if (target.role === 'owner') await requireAnotherOwner(tx, actor.workspaceId, target.userId);
    const ws = actor.workspaceId;
    await tx
      .delete(teamMembers)
      .where(and(eq(teamMembers.workspaceId, ws), eq(teamMembers.userId, targetUserId)));
    await tx
      .delete(passwordResets)
      .where(and(eq(passwordResets.workspaceId, ws), eq(passwordResets.userId, targetUserId)));
    await tx
      .delete(workspaceMembers)
      .where(and(eq(workspaceMembers.workspaceId, ws), eq(workspaceMembers.userId, targetUserId)));
    await recordAudit(tx, {
      ...auditBase(actor),
      ...(await auditActor(tx, actor.userId)),
      action: 'member.removed',
      targetType: 'member',
      targetId: target.userId,
      targetLabel: target.name,
      details: { role: target.role, email: target.email },
    });
  });
  await endMemberAccess(deps, actor, targetUserId, 'member_removed');
}
