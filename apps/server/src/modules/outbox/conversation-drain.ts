import type { ChannelLane } from './channel-lane';
import { HOLDS_LEASE_SQL } from './channel-lease';
import { type ClaimedItem, claimItems } from './claim-items';
import type { OutboxDeps } from './outbox.deps';
import { OutboxResults } from './outbox-results';
import { sendItem } from './send-item';

/** Claimed and not yet settled at most; past it the drain waits for answers before claiming more. */
const MAX_CLAIMED = 2_000;
const CLAIM_BATCH = 500;
/** An idle drain keeps its lane this long, so the next reply needs no new lease. */
const LINGER_MS = 30_000;
/** How often a waiting drain looks again by itself (retries coming due, sends in doubt). */
const IDLE_LOOK_MS = 1_000;
/** How long outcomes gather before they are written, while more keep coming. */
const GATHER_MS = 20;

/**
 * Sends one number's queued conversational sends while this process holds the number's lane.
 * One loop talks to the database (write the last outcomes, then claim), so a claim never runs
 * while a result is half-written; the sends themselves run concurrently, one chain per
 * conversation: a conversation's next message leaves once WhatsApp took the previous one, and
 * a retry or a send in doubt holds back the rest of its conversation, so the customer reads
 * the messages in the order they were written.
 */
export class ConversationDrain {
  private stopped = false;
  private readonly results: OutboxResults;
  /** Claimed by this drain and not yet settled in the database. */
  private readonly mine = new Set<number>();
  /** Per conversation: claimed items waiting for the one in flight. */
  private readonly chains = new Map<string, ClaimedItem[]>();
  private poked = false;
  private wakeOnPoke: (() => void) | null = null;
  private wakeOnSettle: (() => void) | null = null;
  private nextSettle = 0;
  /** Claimed items without an outcome yet (in a chain or in flight). */
  private outstanding = 0;
  /** Counts the loop's turns: an outcome settled during turn N is written by turn N+1's flush. */
  private epoch = 0;
  /** Conversations whose chain was put back (retry, in doubt), with the turn it happened in. */
  private readonly heldBack = new Map<string, number>();
  /** Conversations erased with their contact (modules/privacy): what is claimed of them never leaves. */
  private readonly forgotten = new Set<string>();

  constructor(
    private readonly deps: OutboxDeps,
    private readonly lane: ChannelLane,
    private readonly listeningSince: () => number,
    /** Reads the number's pace again (in the background): every few seconds while draining. */
    private readonly refreshRate: () => void,
  ) {
    this.results = new OutboxResults(deps, lane.channelId);
  }

  /** New sends were queued for this number, or one came due: look now. */
  poke(): void {
    this.poked = true;
    this.wakeOnPoke?.();
  }

  stop(): void {
    this.stopped = true;
    this.wakeOnPoke?.();
  }

  /** These conversations were erased: their claimed sends not yet on their way are dropped. */
  forget(conversationIds: string[]): void {
    for (const id of conversationIds) this.forgotten.add(id);
  }

  private get halted(): boolean {
    return this.stopped || this.lane.lost;
  }

  /** Until stopped, the lease is lost, or nothing happened for a while. */
  async run(): Promise<void> {
    let lastWork = Date.now();
    let nextRate = 0;
    try {
      while (!this.halted) {
        this.poked = false;
        if (Date.now() >= nextRate) {
          if (nextRate > 0) this.refreshRate();
          nextRate = Date.now() + 5_000;
        }
        // Outcomes settled from here on are written by the next flush, not this one.
        const epoch = ++this.epoch;
        if (this.heldBack.size > 1_000)
          for (const [conversationId, at] of this.heldBack)
            if (at < epoch) this.heldBack.delete(conversationId);
        const { settled, ok } = await this.flush();
        if (ok) await this.settleInDoubt();
        const claimed =
          !ok || this.halted || this.mine.size >= MAX_CLAIMED
            ? []
            : await claimItems(this.deps.db, this.lane, [...this.mine], CLAIM_BATCH, this.deps.clock.now());
        for (const item of claimed) this.dispatch(item, epoch);
        if (claimed.length > 0 || settled > 0 || this.mine.size > 0) lastWork = Date.now();
        else if (Date.now() - lastWork > LINGER_MS) break;
        if (claimed.length === CLAIM_BATCH && this.mine.size < MAX_CLAIMED) continue;
        await this.waitForWork();
      }
    } finally {
      // Every claimed send ends with an outcome (halted ones are released untouched): wait, write.
      while (this.outstanding > 0) await sleep(10);
      for (let i = 0; i < 5 && this.results.size > 0; i++) await this.flush();
    }
  }

  private async flush(): Promise<{ settled: number; ok: boolean }> {
    const before = this.results.size;
    const settled = await this.results.flush();
    for (const item of settled) this.mine.delete(item.id);
    return { settled: settled.length, ok: settled.length === before };
  }

  /**
   * Waits for the next thing to do. Idle, a settled send or a poke ends the wait at once (a lone
   * reply's outcome is written straight away). With outcomes already waiting, it gathers more for
   * a few milliseconds, cut short only by new sends: under load each write then carries many
   * outcomes instead of one, and the sends themselves never wait for it.
   */
  private async waitForWork() {
    if (this.poked || this.halted) return;
    const gathering = this.results.size > 0;
    await new Promise<void>((resolve) => {
      const timer = setTimeout(done, gathering ? GATHER_MS : IDLE_LOOK_MS);
      function done() {
        clearTimeout(timer);
        resolve();
      }
      this.wakeOnPoke = done;
      this.wakeOnSettle = gathering ? null : done;
    });
    this.wakeOnPoke = null;
    this.wakeOnSettle = null;
  }

  private dispatch(item: ClaimedItem, epoch: number) {
    this.mine.add(item.id);
    this.outstanding++;
    // An earlier send of its conversation was put back after this claim began: it waits too.
    if (this.heldBack.get(item.conversationId) === epoch) {
      this.settle(item, { kind: 'release', id: item.id });
      return;
    }
    const chain = this.chains.get(item.conversationId);
    if (chain) {
      chain.push(item);
      return;
    }
    this.chains.set(item.conversationId, [item]);
    void this.runChain(item.conversationId);
  }

  /** Sends a conversation's claimed items one after the other. */
  private async runChain(conversationId: string) {
    const chain = this.chains.get(conversationId)!;
    while (chain.length > 0) {
      const item = chain[0]!;
      const outcome = this.forgotten.has(conversationId)
        ? ({ kind: 'drop', id: item.id } as const)
        : this.halted
          ? ({ kind: 'release', id: item.id } as const)
          : await sendItem(
              this.deps,
              this.lane,
              item,
              () => this.halted || this.forgotten.has(conversationId),
            );
      chain.shift();
      this.settle(item, outcome);
      if (outcome.kind === 'retry' || outcome.kind === 'in_doubt' || outcome.kind === 'release') {
        // The rest waits behind this one, in the queue; so does what the running claim brings.
        this.heldBack.set(conversationId, this.epoch);
        for (const rest of chain.splice(0)) this.settle(rest, { kind: 'release', id: rest.id });
      }
    }
    this.chains.delete(conversationId);
  }

  private settle(item: ClaimedItem, outcome: Parameters<OutboxResults['add']>[1]) {
    this.outstanding--;
    this.results.add(item, outcome);
    this.wakeOnSettle?.();
  }

  /**
   * Sends claimed here or by a process that died, with no answer and no status webhook after the
   * grace period (counted from when this process began taking webhooks): Meta never took them,
   * so they go back to the queue. A status naming one settles it first (settle-in-doubt.ts).
   */
  private async settleInDoubt() {
    if (Date.now() < this.nextSettle) return;
    this.nextSettle = Date.now() + 2_000;
    const graceAgo = new Date(this.deps.clock.now().getTime() - this.deps.config.inDoubtGraceMs);
    if (graceAgo.getTime() <= this.listeningSince() || (await this.deps.webhooksPending())) return;
    await this.deps.db.query(
      `UPDATE outbox_items SET state = 'queued', claimed_at = NULL
        WHERE channel_id = $1 AND state = 'sending' AND claimed_at < $2 AND NOT (id = ANY($3::bigint[]))
          AND ${HOLDS_LEASE_SQL('$1', '$4')}`,
      [this.lane.channelId, graceAgo, [...this.mine], this.lane.holder],
    );
  }
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
