import type { LoginRequestSchema } from '@charla/contracts';
import { and, asc, eq, gt, sql } from 'drizzle-orm';
import type { z } from 'zod';
import { AppError } from '../../platform/errors';
import { auditLog, recordAudit } from '../audit';
import type { AuthDeps } from './auth.deps';
import { users, workspaceMembers } from './auth.schema';
import {
  accountKey,
  ipKey,
  ThrottledError,
  throttleCheck,
  throttleFailure,
  throttleSuccess,
} from './auth-throttle';
import { login } from './login';

/** An address the account signed in from this recently is its owner's "usual" one. */
const USUAL_ADDRESS_DAYS = 90;

/**
 * `POST /api/auth/login`: the password check of login.ts behind the shared throttle, with the
 * audit lines `auth.login` and `auth.login_failed` (with the address, never the password).
 *
 * - The address key refuses outright: an address that keeps failing is the attacker's own.
 * - The account key stops guessing one password from many addresses. Anyone can make an
 *   account wait, though, so it never locks the owner out: the wait is at most 15 minutes, and
 *   an address this account signed in from in the last 90 days (an `auth.login` line in the
 *   audit log; addresses come from TRUST_PROXY only, so they cannot be forged) skips the
 *   account's wait while that address itself is not throttled. The owner at their usual desk
 *   signs in at once; from a new place they wait out one cap at most after the last failure.
 * - A success starts the account's count again, not the address's: otherwise an attacker with
 *   one valid account could reset their address between guesses at other accounts.
 * - A failed sign-in of an unknown email counts against the address and that email, but writes
 *   no audit line: there is no workspace to attach it to (and we would not want to say which
 *   emails exist). A known email's failure goes to its first workspace's log.
 */
export async function signInWithPassword(
  deps: AuthDeps,
  input: z.output<typeof LoginRequestSchema>,
  meta: { ip: string },
): Promise<{ userId: string; workspaceId: string }> {
  const address = ipKey(meta.ip);
  const account = accountKey(input.email);
  const now = deps.clock.now();

  const addressWait = await throttleCheck(deps, [address]);
  if (addressWait) throw new ThrottledError(addressWait.retryAfterSeconds, now);
  const member = await memberByEmail(deps, input.email);
  const accountWait = await throttleCheck(deps, [account]);
  if (accountWait && !(member && (await isUsualAddress(deps, member, meta.ip)))) {
    throw new ThrottledError(accountWait.retryAfterSeconds, now);
  }

  let ids: { userId: string; workspaceId: string };
  try {
    ids = await login(deps, input);
  } catch (err) {
    if (err instanceof AppError && err.code === 'invalid_credentials') {
      await throttleFailure(deps, [address, account]);
      if (member) {
        await recordAudit(deps.orm, {
          workspaceId: member.workspaceId,
          action: 'auth.login_failed',
          actorLabel: member.email,
          targetType: 'member',
          targetId: member.userId,
          targetLabel: member.email,
          ip: meta.ip,
        });
      }
    }
    throw err;
  }
  await throttleSuccess(deps, [account]);
  await recordAudit(deps.orm, {
    workspaceId: ids.workspaceId,
    action: 'auth.login',
    actorUserId: ids.userId,
    actorLabel: member?.email ?? input.email,
    ip: meta.ip,
  });
  return ids;
}

interface KnownMember {
  userId: string;
  email: string;
  workspaceId: string;
}

async function memberByEmail(deps: AuthDeps, email: string): Promise<KnownMember | null> {
  const [row] = await deps.orm
    .select({ userId: users.id, email: users.email, workspaceId: workspaceMembers.workspaceId })
    .from(users)
    .innerJoin(workspaceMembers, eq(workspaceMembers.userId, users.id))
    .where(eq(sql`lower(${users.email})`, email.trim().toLowerCase()))
    .orderBy(asc(workspaceMembers.createdAt))
    .limit(1);
  return row ?? null;
}

async function isUsualAddress(deps: AuthDeps, member: KnownMember, ip: string): Promise<boolean> {
  const since = new Date(deps.clock.now().getTime() - USUAL_ADDRESS_DAYS * 86_400_000);
  const [row] = await deps.orm
    .select({ id: auditLog.id })
    .from(auditLog)
    .where(
      and(
        eq(auditLog.workspaceId, member.workspaceId),
        eq(auditLog.action, 'auth.login'),
        eq(auditLog.actorUserId, member.userId),
        eq(auditLog.ip, ip),
        gt(auditLog.createdAt, since),
      ),
    )
    .limit(1);
  return !!row;
}
