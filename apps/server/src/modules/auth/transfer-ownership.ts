import type { Role } from '@charla/contracts';
import { and, eq } from 'drizzle-orm';
import { AppError } from '../../platform/errors';
import { auditActor, recordAudit } from '../audit';
import type { AuthDeps } from './auth.deps';
import { workspaceMembers } from './auth.schema';
import { type Actor, auditBase, findMember, lockMembers } from './member-access';

/**
 * The owner hands the workspace to another active member: they become owner and the caller
 * stays on as admin. (An owner may also make someone a second owner by changing their role;
 * this is the "give it away" step.) Nobody is signed out: owners and admins see the same.
 */
export async function transferOwnership(
  deps: AuthDeps,
  actor: Actor,
  targetUserId: string,
): Promise<{ role: Role }> {
  if (actor.role !== 'owner') {
    throw new AppError('forbidden', 'owner_only', 'Only an owner can transfer ownership.');
  }
  if (targetUserId === actor.userId) {
    throw new AppError('conflict', 'already_owner', 'Choose another member: you are the owner already.');
  }
  await deps.orm.transaction(async (tx) => {
    const me = await lockMembers(tx, actor);
    const target = await findMember(tx, actor.workspaceId, targetUserId, { lock: true });
    if (me.role !== 'owner') {
      throw new AppError('forbidden', 'owner_only', 'Only an owner can transfer ownership.');
    }
    if (target.deactivatedAt) {
      throw new AppError(
        'conflict',
        'member_deactivated',
        `${target.name} is deactivated: reactivate them before making them owner.`,
      );
    }
    const setRole = (userId: string, role: Role) =>
      tx
        .update(workspaceMembers)
        .set({ role })
        .where(and(eq(workspaceMembers.workspaceId, actor.workspaceId), eq(workspaceMembers.userId, userId)));
    await setRole(targetUserId, 'owner');
    await setRole(actor.userId, 'admin');
    await recordAudit(tx, {
      ...auditBase(actor),
      ...(await auditActor(tx, actor.userId)),
      action: 'member.ownership_transferred',
      targetType: 'member',
      targetId: target.userId,
      targetLabel: target.name,
      details: { from: target.role, to: 'owner', previousOwnerNowAdmin: true },
    });
  });
  return { role: 'admin' };
}
