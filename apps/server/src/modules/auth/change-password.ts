import { eq } from 'drizzle-orm';
import { AppError } from '../../platform/errors';
import { auditActor, recordAudit } from '../audit';
import type { AuthDeps } from './auth.deps';
import { users } from './auth.schema';
import { accountKey, assertNotThrottled, throttleFailure, throttleSuccess } from './auth-throttle';
import { endSessions } from './end-sessions';
import type { Actor } from './member-access';
import { hashPassword, verifyPassword } from './passwords';

/**
 * The member's new password, given the current one. Their other sessions end (a stolen cookie
 * stops working); this browser stays signed in. Wrong current passwords count against the
 * account like failed sign-ins.
 */
export async function changePassword(
  deps: AuthDeps,
  actor: Actor,
  input: { currentPassword: string; newPassword: string },
): Promise<void> {
  const [user] = await deps.orm
    .select({ email: users.email, passwordHash: users.passwordHash })
    .from(users)
    .where(eq(users.id, actor.userId));
  if (!user) throw new AppError('unauthorized', 'unauthorized', 'Sign in to continue.');
  const keys = [accountKey(user.email)];
  await assertNotThrottled(deps, keys);
  if (!(await verifyPassword(user.passwordHash, input.currentPassword))) {
    await throttleFailure(deps, keys);
    throw new AppError('unprocessable', 'wrong_password', 'Your current password is not that one.', [
      { path: 'currentPassword', message: 'Does not match your current password' },
    ]);
  }
  await throttleSuccess(deps, keys);
  await deps.orm
    .update(users)
    .set({ passwordHash: await hashPassword(input.newPassword) })
    .where(eq(users.id, actor.userId));
  const ended = await endSessions(deps, {
    workspaceId: actor.workspaceId,
    userId: actor.userId,
    exceptSessionId: actor.sessionId,
  });
  await recordAudit(deps.orm, {
    workspaceId: actor.workspaceId,
    ...(await auditActor(deps.orm, actor.userId)),
    ip: actor.ip,
    action: 'auth.password_changed',
    targetType: 'member',
    targetId: actor.userId,
    details: { otherSessionsEnded: ended },
  });
}
