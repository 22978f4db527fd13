import type { Invitation } from '@charla/contracts';
import { createToken, sha256Hex } from '../../platform/crypto';
import { auditActor, recordAudit } from '../audit';
import type { AuthDeps } from './auth.deps';
import { invitations } from './auth.schema';
import { emailInvitation } from './email-invitation';
import { INVITATION_DAYS } from './invitations';
import { pendingInvitation } from './list-invitations';
import { type Actor, auditBase, requireManager } from './member-access';
import { invitationGone } from './revoke-invitation';

/**
 * A new link for a pending (or expired) invitation: the old link stops working, the new one
 * lasts the full period again, and it is emailed when SMTP is configured.
 */
export async function renewInvitation(
  deps: AuthDeps,
  actor: Actor,
  invitationId: string,
  log?: (err: unknown) => void,
): Promise<Invitation> {
  requireManager(actor);
  const token = createToken();
  const expiresAt = new Date(deps.clock.now().getTime() + INVITATION_DAYS * 86_400_000);
  const [row] = await deps.orm
    .update(invitations)
    .set({ tokenHash: sha256Hex(token), expiresAt })
    .where(pendingInvitation(actor.workspaceId, invitationId))
    .returning({ id: invitations.id, email: invitations.email, role: invitations.role });
  if (!row) throw invitationGone();
  await recordAudit(deps.orm, {
    ...auditBase(actor),
    ...(await auditActor(deps.orm, actor.userId)),
    action: 'invitation.link_renewed',
    targetType: 'invitation',
    targetId: row.id,
    targetLabel: row.email,
  });
  const invitation: Invitation = {
    id: row.id,
    email: row.email,
    role: row.role,
    url: `${deps.publicUrl}/invite/${token}`,
    expiresAt: expiresAt.toISOString(),
  };
  return { ...invitation, emailed: await emailInvitation(deps, actor, invitation, log) };
}
