import type { LoginRequestSchema } from '@charla/contracts';
import { asc, eq, sql } from 'drizzle-orm';
import type { z } from 'zod';
import { AppError } from '../../platform/errors';
import type { AuthDeps } from './auth.deps';
import { users, workspaceMembers } from './auth.schema';
import { verifyPassword } from './passwords';

export async function login(
  deps: AuthDeps,
  input: z.output<typeof LoginRequestSchema>,
): Promise<{ userId: string; workspaceId: string }> {
  const [user] = await deps.orm
    .select({ id: users.id, passwordHash: users.passwordHash })
    .from(users)
    .where(eq(sql`lower(${users.email})`, input.email));
  const ok = await verifyPassword(user?.passwordHash ?? null, input.password);
  if (!user || !ok) {
    throw new AppError(
      'unauthorized',
      'invalid_credentials',
      'That email and password do not match an account.',
    );
  }
  const [membership] = await deps.orm
    .select({ workspaceId: workspaceMembers.workspaceId, deactivatedAt: workspaceMembers.deactivatedAt })
    .from(workspaceMembers)
    .where(eq(workspaceMembers.userId, user.id))
    .orderBy(sql`${workspaceMembers.deactivatedAt} IS NOT NULL`, asc(workspaceMembers.createdAt))
    .limit(1);
  if (!membership) {
    throw new AppError('forbidden', 'no_workspace', 'This account no longer belongs to a workspace.');
  }
  // Said only after the right password, so it tells a stranger nothing.
  if (membership.deactivatedAt) {
    throw new AppError(
      'forbidden',
      'member_deactivated',
      'An owner or admin has deactivated this account. Ask them to reactivate it to sign in again.',
    );
  }
  return { userId: user.id, workspaceId: membership.workspaceId };
}
