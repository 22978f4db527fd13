import type { Invitation } from '@charla/contracts';
import { eq } from 'drizzle-orm';
import { invitationEmail } from './access-emails';
import type { AuthDeps } from './auth.deps';
import { users, workspaces } from './auth.schema';

/**
 * Emails the invitation's link when SMTP is configured, in the inviter's language. A failed send
 * is not fatal: the link is shown to the inviter anyway, who can copy it.
 */
export async function emailInvitation(
  deps: AuthDeps,
  inviter: { userId: string; workspaceId: string },
  invitation: Invitation,
  log?: (err: unknown) => void,
): Promise<boolean> {
  if (!deps.mailer) return false;
  const [from] = await deps.orm
    .select({ name: users.name, locale: users.locale })
    .from(users)
    .where(eq(users.id, inviter.userId));
  const [ws] = await deps.orm
    .select({ name: workspaces.name })
    .from(workspaces)
    .where(eq(workspaces.id, inviter.workspaceId));
  try {
    await deps.mailer.send(
      invitationEmail({
        to: invitation.email,
        locale: from?.locale ?? 'es',
        inviterName: from?.name ?? 'Charla',
        workspaceName: ws?.name ?? 'Charla',
        role: invitation.role,
        url: invitation.url,
        expiresAt: new Date(invitation.expiresAt),
      }),
    );
    return true;
  } catch (err) {
    log?.(err);
    return false;
  }
}
