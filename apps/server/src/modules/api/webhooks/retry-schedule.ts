/**
 * When a failed delivery is tried again, after its Nth failure: soon at first, then spaced out,
 * over a little more than a day (5 s, 5 min, 30 min, 2 h, 5 h, 10 h, 10 h: 27 h 35 min in all),
 * as Standard Webhooks senders do. After the last, the delivery has failed for good (it can still
 * be replayed by hand).
 */
export const RETRY_DELAYS_MS = [5_000, 300_000, 1_800_000, 7_200_000, 18_000_000, 36_000_000, 36_000_000];

/** The next try after `failures` failed ones, or null when the schedule is spent. */
export function nextAttemptAfter(failures: number, now: Date): Date | null {
  const delay = RETRY_DELAYS_MS[failures - 1];
  return delay === undefined ? null : new Date(now.getTime() + delay);
}

/** A subscription whose deliveries have all failed this long is turned off when one of them gives up (the owners are told). */
export const DISABLE_AFTER_FAILING_MS = 24 * 3_600_000;
