import type { Member } from '@charla/contracts';
import { and, eq } from 'drizzle-orm';
import { auditActor, recordAudit } from '../audit';
import type { AuthDeps } from './auth.deps';
import { workspaceMembers } from './auth.schema';
import {
  type Actor,
  auditBase,
  findMember,
  lockMembers,
  requireManager,
  requireMayManage,
} from './member-access';

/** A deactivated member may sign in again, with the role they had. */
export async function reactivateMember(deps: AuthDeps, actor: Actor, targetUserId: string): Promise<Member> {
  requireManager(actor);
  await deps.orm.transaction(async (tx) => {
    const me = await lockMembers(tx, actor);
    requireManager(me);
    const target = await findMember(tx, actor.workspaceId, targetUserId, { lock: true });
    requireMayManage(me, target);
    if (!target.deactivatedAt) return;
    await tx
      .update(workspaceMembers)
      .set({ deactivatedAt: null })
      .where(
        and(eq(workspaceMembers.workspaceId, actor.workspaceId), eq(workspaceMembers.userId, targetUserId)),
      );
    await recordAudit(tx, {
      ...auditBase(actor),
      ...(await auditActor(tx, actor.userId)),
      action: 'member.reactivated',
      targetType: 'member',
      targetId: target.userId,
      targetLabel: target.name,
    });
  });
  const { locale: _, ...member } = await findMember(deps.orm, actor.workspaceId, targetUserId);
  return member;
}
