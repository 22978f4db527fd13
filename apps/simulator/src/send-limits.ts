export type PairRateLimit = { intervalMs: number; burst: number };

const SECOND_MS = 1000;

/**
 * Meta's two send limits, measured on the simulator's clock:
 * throughput (§7.4: messages per second per number) and the pair rate (§7.6: one message every
 * 6 s to the same user, bursts of up to 45 borrowed from the future and paid back at that rate).
 */
export class SendLimits {
  private readonly recent = new Map<string, number[]>();
  // Pair rate as a generic cell rate: each send moves the pair's "theoretical arrival time" one
  // interval on; a send is allowed while that time is at most `burst` intervals ahead of now.
  private readonly arrival = new Map<string, number>();

  /** Whether one more message fits in the last second of this number's sends. */
  isWithinThroughput(phoneNumberId: string, nowMs: number, mps: number): boolean {
    return this.pruned(phoneNumberId, nowMs).length < mps;
  }

  isWithinPairRate(pairKey: string, nowMs: number, limit: PairRateLimit): boolean {
    const next = Math.max(this.arrival.get(pairKey) ?? nowMs, nowMs) + limit.intervalMs;
    return next - nowMs <= limit.burst * limit.intervalMs;
  }

  /** Counts an accepted message against both limits. */
  record(phoneNumberId: string, pairKey: string, nowMs: number, limit: PairRateLimit | null): void {
    const times = this.pruned(phoneNumberId, nowMs);
    times.push(nowMs);
    this.recent.set(phoneNumberId, times);
    if (limit)
      this.arrival.set(pairKey, Math.max(this.arrival.get(pairKey) ?? nowMs, nowMs) + limit.intervalMs);
  }

  private pruned(phoneNumberId: string, nowMs: number): number[] {
    const times = (this.recent.get(phoneNumberId) ?? []).filter((at) => at > nowMs - SECOND_MS);
    this.recent.set(phoneNumberId, times);
    return times;
  }
}
