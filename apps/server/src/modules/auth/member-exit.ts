import type { Orm } from '../../platform/db/database';
import { AppError } from '../../platform/errors';
import type { AuthDeps } from './auth.deps';
import { endSessions } from './end-sessions';
import {
  type Actor,
  findMember,
  lockMembers,
  type MemberRow,
  requireManager,
  requireMayManage,
} from './member-access';

/**
 * The checks shared by deactivating and removing a member, inside the caller's transaction:
 * the actor manages members (read again under the workspace's member lock), the target is
 * someone they may manage and not themselves. Answers the locked target (the caller keeps the
 * last owner, see `requireAnotherOwner`).
 */
export async function lockMemberToTakeAway(
  tx: Orm,
  actor: Actor,
  targetUserId: string,
  self: { code: string; message: string },
): Promise<MemberRow> {
  requireManager(actor);
  if (targetUserId === actor.userId) throw new AppError('conflict', self.code, self.message);
  const me = await lockMembers(tx, actor);
  requireManager(me);
  const target = await findMember(tx, actor.workspaceId, targetUserId, { lock: true });
  requireMayManage(me, target);
  return target;
}

/** After the change committed: the member's sessions and sockets end, their open conversations go back to the queue. */
export async function endMemberAccess(
  deps: AuthDeps,
  actor: Actor,
  targetUserId: string,
  reason: 'member_removed' | 'member_deactivated',
): Promise<void> {
  await endSessions(deps, { workspaceId: actor.workspaceId, userId: targetUserId });
  await deps.returnConversationsToQueue({
    workspaceId: actor.workspaceId,
    userId: targetUserId,
    actorUserId: actor.userId,
    reason,
  });
}
