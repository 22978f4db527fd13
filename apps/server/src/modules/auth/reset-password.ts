import type { PasswordResetPreview } from '@charla/contracts';
import { and, eq, gt, isNull } from 'drizzle-orm';
import { sha256Hex } from '../../platform/crypto';
import { AppError } from '../../platform/errors';
import { recordAudit } from '../audit';
import type { AuthDeps } from './auth.deps';
import { passwordResets, users, workspaceMembers } from './auth.schema';
import { assertNotThrottled, ipKey, throttleFailure } from './auth-throttle';
import { endSessions } from './end-sessions';
import { hashPassword } from './passwords';

const linkGone = () =>
  new AppError(
    'not_found',
    'reset_link_not_found',
    'This reset link is unknown, already used or expired (links last an hour). Ask for a new one.',
  );

async function findOpenReset(deps: AuthDeps, token: string) {
  const [row] = await deps.orm
    .select({
      id: passwordResets.id,
      userId: passwordResets.userId,
      workspaceId: passwordResets.workspaceId,
      email: users.email,
      name: users.name,
    })
    .from(passwordResets)
    .innerJoin(users, eq(users.id, passwordResets.userId))
    .innerJoin(
      workspaceMembers,
      and(
        eq(workspaceMembers.userId, passwordResets.userId),
        eq(workspaceMembers.workspaceId, passwordResets.workspaceId),
      ),
    )
    .where(
      and(
        eq(passwordResets.tokenHash, sha256Hex(token)),
        isNull(passwordResets.usedAt),
        gt(passwordResets.expiresAt, deps.clock.now()),
      ),
    );
  return row ?? null;
}

/** Whose password the link resets (the page greets them), or 404 when it no longer works. */
export async function previewPasswordReset(
  deps: AuthDeps,
  token: string,
  ip: string,
): Promise<PasswordResetPreview> {
  await assertNotThrottled(deps, [ipKey(ip)]);
  const row = await findOpenReset(deps, token);
  if (!row) {
    await throttleFailure(deps, [ipKey(ip)]);
    throw linkGone();
  }
  return { email: row.email, name: row.name };
}

/**
 * Sets the new password through a one-time link: the link (and any other open link of the
 * member) stops working, and every session of the member ends. Guessing links is throttled per
 * address like failed sign-ins.
 */
export async function resetPassword(
  deps: AuthDeps,
  token: string,
  password: string,
  ip: string,
): Promise<void> {
  await assertNotThrottled(deps, [ipKey(ip)]);
  const row = await findOpenReset(deps, token);
  if (!row) {
    await throttleFailure(deps, [ipKey(ip)]);
    throw linkGone();
  }
  const passwordHash = await hashPassword(password);
  const now = deps.clock.now();
  await deps.orm.transaction(async (tx) => {
    const claimed = await tx
      .update(passwordResets)
      .set({ usedAt: now })
      .where(and(eq(passwordResets.id, row.id), isNull(passwordResets.usedAt)))
      .returning({ id: passwordResets.id });
    if (claimed.length === 0) throw linkGone();
    await tx
      .update(passwordResets)
      .set({ usedAt: now })
      .where(and(eq(passwordResets.userId, row.userId), isNull(passwordResets.usedAt)));
    await tx.update(users).set({ passwordHash }).where(eq(users.id, row.userId));
    await recordAudit(tx, {
      workspaceId: row.workspaceId,
      actorUserId: row.userId,
      actorLabel: row.name,
      ip,
      action: 'auth.password_reset',
      targetType: 'member',
      targetId: row.userId,
      targetLabel: row.name,
    });
  });
  await endSessions(deps, { workspaceId: row.workspaceId, userId: row.userId });
}
