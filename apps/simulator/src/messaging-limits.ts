import type { MessagingLimitTier } from '@charla/cloud-api';

const DAY_MS = 24 * 60 * 60 * 1000;

/** Unique users per rolling 24 h for each tier (§7.7); TIER_NOT_SET counts as a new portfolio's 250. */
export const TIER_SIZES: Record<MessagingLimitTier, number> = {
  TIER_50: 50,
  TIER_250: 250,
  TIER_2K: 2_000,
  TIER_10K: 10_000,
  TIER_100K: 100_000,
  TIER_UNLIMITED: Number.POSITIVE_INFINITY,
  TIER_NOT_SET: 250,
};

type Portfolio = {
  /** Last out-of-window send per user; the user counts while it is within 24 h. */
  lastSendAt: Map<string, number>;
  /** (time, user) in send order, to expire users without scanning the map. */
  queue: { at: number; waId: string }[];
  head: number;
};

/**
 * §8.11: unique recipients of out-of-window sends per portfolio (WABA) over a rolling 24 h.
 * Amortised O(1) per send: expired entries leave from the head of the queue.
 */
export class MessagingLimits {
  private readonly portfolios = new Map<string, Portfolio>();

  /** Counts the user and answers true, or answers false when a new user would exceed the tier. */
  admit(wabaId: string, waId: string, nowMs: number, tier: MessagingLimitTier): boolean {
    const portfolio = this.portfolio(wabaId);
    this.expire(portfolio, nowMs);
    const isCounted = portfolio.lastSendAt.has(waId);
    if (!isCounted && portfolio.lastSendAt.size >= TIER_SIZES[tier]) return false;
    portfolio.lastSendAt.set(waId, nowMs);
    portfolio.queue.push({ at: nowMs, waId });
    return true;
  }

  uniqueUsers(wabaId: string, nowMs: number): number {
    const portfolio = this.portfolio(wabaId);
    this.expire(portfolio, nowMs);
    return portfolio.lastSendAt.size;
  }

  private portfolio(wabaId: string): Portfolio {
    let portfolio = this.portfolios.get(wabaId);
    if (!portfolio) {
      portfolio = { lastSendAt: new Map(), queue: [], head: 0 };
      this.portfolios.set(wabaId, portfolio);
    }
    return portfolio;
  }

  private expire(portfolio: Portfolio, nowMs: number): void {
    const { queue } = portfolio;
    while (portfolio.head < queue.length) {
      const entry = queue[portfolio.head];
      if (!entry || entry.at > nowMs - DAY_MS) break;
      // Only forget the user if this was their latest send.
      if (portfolio.lastSendAt.get(entry.waId) === entry.at) portfolio.lastSendAt.delete(entry.waId);
      portfolio.head += 1;
    }
    if (portfolio.head > 1024 && portfolio.head * 2 > queue.length) {
      queue.splice(0, portfolio.head);
      portfolio.head = 0;
    }
  }
}
