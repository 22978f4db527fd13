import type { SetupRequestSchema } from '@charla/contracts';
import { count, sql } from 'drizzle-orm';
import type { z } from 'zod';
import { AppError } from '../../platform/errors';
import { recordAudit } from '../audit';
import type { AuthDeps } from './auth.deps';
import { users, workspaceMembers, workspaces } from './auth.schema';
import { checkCountry, countryOfTimeZone } from './country-of-time-zone';
import { hashPassword } from './passwords';
import { checkTimeZone } from './time-zone';

export async function needsSetup(deps: AuthDeps): Promise<boolean> {
  const [row] = await deps.orm.select({ n: count() }).from(users);
  return (row?.n ?? 0) === 0;
}

/** Any number, the same in every process: setups queue on it, so they cannot interleave. */
const SETUP_LOCK = 0x63686172; // 'char'

const alreadySetUp = () =>
  new AppError('conflict', 'already_set_up', 'Charla is already set up: sign in instead.');

/**
 * First start: the owner creates their own account (there is no default password). Works once,
 * under any concurrency: the check and the inserts run in one transaction holding a database
 * advisory lock, so a racing setup waits, then sees the owner and gets 409.
 */
export async function setupWorkspace(
  deps: AuthDeps,
  input: z.output<typeof SetupRequestSchema>,
  meta: { ip?: string } = {},
): Promise<{ userId: string; workspaceId: string }> {
  const timezone = input.timezone === undefined ? 'UTC' : checkTimeZone(input.timezone, 'timezone');
  const defaultCountry =
    input.defaultCountry === undefined
      ? countryOfTimeZone(input.timezone === undefined ? null : timezone)
      : input.defaultCountry && checkCountry(input.defaultCountry, 'defaultCountry');
  // Cheap early answer for the usual case; the check that counts is inside the transaction.
  if (!(await needsSetup(deps))) throw alreadySetUp();
  const passwordHash = await hashPassword(input.password);
  return deps.orm.transaction(async (tx) => {
    await tx.execute(sql`SELECT pg_advisory_xact_lock(${SETUP_LOCK})`);
    const [existing] = await tx.select({ n: count() }).from(users);
    if ((existing?.n ?? 0) > 0) throw alreadySetUp();
    const [workspace] = await tx
      .insert(workspaces)
      .values({ name: input.workspaceName, timezone, defaultCountry })
      .returning();
    const [user] = await tx
      .insert(users)
      .values({ email: input.email, name: input.name, passwordHash, locale: input.locale })
      .returning();
    await tx.insert(workspaceMembers).values({ workspaceId: workspace!.id, userId: user!.id, role: 'owner' });
    // The owner's first sign-in: their address counts as usual from now on (sign-in throttle).
    await recordAudit(tx, {
      workspaceId: workspace!.id,
      action: 'auth.login',
      actorUserId: user!.id,
      actorLabel: user!.name,
      ip: meta.ip ?? null,
      details: { via: 'setup' },
    });
    return { userId: user!.id, workspaceId: workspace!.id };
  });
}
