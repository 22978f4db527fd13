import { inArray, sql } from 'drizzle-orm';
import type { Clock } from '../../platform/clock';
import type { Orm } from '../../platform/db/database';
import { AppError } from '../../platform/errors';
import { authThrottle } from './auth.schema';

/**
 * Failed sign-ins (and invitation accepts, password resets) per client address and per account,
 * kept in `auth_throttle` so every Charla process sees the same counts. A few failures are free;
 * after that each failure doubles the wait, up to a cap, and the count is forgotten a day after
 * the last failure.
 *
 * The account cap is short (15 minutes) because anyone can fail on an account they do not own:
 * the longest an attacker can hold the owner back is one cap, and login.ts lets the owner in from
 * an address they already signed in from even while the account waits. An address grows faster
 * and longer (it is the attacker's own resource), with more free failures because an office may
 * share one address.
 */
export interface ThrottleDeps {
  orm: Orm;
  clock: Clock;
}

interface Policy {
  free: number;
  firstDelaySeconds: number;
  capSeconds: number;
}

const POLICIES: Record<'ip' | 'account' | 'other', Policy> = {
  ip: { free: 10, firstDelaySeconds: 2, capSeconds: 60 * 60 },
  account: { free: 5, firstDelaySeconds: 1, capSeconds: 15 * 60 },
  other: { free: 5, firstDelaySeconds: 1, capSeconds: 15 * 60 },
};

/** A day without failures and the key starts again from zero. */
const FORGET_AFTER_MS = 24 * 60 * 60 * 1000;

export const ipKey = (ip: string) => `ip:${ip}`;
export const accountKey = (email: string) => `account:${email.trim().toLowerCase()}`;

function policyOf(key: string): Policy {
  if (key.startsWith('ip:')) return POLICIES.ip;
  if (key.startsWith('account:')) return POLICIES.account;
  return POLICIES.other;
}

/** The wait after the `failures`-th failure in a row, in seconds (0 while still free). */
export function delayAfter(key: string, failures: number): number {
  const p = policyOf(key);
  if (failures < p.free) return 0;
  const doublings = Math.min(failures - p.free, 30);
  return Math.min(p.firstDelaySeconds * 2 ** doublings, p.capSeconds);
}

/** null when every key may try now; otherwise how long the most delayed key still waits. */
export async function throttleCheck(
  deps: ThrottleDeps,
  keys: string[],
): Promise<{ retryAfterSeconds: number } | null> {
  if (keys.length === 0) return null;
  const now = deps.clock.now().getTime();
  const rows = await deps.orm
    .select({ blockedUntil: authThrottle.blockedUntil })
    .from(authThrottle)
    .where(inArray(authThrottle.key, keys));
  const waitMs = Math.max(0, ...rows.map((r) => (r.blockedUntil ? r.blockedUntil.getTime() - now : 0)));
  return waitMs > 0 ? { retryAfterSeconds: Math.ceil(waitMs / 1000) } : null;
}

/** One more failure for each key, counted in one statement so concurrent processes add up. */
export async function throttleFailure(deps: ThrottleDeps, keys: string[]): Promise<void> {
  const now = deps.clock.now();
  const forgetBefore = new Date(now.getTime() - FORGET_AFTER_MS).toISOString();
  for (const key of new Set(keys)) {
    const [row] = await deps.orm
      .insert(authThrottle)
      .values({ key, failures: 1, lastFailureAt: now })
      .onConflictDoUpdate({
        target: authThrottle.key,
        set: {
          failures: sql`case when auth_throttle.last_failure_at < ${forgetBefore}::timestamptz then 1 else auth_throttle.failures + 1 end`,
          lastFailureAt: now,
        },
      })
      .returning({ failures: authThrottle.failures });
    const delay = delayAfter(key, row?.failures ?? 1);
    if (delay === 0) continue;
    // greatest(): a concurrent failure that counted one more must not see its wait shortened.
    const until = new Date(now.getTime() + delay * 1000).toISOString();
    await deps.orm
      .update(authThrottle)
      .set({ blockedUntil: sql`greatest(auth_throttle.blocked_until, ${until}::timestamptz)` })
      .where(sql`${authThrottle.key} = ${key}`);
  }
}

/** The keys start again from zero (e.g. the account after its owner signs in). */
export async function throttleSuccess(deps: ThrottleDeps, keys: string[]): Promise<void> {
  if (keys.length === 0) return;
  await deps.orm.delete(authThrottle).where(inArray(authThrottle.key, keys));
}

/** "12 minutes", "40 seconds": for the message of a refused attempt. */
function inWords(seconds: number): string {
  if (seconds < 90) return `${seconds} second${seconds === 1 ? '' : 's'}`;
  const minutes = Math.ceil(seconds / 60);
  return `${minutes} minutes`;
}

/** The 429 a throttled attempt answers; the error handler copies `retryAfterSeconds` into `Retry-After`. */
export class ThrottledError extends AppError {
  constructor(
    readonly retryAfterSeconds: number,
    now: Date,
  ) {
    const at = new Date(now.getTime() + retryAfterSeconds * 1000).toISOString().slice(11, 16);
    super(
      'rate_limited',
      'too_many_attempts',
      `Too many failed attempts. Try again in ${inWords(retryAfterSeconds)} (after ${at} UTC).`,
    );
    this.name = 'ThrottledError';
  }
}

/** Throws ThrottledError when any key must still wait. */
export async function assertNotThrottled(deps: ThrottleDeps, keys: string[]): Promise<void> {
  const wait = await throttleCheck(deps, keys);
  if (wait) throw new ThrottledError(wait.retryAfterSeconds, deps.clock.now());
}

/**
 * Runs `attempt` unless a key must wait; a failure that `isFailure` recognises counts against
 * every key. A success clears nothing: call throttleSuccess for the keys it should clear (an
 * account, never an address, or one valid account would reset its address between guesses).
 */
export async function withThrottle<T>(
  deps: ThrottleDeps,
  keys: string[],
  attempt: () => Promise<T>,
  isFailure: (err: unknown) => boolean,
): Promise<T> {
  await assertNotThrottled(deps, keys);
  try {
    return await attempt();
  } catch (err) {
    if (isFailure(err)) await throttleFailure(deps, keys);
    throw err;
  }
}
