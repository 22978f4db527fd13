import type { BroadcastCounts, BroadcastStatus } from '@charla/contracts';

/** Cloud API default per number (reference §7.4); the server sends a broadcast's own rate. */
export const DEFAULT_RATE_PER_SECOND = 80;

/** Seconds to send `recipients` messages at `ratePerSecond`, at least 1 when there is anything to send. */
export function estimateSendSeconds(recipients: number, ratePerSecond: number): number {
  if (recipients <= 0) return 0;
  const rate = ratePerSecond > 0 ? ratePerSecond : DEFAULT_RATE_PER_SECOND;
  return Math.max(1, Math.ceil(recipients / rate));
}

/**
 * What happens to an audience on a number today: how many go out now (within what is left of the
 * 24 h allowance; everyone when there is no known limit), how many wait for the window to free
 * up, and how long the first part takes at the pace.
 */
export function planSend(
  recipients: number,
  limits: { remaining: number | null; effectiveRatePerSecond: number },
): { now: number; waiting: number; seconds: number } {
  const now = limits.remaining === null ? recipients : Math.min(recipients, limits.remaining);
  return {
    now,
    waiting: recipients - now,
    seconds: estimateSendSeconds(now, limits.effectiveRatePerSecond),
  };
}

export type Duration = { unit: 'underMinute' | 'minutes' | 'hours'; value: number };

/** A duration as a person says it: "less than a minute", whole minutes under two hours, then hours. */
export function roundDuration(seconds: number): Duration {
  if (seconds < 60) return { unit: 'underMinute', value: 1 };
  if (seconds < 2 * 3600) return { unit: 'minutes', value: Math.ceil(seconds / 60) };
  return { unit: 'hours', value: Math.round((seconds / 3600) * 10) / 10 };
}

/** Recipients already handled (sent, failed or skipped), as a whole percentage of the total. */
export function progressPercent(counts: BroadcastCounts, status: BroadcastStatus): number {
  if (status === 'completed') return 100;
  if (counts.total <= 0) return 0;
  const handled = Math.max(0, counts.total - counts.queued);
  return Math.min(100, Math.floor((handled / counts.total) * 100));
}

/** Share of `part` in `whole` as a whole percentage (0 when there is no whole). */
export function share(part: number, whole: number): number {
  return whole > 0 ? Math.round((part / whole) * 100) : 0;
}

export const ACTIVE_STATUSES: readonly BroadcastStatus[] = ['preparing', 'sending', 'waiting_limit'];

/** Still moving by itself: the screen keeps polling while it is. */
export function isActive(status: BroadcastStatus): boolean {
  return ACTIVE_STATUSES.includes(status);
}

const RECEIPTS_WINDOW_MS = 30 * 60_000;

/**
 * Delivered, read and replied keep arriving after the last message went out: poll every 2 s
 * while sending, every 10 s for half an hour after it ended, then stop.
 */
export function pollInterval(
  broadcast: { status: BroadcastStatus; finishedAt: string | null },
  now: number,
): number | false {
  if (isActive(broadcast.status)) return 2_000;
  if (broadcast.finishedAt && now - Date.parse(broadcast.finishedAt) < RECEIPTS_WINDOW_MS) return 10_000;
  return false;
}

/** Recipients exist once sending began; a broadcast cancelled while scheduled never had any. */
export function hasBroadcastStarted(broadcast: {
  status: BroadcastStatus;
  startedAt: string | null;
}): boolean {
  return broadcast.startedAt !== null || isActive(broadcast.status) || broadcast.status === 'paused';
}

export function canPause(status: BroadcastStatus): boolean {
  return status === 'sending' || status === 'waiting_limit' || status === 'preparing';
}

export function canResume(status: BroadcastStatus): boolean {
  return status === 'paused';
}

export function canCancel(status: BroadcastStatus): boolean {
  return ['scheduled', 'preparing', 'sending', 'paused', 'waiting_limit'].includes(status);
}
