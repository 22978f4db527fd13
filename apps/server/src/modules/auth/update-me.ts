import type { Locale } from '@charla/contracts';
import { eq } from 'drizzle-orm';
import type { AuthDeps } from './auth.deps';
import { users } from './auth.schema';

/** The user's own preferences; today the interface language. */
export async function updateMe(deps: AuthDeps, userId: string, input: { locale: Locale }): Promise<void> {
  await deps.orm.update(users).set({ locale: input.locale }).where(eq(users.id, userId));
}
