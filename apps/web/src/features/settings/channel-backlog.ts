import type { ChannelBacklog } from '@charla/contracts';

/** Messages waiting less than this are just leaving: the card says nothing about them. */
export const WAITING_SHOWN_AFTER_MS = 10_000;

export type BacklogSummary = {
  /** Messages waiting to leave (queued or in doubt), or 0 when not worth a line yet. */
  waiting: number;
  /** How long the oldest of them has waited. */
  oldestAgeMs: number;
  failedLastHour: number;
  lastError: ChannelBacklog['lastError'];
};

/** What the number's card tells about its backlog, or null when the number is keeping up. */
export function summariseBacklog(backlog: ChannelBacklog | null, now: Date): BacklogSummary | null {
  if (!backlog) return null;
  const oldestAgeMs = backlog.oldestQueuedAt
    ? Math.max(0, now.getTime() - Date.parse(backlog.oldestQueuedAt))
    : 0;
  const total = backlog.queued + backlog.inDoubt;
  const waiting = total > 0 && oldestAgeMs > WAITING_SHOWN_AFTER_MS ? total : 0;
  if (waiting === 0 && backlog.failedLastHour === 0) return null;
  return { waiting, oldestAgeMs, failedLastHour: backlog.failedLastHour, lastError: backlog.lastError };
}

/** A short age: "40 s", "2 min", "3 h" (whole units, rounded down). */
export function ageParts(ms: number): { n: number; unit: 'seconds' | 'minutes' | 'hours' } {
  const seconds = Math.floor(ms / 1000);
  if (seconds < 60) return { n: seconds, unit: 'seconds' };
  if (seconds < 3600) return { n: Math.floor(seconds / 60), unit: 'minutes' };
  return { n: Math.floor(seconds / 3600), unit: 'hours' };
}
