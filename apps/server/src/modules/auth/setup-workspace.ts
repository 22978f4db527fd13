import type { SetupRequestSchema } from '@charla/contracts';
import { count } from 'drizzle-orm';
import type { z } from 'zod';
import { AppError } from '../../platform/errors';
import type { AuthDeps } from './auth.deps';
import { users, workspaceMembers, workspaces } from './auth.schema';
import { hashPassword } from './passwords';
import { checkTimeZone } from './time-zone';

export async function needsSetup(deps: AuthDeps): Promise<boolean> {
  const [row] = await deps.orm.select({ n: count() }).from(users);
  return (row?.n ?? 0) === 0;
}

/**
 * First start: the owner creates their own account (there is no default password). Works once;
 * the unique email index and the users check make a second, racing call fail cleanly.
 */
export async function setupWorkspace(
  deps: AuthDeps,
  input: z.output<typeof SetupRequestSchema>,
): Promise<{ userId: string; workspaceId: string }> {
  const timezone = input.timezone === undefined ? 'UTC' : checkTimeZone(input.timezone, 'timezone');
  if (!(await needsSetup(deps))) {
    throw new AppError('conflict', 'already_set_up', 'Charla is already set up: sign in instead.');
  }
  const passwordHash = await hashPassword(input.password);
  return deps.orm.transaction(async (tx) => {
    const [workspace] = await tx
      .insert(workspaces)
      .values({ name: input.workspaceName, timezone })
      .returning();
    const [user] = await tx
      .insert(users)
      .values({ email: input.email, name: input.name, passwordHash, locale: input.locale })
      .returning();
    await tx.insert(workspaceMembers).values({ workspaceId: workspace!.id, userId: user!.id, role: 'owner' });
    return { userId: user!.id, workspaceId: workspace!.id };
  });
}
