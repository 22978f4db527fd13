import { AppError } from '../../platform/errors';
import { auditActor, recordAudit } from '../audit';
import type { AuthDeps } from './auth.deps';
import { invitations } from './auth.schema';
import { pendingInvitation } from './list-invitations';
import { type Actor, auditBase, requireManager } from './member-access';

/** The invitation's link stops working at once. */
export async function revokeInvitation(deps: AuthDeps, actor: Actor, invitationId: string): Promise<void> {
  requireManager(actor);
  const [row] = await deps.orm
    .update(invitations)
    .set({ revokedAt: deps.clock.now() })
    .where(pendingInvitation(actor.workspaceId, invitationId))
    .returning({ id: invitations.id, email: invitations.email, role: invitations.role });
  if (!row) throw invitationGone();
  await recordAudit(deps.orm, {
    ...auditBase(actor),
    ...(await auditActor(deps.orm, actor.userId)),
    action: 'invitation.revoked',
    targetType: 'invitation',
    targetId: row.id,
    targetLabel: row.email,
    details: { role: row.role },
  });
}

export const invitationGone = () =>
  new AppError(
    'not_found',
    'invitation_not_found',
    'That invitation does not exist, was already accepted or revoked. Reload the list.',
  );
