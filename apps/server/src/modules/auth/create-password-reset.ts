import type { PasswordResetLink } from '@charla/contracts';
import { eq } from 'drizzle-orm';
import { createToken, sha256Hex } from '../../platform/crypto';
import { auditActor, recordAudit } from '../audit';
import { passwordResetEmail } from './access-emails';
import type { AuthDeps } from './auth.deps';
import { passwordResets, workspaces } from './auth.schema';
import {
  type Actor,
  auditBase,
  findMember,
  type MemberRow,
  requireManager,
  requireMayManage,
} from './member-access';

/** A reset link works once, for this long. */
export const RESET_LINK_MINUTES = 60;

/**
 * An owner or admin makes a one-time reset link for a member, to hand over (and, with SMTP,
 * Charla emails it to the member in their language). The member's password does not change
 * until they open the link and choose a new one.
 */
export async function createPasswordReset(
  deps: AuthDeps,
  actor: Actor,
  targetUserId: string,
  log?: (err: unknown) => void,
): Promise<PasswordResetLink> {
  requireManager(actor);
  const target = await findMember(deps.orm, actor.workspaceId, targetUserId);
  requireMayManage(actor, target);
  const link = await issueResetLink(deps, actor.workspaceId, target, actor.userId);
  await recordAudit(deps.orm, {
    ...auditBase(actor),
    ...(await auditActor(deps.orm, actor.userId)),
    action: 'auth.password_reset_link_created',
    targetType: 'member',
    targetId: target.userId,
    targetLabel: target.name,
  });
  return {
    url: link.url,
    expiresAt: link.expiresAt.toISOString(),
    emailed: await emailResetLink(deps, actor.workspaceId, target, link, log),
  };
}

/** Stores a new link (its token hashed) and returns it; the token is never stored or logged. */
export async function issueResetLink(
  deps: AuthDeps,
  workspaceId: string,
  member: { userId: string },
  createdBy: string | null,
): Promise<{ url: string; expiresAt: Date }> {
  const token = createToken();
  const expiresAt = new Date(deps.clock.now().getTime() + RESET_LINK_MINUTES * 60_000);
  await deps.orm.insert(passwordResets).values({
    workspaceId,
    userId: member.userId,
    tokenHash: sha256Hex(token),
    createdBy,
    expiresAt,
  });
  return { url: `${deps.publicUrl}/reset-password/${token}`, expiresAt };
}

/** Emails the link when SMTP is configured; false when not sent (the admin copies it). */
export async function emailResetLink(
  deps: AuthDeps,
  workspaceId: string,
  member: Pick<MemberRow, 'email' | 'name' | 'locale'>,
  link: { url: string },
  log?: (err: unknown) => void,
): Promise<boolean> {
  if (!deps.mailer) return false;
  const [ws] = await deps.orm
    .select({ name: workspaces.name })
    .from(workspaces)
    .where(eq(workspaces.id, workspaceId));
  try {
    await deps.mailer.send(
      passwordResetEmail({
        to: member.email,
        locale: member.locale,
        name: member.name,
        workspaceName: ws?.name ?? 'Charla',
        url: link.url,
        minutes: RESET_LINK_MINUTES,
      }),
    );
    return true;
  } catch (err) {
    log?.(err);
    return false;
  }
}
