import { eq } from 'drizzle-orm';
import type { Orm } from '../../platform/db/database';
import { users } from '../auth/auth.schema';

/**
 * Who did it, as a line of the audit log names them: their id and their name now, so the line
 * still reads after they are removed.
 */
export async function auditActor(
  orm: Orm,
  userId: string,
): Promise<{ actorUserId: string; actorLabel: string | null }> {
  const [user] = await orm.select({ name: users.name }).from(users).where(eq(users.id, userId));
  return { actorUserId: userId, actorLabel: user?.name ?? null };
}
