/**
 * WhatsApp's pair rate limit (reference §7.6): about one message every 6 s to the same customer,
 * with a burst of up to 45 that is paid back afterwards; beyond it Meta refuses with 131056. A
 * bucket per customer of the number, so Charla waits instead of collecting refusals.
 */
export class PairLimit {
  private readonly buckets = new Map<string, { tokens: number; at: number }>();

  constructor(
    private readonly now: () => number = () => Date.now(),
    private readonly burst = 45,
    private readonly refillMs = 6_000,
  ) {}

  /** Milliseconds until `to` may get one more message (0: now). */
  delay(to: string): number {
    const b = this.refill(to);
    return b.tokens >= 1 ? 0 : Math.ceil((1 - b.tokens) * this.refillMs);
  }

  /** One message to `to` is leaving. */
  take(to: string): void {
    this.refill(to).tokens -= 1;
  }

  private refill(to: string) {
    const t = this.now();
    let b = this.buckets.get(to);
    if (!b) {
      b = { tokens: this.burst, at: t };
      this.buckets.set(to, b);
      if (this.buckets.size > 100_000) this.forgetFull();
    }
    b.tokens = Math.min(this.burst, b.tokens + (t - b.at) / this.refillMs);
    b.at = t;
    return b;
  }

  /** A full bucket is what an unknown customer gets anyway: drop those to bound memory. */
  private forgetFull() {
    const t = this.now();
    for (const [to, b] of this.buckets)
      if (b.tokens + (t - b.at) / this.refillMs >= this.burst) this.buckets.delete(to);
  }
}
