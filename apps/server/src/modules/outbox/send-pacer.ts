/**
 * Paces sends for one number. Two rules:
 * - evenly spaced starts (a sliding schedule that catches up at most 250 ms after a slow tick,
 *   never a bucket that bursts after a pause), so the rate is smooth;
 * - a guard that holds even when the event loop or the network stalls: Meta sees a request at
 *   some moment between its start and its response, so a send may start only while fewer than
 *   `rate` sends are in flight or answered within the last window. Then no window of Meta's
 *   clock can hold more than `rate` arrivals, whatever the delays.
 * Call `acquire()` right before the request leaves and `finished()` once it is answered.
 * One pacer serves the whole number: a conversational send (`urgent`) takes the next free slot
 * before any bulk send waiting for one, so a running broadcast delays an agent's reply by about
 * one slot, not by its backlog.
 */
export class SendPacer {
  private next = 0;
  private inFlight = 0;
  /** Answer times inside the last window, oldest first (a queue with a head index). */
  private answered: number[] = [];
  private head = 0;
  private interval: number;
  /** Urgent sends waiting for a slot: bulk sends wait behind them. */
  private urgentWaiting = 0;

  constructor(
    private rate: number,
    private readonly now: () => number = () => performance.now(),
    private readonly windowMs = 1_000,
    private readonly margin = 1,
  ) {
    this.interval = (windowMs / rate) * margin;
  }

  get ratePerSecond(): number {
    return this.rate;
  }

  setRate(rate: number): void {
    if (rate === this.rate) return;
    this.rate = rate;
    this.interval = (this.windowMs / rate) * this.margin;
  }

  /** Milliseconds to wait before the next send may start (0: now). */
  delay(): number {
    const t = this.now();
    let wait = Math.max(0, this.next - t);
    // A millisecond past the window: Meta's clock counts in whole milliseconds.
    const since = t - this.windowMs - 1;
    while (this.head < this.answered.length && this.answered[this.head]! <= since) this.head++;
    if (this.head > 1024) {
      this.answered = this.answered.slice(this.head);
      this.head = 0;
    }
    const recent = this.answered.length - this.head;
    if (this.inFlight + recent >= this.rate) {
      // Wait for the oldest answer to leave the window, or (all in flight) for an answer.
      const oldest = this.answered[this.head + Math.max(0, this.inFlight + recent - this.rate)];
      wait = Math.max(wait, oldest === undefined ? 1 : oldest - since + 0.001);
    }
    return wait;
  }

  /** Records a send starting now; call only when delay() is 0. */
  take(): void {
    const t = this.now();
    // Behind schedule (a slow tick): catch up at most 250 ms; the guard still caps every window.
    const lag = Math.max(this.interval * 2, 250);
    this.next = Math.max(this.next, t - lag) + this.interval;
    this.inFlight++;
  }

  /** The send taken earlier was answered (sent, refused or timed out). */
  finished(): void {
    if (this.inFlight > 0) this.inFlight--;
    this.answered.push(this.now());
  }

  /** Waits for the next slot (or until `isStopped` says to give up) and takes it. */
  async acquire(isStopped: () => boolean = () => false, urgent = false): Promise<boolean> {
    if (urgent) this.urgentWaiting++;
    try {
      for (;;) {
        if (isStopped()) return false;
        const wait = !urgent && this.urgentWaiting > 0 ? Math.max(1, this.delay()) : this.delay();
        if (wait <= 0) {
          this.take();
          return true;
        }
        await new Promise((r) => setTimeout(r, Math.min(wait, urgent ? 5 : 100)));
      }
    } finally {
      if (urgent) this.urgentWaiting--;
    }
  }
}
