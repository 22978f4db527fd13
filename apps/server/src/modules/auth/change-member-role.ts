import type { Member, Role } from '@charla/contracts';
import { and, eq } from 'drizzle-orm';
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
 * Gives a member another role. Owners may make anyone owner (a workspace may have several);
 * admins manage admins and agents only; the last owner keeps their role. The member's sessions
 * end, so they sign in again with the new role and no socket keeps the old one's view.
 */
export async function changeMemberRole(
  deps: AuthDeps,
  actor: Actor,
  targetUserId: string,
  role: Role,
): Promise<Member> {
  requireManager(actor);
  const changed = await deps.orm.transaction(async (tx) => {
    const me = await lockMembers(tx, actor);
    requireManager(me);
    const target = await findMember(tx, actor.workspaceId, targetUserId, { lock: true });
    requireMayManage(me, target, role);
    if (target.role === role) return null;
    if (target.role === 'owner') await requireAnotherOwner(tx, actor.workspaceId, target.userId);
    await tx
      .update(workspaceMembers)
      .set({ role })
      .where(
        and(eq(workspaceMembers.workspaceId, actor.workspaceId), eq(workspaceMembers.userId, targetUserId)),
      );
    await recordAudit(tx, {
      ...auditBase(actor),
      ...(await auditActor(tx, actor.userId)),
      action: 'member.role_changed',
      targetType: 'member',
      targetId: target.userId,
      targetLabel: target.name,
      details: { from: target.role, to: role },
    });
    return target;
  });
  if (changed) await endSessions(deps, { workspaceId: actor.workspaceId, userId: targetUserId });
  const { locale: _, ...member } = await findMember(deps.orm, actor.workspaceId, targetUserId);
  return member;
}
