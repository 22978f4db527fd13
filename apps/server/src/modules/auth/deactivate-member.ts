import type { Member } from '@charla/contracts';
import { and, eq } from 'drizzle-orm';
import { AppError } from '../../platform/errors';
import { auditActor, recordAudit } from '../audit';
import type { AuthDeps } from './auth.deps';
import { workspaceMembers } from './auth.schema';
import { endSessions } from './end-sessions';
import {
  type Actor,
  auditBase,
  findMember,
  lockMembers,
  requireAnotherOwner,
  requireManager,
  requireMayManage,
} from './member-access';

/**
 * Takes a member's access away without deleting them: they cannot sign in until reactivated,
 * their sessions and sockets end now, and their unfinished conversations go back to the queue.
 */
export async function deactivateMember(deps: AuthDeps, actor: Actor, targetUserId: string): Promise<Member> {
  requireManager(actor);
  if (targetUserId === actor.userId) {
    throw new AppError(
      'conflict',
      'cannot_deactivate_self',
      'You cannot deactivate yourself: ask another owner or admin.',
    );
  }
  const changed = await deps.orm.transaction(async (tx) => {
    const me = await lockMembers(tx, actor);
    requireManager(me);
    const target = await findMember(tx, actor.workspaceId, targetUserId, { lock: true });
    requireMayManage(me, target);
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
  if (changed) {
    await endSessions(deps, { workspaceId: actor.workspaceId, userId: targetUserId });
    await deps.returnConversationsToQueue({
      workspaceId: actor.workspaceId,
      userId: targetUserId,
      actorUserId: actor.userId,
      reason: 'member_deactivated',
    });
  }
  const { locale: _, ...member } = await findMember(deps.orm, actor.workspaceId, targetUserId);
  return member;
}
