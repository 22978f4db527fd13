import { and, asc, eq, isNull, sql } from 'drizzle-orm';
import { AppError } from '../../platform/errors';
import type { AuthDeps } from './auth.deps';
import { users, workspaceMembers } from './auth.schema';
import { accountKey, assertNotThrottled, ipKey, throttleFailure } from './auth-throttle';
import { emailResetLink, issueResetLink } from './create-password-reset';

/**
 * "Forgot password" on the sign-in page: when the email belongs to an active member, Charla
 * emails them a reset link. The answer is the same whether or not it does, so the page tells
 * nobody which emails have an account. Every request counts against the address and the email
 * (growing waits), so nobody can flood an inbox or probe at speed.
 */
export async function requestPasswordReset(
  deps: AuthDeps,
  input: { email: string; ip: string },
  log?: (err: unknown) => void,
): Promise<void> {
  if (!deps.mailer) {
    throw new AppError(
      'not_found',
      'email_not_configured',
      'This Charla cannot send email: ask an owner or admin of your workspace for a reset link.',
    );
  }
  const keys = [ipKey(input.ip), accountKey(input.email)];
  await assertNotThrottled(deps, keys);
  await throttleFailure(deps, keys);
  const [member] = await deps.orm
    .select({
      userId: users.id,
      email: users.email,
      name: users.name,
      locale: users.locale,
      workspaceId: workspaceMembers.workspaceId,
    })
    .from(users)
    .innerJoin(workspaceMembers, eq(workspaceMembers.userId, users.id))
    .where(and(eq(sql`lower(${users.email})`, input.email), isNull(workspaceMembers.deactivatedAt)))
    .orderBy(asc(workspaceMembers.createdAt))
    .limit(1);
  if (!member) return;
  const link = await issueResetLink(deps, member.workspaceId, member, null);
  // Sent after answering would make timing equal too; the send is short next to the hash work.
  await emailResetLink(deps, member.workspaceId, member, link, log);
}
