import type { PendingInvitation } from '@charla/contracts';
import { and, desc, eq, isNull } from 'drizzle-orm';
import type { AuthDeps } from './auth.deps';
import { invitations, users } from './auth.schema';
import { type Actor, requireManager } from './member-access';

/** Invitations nobody accepted or revoked, newest first; expired ones too (a new link revives them). */
export async function listInvitations(deps: AuthDeps, actor: Actor): Promise<PendingInvitation[]> {
  requireManager(actor);
  const rows = await deps.orm
    .select({
      id: invitations.id,
      email: invitations.email,
      role: invitations.role,
      invitedBy: users.name,
      createdAt: invitations.createdAt,
      expiresAt: invitations.expiresAt,
    })
    .from(invitations)
    .leftJoin(users, eq(users.id, invitations.invitedBy))
    .where(
      and(
        eq(invitations.workspaceId, actor.workspaceId),
        isNull(invitations.acceptedAt),
        isNull(invitations.revokedAt),
      ),
    )
    .orderBy(desc(invitations.createdAt));
  return rows.map((r) => ({
    ...r,
    createdAt: r.createdAt.toISOString(),
    expiresAt: r.expiresAt.toISOString(),
  }));
}

/** The pending invitation's row condition, for revoking or renewing it. */
export function pendingInvitation(workspaceId: string, id: string) {
  return and(
    eq(invitations.workspaceId, workspaceId),
    eq(invitations.id, id),
    isNull(invitations.acceptedAt),
    isNull(invitations.revokedAt),
  );
}
