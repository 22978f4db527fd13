export type PairRateLimit = { intervalMs: number; burst: number };

const SECOND_MS = 1000;

/**
 * Meta's two send limits, measured on the simulator's clock:
 * throughput (§7.4: messages per second per number) and the pair rate (§7.6: one message every
 * 6 s to the same user, bursts of up to 45 borrowed from the future and paid back at that rate).
 */
export class SendLimits {
  // Per number: accept times of the last second as a queue (head index), so a check is amortised O(1).
  private readonly recent = new Map<string, { times: number[]; head: number }>();
  // Pair rate as a generic cell rate: each send moves the pair's "theoretical arrival time" one
  // interval on; a send is allowed while that time is at most `burst` intervals ahead of now.
  private readonly arrival = new Map<string, number>();

  /** Whether one more message fits in the last second of this number's sends. */
  isWithinThroughput(phoneNumberId: string, nowMs: number, mps: number): boolean {
    const window = this.pruned(phoneNumberId, nowMs);
    return window.times.length - window.head < mps;
  }

  isWithinPairRate(pairKey: string, nowMs: number, limit: PairRateLimit): boolean {
    const next = Math.max(this.arrival.get(pairKey) ?? nowMs, nowMs) + limit.intervalMs;
    return next - nowMs <= limit.burst * limit.intervalMs;
  }

  /** Counts an accepted message against both limits. */
  record(phoneNumberId: string, pairKey: string, nowMs: number, limit: PairRateLimit | null): void {
    this.pruned(phoneNumberId, nowMs).times.push(nowMs);
    if (limit)
      this.arrival.set(pairKey, Math.max(this.arrival.get(pairKey) ?? nowMs, nowMs) + limit.intervalMs);
  }

  private pruned(phoneNumberId: string, nowMs: number): { times: number[]; head: number } {
    let window = this.recent.get(phoneNumberId);
    if (!window) {
      window = { times: [], head: 0 };
      this.recent.set(phoneNumberId, window);
    }
    const { times } = window;
    while (window.head < times.length && (times[window.head] ?? 0) <= nowMs - SECOND_MS) window.head += 1;
    if (window.head > 1024 && window.head * 2 > times.length) {
      times.splice(0, window.head);
      window.head = 0;
    }
    return window;
  }
}
