import type { Database } from '../../platform/db/database';
import { releaseLease, renewLease } from './channel-lease';
import { OutageBackoff, type OutageState } from './outage-backoff';
import type { OutboxMetrics } from './outbox.deps';
import { PairLimit } from './pair-limit';
import type { SendOutcome } from './send-outcome';
import { SendPacer } from './send-pacer';

/**
 * One WhatsApp number's way out of Charla, held by one process at a time (the number's lease):
 * every send of the number, conversational or bulk, takes its slot from this lane's pacer, waits
 * while WhatsApp is down (OutageBackoff) and respects each customer's pair rate. Users of the
 * lane (the conversation drain, a broadcast sender) retain it; the last release gives the lease up.
 */
export class ChannelLane {
  readonly pacer: SendPacer;
  readonly outage: OutageBackoff;
  readonly pairs = new PairLimit();
  private refs = 0;
  private isLost = false;
  private closed = false;
  private readonly renew: NodeJS.Timeout;
  private readonly outageListeners = new Set<(state: OutageState | null) => void>();

  constructor(
    private readonly db: Database,
    readonly channelId: string,
    /** This process's name in the lease table (`HOLDS_LEASE_SQL`). */
    readonly holder: string,
    leaseMs: number,
    rate: number,
    now: () => Date,
    private readonly onClosed: (lane: ChannelLane) => void,
    private readonly metrics?: OutboxMetrics,
  ) {
    this.pacer = new SendPacer(rate);
    this.outage = new OutageBackoff(now);
    this.renew = setInterval(
      () => {
        renewLease(db, channelId, holder, leaseMs)
          .then((held) => {
            if (!held) this.lose();
          })
          .catch(() => {});
      },
      Math.max(100, leaseMs / 3),
    );
  }

  /** The lease expired and may be another process's now: stop sending. */
  get lost(): boolean {
    return this.isLost;
  }

  retain(): void {
    this.refs++;
  }

  release(): void {
    this.refs--;
    if (this.refs <= 0) void this.close();
  }

  /**
   * Records what a send said about WhatsApp as a whole (see OutageBackoff.record) and tells every
   * user of the lane when the outage starts, moves or ends. A broadcast's send is counted for
   * /metrics here; the conversation drain counts its own where it writes them (outbox-results.ts),
   * knowing the kind of send and when it was queued.
   */
  record(outcome: SendOutcome, of: 'conversation' | 'broadcast' = 'conversation'): { counts: boolean } {
    if (of === 'broadcast') this.countBroadcast(outcome);
    const { counts, changed } = this.outage.record(outcome);
    if (changed) for (const listener of this.outageListeners) listener(this.outage.current);
    return { counts };
  }

  private countBroadcast(outcome: SendOutcome) {
    if (!this.metrics) return;
    const code = outcome.kind === 'retry' || outcome.kind === 'failed' ? outcome.code : null;
    const result = outcome.kind === 'retry' ? 'retried' : outcome.kind;
    this.metrics.countSend(this.channelId, 'broadcast', result, code);
  }

  onOutageChange(listener: (state: OutageState | null) => void): () => void {
    this.outageListeners.add(listener);
    return () => this.outageListeners.delete(listener);
  }

  private lose() {
    this.isLost = true;
    void this.close();
  }

  private async close() {
    if (this.closed) return;
    this.closed = true;
    clearInterval(this.renew);
    this.onClosed(this);
    if (!this.isLost) await releaseLease(this.db, this.channelId, this.holder).catch(() => {});
  }
}
