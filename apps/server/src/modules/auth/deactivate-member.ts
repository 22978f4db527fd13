import type { Member } from '@charla/contracts';
import { and, eq } from 'drizzle-orm';
import { auditActor, recordAudit } from '../audit';
import type { AuthDeps } from './auth.deps';
import { workspaceMembers } from './auth.schema';
import { type Actor, auditBase, findMember, requireAnotherOwner } from './member-access';
import { endMemberAccess, lockMemberToTakeAway } from './member-exit';

/**
 * Takes a member's access away without deleting them: they cannot sign in until reactivated,
 * their sessions and sockets end now, and their unfinished conversations go back to the queue.
 */
export async function deactivateMember(deps: AuthDeps, actor: Actor, targetUserId: string): Promise<Member> {
  const changed = await deps.orm.transaction(async (tx) => {
    const target = await lockMemberToTakeAway(tx, actor, targetUserId, {
      code: 'cannot_deactivate_self',
      message: 'You cannot deactivate yourself: ask another owner or admin.',
    });
    if (target.deactivatedAt) return false;
    if (target.role === 'owner') await requireAnotherOwner(tx, actor.workspaceId, target.userId);
    await tx
      .update(workspaceMembers)
      .set({ deactivatedAt: deps.clock.now() })
      .where(
        and(eq(workspaceMembers.workspaceId, actor.workspaceId), eq(workspaceMembers.userId, targetUserId)),
      );
    await recordAudit(tx, {
      ...auditBase(actor),
      ...(await auditActor(tx, actor.userId)),
      action: 'member.deactivated',
      targetType: 'member',
      targetId: target.userId,
      targetLabel: target.name,
    });
    return true;
  });
  if (changed) await endMemberAccess(deps, actor, targetUserId, 'member_deactivated');
  const { locale: _, ...member } = await findMember(deps.orm, actor.workspaceId, targetUserId);
  return member;
}
