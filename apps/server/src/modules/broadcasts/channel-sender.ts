import type { Template, TemplateValues } from '@charla/contracts';
import { NotSent, SendFailure } from '../inbox';
import {
  type Admission,
  type ChannelLane,
  HOLDS_LEASE_SQL,
  type OutageState,
  outcomeOf,
  type SendPacer,
} from '../outbox';
import type { BroadcastsDeps } from './broadcasts.deps';
import { numberRate } from './channel-rate';
import { haltsBroadcast } from './halting-errors';
import { LiveCounts } from './live-counts';
import type { MessagingLimit } from './messaging-limit';
import { publishBroadcast } from './publish-broadcast';
import { CANCELLED_REASON } from './recipient-state-sql';
import { recipientContent } from './record-sent';
import { type SendOutcome, SendResults } from './send-results';

interface Claimed {
  id: number;
  wa_id: string;
  values: TemplateValues;
}

interface Active {
  id: string;
  workspace_id: string;
  status: string;
  template: Template;
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
/** Meta's callback data names the recipient, so a status webhook can settle a send in doubt. */
export const callbackDataOf = (recipientId: number) => `bcr:${recipientId}`;

/**
 * Sends the broadcasts of ONE number while this process holds the number's lane. Recipients
 * are claimed in id order in small batches (state `sending`, before any HTTP call: a crash
 * leaves them in doubt, never sent twice), paced by SendPacer, with enough requests in flight
 * to reach the rate at the API's latency. Results are written in batches by SendResults. The
 * lane's pacer is the number's: conversational sends take their slots first (modules/outbox).
 */
export class ChannelSender {
  private stopped = false;
  /** Reads the draining broadcast's status at once (see `recheck`); null between drains. */
  private checkStatus: (() => void) | null = null;
  private inFlight = 0;
  private readonly pacer: SendPacer;
  /** Claimed here and not yet settled in the database: never requeued as "in doubt". */
  private readonly mine = new Set<number>();
  /** Claimed here, then their contact was erased: they must not leave (forget-recipient.ts). */
  private readonly forgotten = new Set<number>();
  private readonly results: SendResults;
  /** When each broadcast may publish its progress next. */
  private nextPublish = new Map<string, number>();
  private readonly live = new Map<string, LiveCounts>();
  private publishing = false;
  /** The broadcast being drained: it shows the number's outage when the lane reports one. */
  private active: Active | null = null;
  private showingOutage: Promise<void> = Promise.resolve();
  /** Broadcasts whose outage notice this sender has written (null or its own) at least once. */
  private readonly outageShownOn = new Set<string>();
  /** WhatsApp refused a send for a reason everyone would hit: the drain stops, the broadcast pauses. */
  private pausing: Promise<void> | null = null;
  /**
   * The highest recipient id claimed in this drain: the next claim starts after it. Claimed rows
   * leave dead `queued` entries at the front of the (broadcast, state, id) index until vacuum, so
   * a claim from the start would walk all of them (bench/broadcast.ts: 16% of PostgreSQL's
   * sampled activity at 100,000 recipients).
   * Requeued rows behind the cursor (retries) are claimed when it comes round again.
   */
  private claimedUpTo = 0;

  private readonly channelId: string;
  private readonly holder: string;

  constructor(
    private readonly deps: BroadcastsDeps,
    private readonly lane: ChannelLane,
    private readonly limit: MessagingLimit,
    private readonly listeningSince: () => number,
  ) {
    this.channelId = lane.channelId;
    this.holder = lane.holder;
    this.pacer = lane.pacer;
    this.results = new SendResults(deps, this.mine);
  }

  private get lost(): boolean {
    return this.lane.lost;
  }

  private get outage() {
    return this.lane.outage;
  }

  stop(): void {
    this.stopped = true;
  }

  /**
   * Reads the sending broadcast's status now rather than at the next look (every 250 ms): a pause
   * or cancel made in this process stops the sends before the next one leaves.
   */
  recheck(): void {
    this.checkStatus?.();
  }

  /** These recipients' contacts were erased: those claimed here and not sent yet stay unsent. */
  forget(recipientIds: number[]): void {
    for (const id of recipientIds) if (this.mine.has(id)) this.forgotten.add(id);
  }

  async run(): Promise<void> {
    const unsubscribe = this.lane.onOutageChange((state) => this.onOutage(state));
    const flush = setInterval(() => void this.results.flush(), 100);
    try {
      while (!this.stopped && !this.lost) {
        const active = await this.nextBroadcast();
        if (!active) break;
        await this.refreshRate();
        const sent = await this.drain(active);
        if (sent === 0) await sleep(150);
      }
    } finally {
      unsubscribe();
      this.active = null;
      while (this.inFlight > 0) await sleep(10);
      clearInterval(flush);
      await this.results.flush(true);
    }
  }

  private async refreshRate() {
    this.pacer.setRate(await numberRate(this.deps, this.limit, this.channelId));
  }

  /** The oldest sending broadcast of this number; waiting ones resume when the limit allows. */
  private async nextBroadcast(): Promise<Active | null> {
    const rows = await this.deps.db.query<Active & Record<string, unknown>>(
      `SELECT id, workspace_id, status, template FROM broadcasts
        WHERE channel_id = $1 AND status IN ('sending', 'waiting_limit') ORDER BY started_at, id`,
      [this.channelId],
    );
    for (const row of rows) {
      if (row.status === 'sending') return { ...row, template: parse(row.template) };
    }
    if (rows.length > 0 && (await this.limit.allowance(this.channelId)) > 0) {
      await this.setStatus(rows[0]!.id, 'waiting_limit', 'sending');
      return null;
    }
    return null;
  }

  private async setStatus(id: string, from: string, to: string) {
    const [row] = await this.deps.db.query<{ workspace_id: string }>(
      `UPDATE broadcasts SET status = $3, updated_at = now(),
              finished_at = CASE WHEN $3 = 'completed' THEN $4::timestamptz ELSE finished_at END
        WHERE id = $1 AND status = $2 RETURNING workspace_id`,
      [id, from, to, this.deps.clock.now()],
    );
    if (row) await publishBroadcast(this.deps, row.workspace_id, id).catch(() => {});
  }

  /**
   * Sends the broadcast until nothing is left to claim or it stops being `sending`. The next
   * batch is claimed while the current one is paced out, and the status is watched on a timer,
   * so no database round trip ever sits between two sends. Returns how many were handed to Meta.
   */
  private async drain(active: Active): Promise<number> {
    this.claimedUpTo = 0;
    this.active = active;
    // A process killed during an outage left its notice behind: this sender shows its own.
    if (!this.outageShownOn.has(active.id)) {
      this.outageShownOn.add(active.id);
      this.showOutage(active);
    }
    this.pausing = null;
    let halted = false;
    const check = () => {
      this.deps.db
        .query<{ status: string }>('SELECT status FROM broadcasts WHERE id = $1', [active.id])
        .then(([row]) => {
          if (row?.status !== 'sending') halted = true;
        })
        .catch(() => {});
    };
    this.checkStatus = check;
    const watch = setInterval(check, 250);
    const isHalted = () => halted || this.pausing !== null || this.stopped || this.lost;
    let total = 0;
    try {
      let next = this.claim(active);
      for (;;) {
        const claimed = await next;
        if (claimed.length === 0) {
          if (!isHalted()) {
            await this.results.flush(true);
            await this.settleIdle(active);
          }
          return total;
        }
        next = isHalted() ? Promise.resolve([]) : this.claim(active);
        const handed = await this.sendAll(active, claimed, isHalted);
        total += handed;
        await this.release(claimed.slice(handed));
        if (isHalted()) {
          await this.release(await next);
          await this.maybePublish(active, true);
          return total;
        }
        await this.maybePublish(active);
      }
    } finally {
      clearInterval(watch);
      this.checkStatus = null;
      // The next broadcast is chosen by status: this one must read `paused` by then.
      await this.pausing;
    }
  }

  /** Claims the next recipients in id order (~0.2 s worth), within the messaging limit. */
  private async claim(active: Active): Promise<Claimed[]> {
    const allowance = await this.limit.allowance(this.channelId);
    if (allowance <= 0) {
      await this.setStatus(active.id, 'sending', 'waiting_limit');
      return [];
    }
    const size = Math.min(allowance, Math.max(1, Math.ceil(this.pacer.ratePerSecond / 5)), 500);
    const claimed = await this.claimAfter(active, size, this.claimedUpTo);
    if (claimed.length > 0 || this.claimedUpTo === 0) return claimed;
    this.claimedUpTo = 0;
    return this.claimAfter(active, size, 0);
  }

  private async claimAfter(active: Active, size: number, after: number): Promise<Claimed[]> {
    const now = this.deps.clock.now();
    const claimed = await this.deps.db.query<Claimed & Record<string, unknown>>(
      `UPDATE broadcast_recipients SET state = 'sending', claimed_at = $4, attempts = attempts + 1
        WHERE id IN (SELECT id FROM broadcast_recipients
                      WHERE broadcast_id = $1 AND state = 'queued' AND id > $6 AND contact_id IS NOT NULL
                        AND (not_before IS NULL OR not_before <= $4)
                      ORDER BY id LIMIT $3 FOR UPDATE SKIP LOCKED)
          AND ${HOLDS_LEASE_SQL('$2', '$5')}
        RETURNING id, wa_id, values`,
      [active.id, this.channelId, size, now, this.holder, after],
    );
    this.limit.claimed(this.channelId, claimed.length);
    claimed.sort((a, b) => Number(a.id) - Number(b.id));
    if (claimed.length > 0) this.claimedUpTo = Math.max(this.claimedUpTo, Number(claimed.at(-1)!.id));
    for (const r of claimed) this.mine.add(Number(r.id));
    return claimed;
  }

  /**
   * Starts one send per claimed recipient, at most `maxInFlight` at a time. Each takes its
   * pacer slot right before its request leaves (the gateway's `beforeRequest`), so the pace is
   * the one Meta sees, not the one of a queue in front of it. Returns how many were started;
   * the rest are released by the caller.
   */
  private async sendAll(active: Active, claimed: Claimed[], isHalted: () => boolean): Promise<number> {
    // Enough to keep the pace with half a second of latency (Meta often answers in 100-500 ms;
    // room for only 0.1 s held 1,000 msg/s to whatever the latency allowed). The pacer's guard,
    // not this, keeps every second of Meta's clock within the rate.
    const maxInFlight = Math.min(512, Math.max(4, Math.ceil(this.pacer.ratePerSecond * 0.5) + 4));
    for (let i = 0; i < claimed.length; i++) {
      while (this.inFlight >= maxInFlight && !isHalted()) await sleep(1);
      if (isHalted()) return i;
      this.inFlight++;
      void this.sendOne(active, claimed[i]!, isHalted).finally(() => {
        this.inFlight--;
      });
    }
    return claimed.length;
  }

  /** Claimed but never handed to Meta (a pause, a lost lease): back to the queue, untouched; skipped if cancelled. */
  private async release(claimed: Claimed[]) {
    if (claimed.length === 0) return;
    const ids = claimed.map((r) => Number(r.id));
    await this.deps.db.query(
      `UPDATE broadcast_recipients r
          SET state = CASE WHEN b.status = 'cancelled' THEN 'skipped' ELSE 'queued' END,
              error_reason = CASE WHEN b.status = 'cancelled' THEN '${CANCELLED_REASON}' ELSE r.error_reason END,
              claimed_at = NULL, attempts = r.attempts - 1
         FROM broadcasts b
        WHERE r.id = ANY($1::bigint[]) AND b.id = r.broadcast_id AND r.state = 'sending' AND r.wamid IS NULL`,
      [ids],
    );
    for (const id of ids) this.mine.delete(id);
  }

  private async sendOne(active: Active, r: Claimed, isHalted: () => boolean): Promise<void> {
    const id = Number(r.id);
    let outcome: SendOutcome;
    let paced = false;
    let admission: Admission | null = null;
    try {
      const values = parse<TemplateValues>(r.values);
      const content = await this.deps.toOutboundContent(
        active.workspace_id,
        recipientContent(active.template, values),
      );
      if (!content)
        throw new SendFailure(
          { code: null, reason: 'Charla cannot send this template.', details: null },
          false,
        );
      const { externalId } = await this.deps.gateway.send({
        channelId: this.channelId,
        to: r.wa_id,
        content,
        replyToExternalId: null,
        callbackData: callbackDataOf(id),
        beforeRequest: async () => {
          if (this.forgotten.has(id)) return false;
          admission = await this.outage.admit(isHalted);
          if (!admission) return false;
          paced = await this.pacer.acquire(isHalted);
          // Erased while it waited for its slot: nothing leaves (the row is skipped already).
          if (this.forgotten.has(id)) return false;
          // WhatsApp started failing while this one waited for its slot: it waits for the probe.
          return paced && !(admission === 'normal' && this.outage.isStopped());
        },
      });
      outcome = { kind: 'sent', id, wamid: externalId, at: this.deps.clock.now() };
    } catch (err) {
      if (err instanceof NotSent) {
        if (admission === 'probe') this.outage.probeNotSent();
        return this.release([r]);
      }
      outcome = outcomeOf(id, err);
    } finally {
      if (paced) this.pacer.finished();
      this.forgotten.delete(id);
    }
    const { counts } = this.lane.record(outcome, 'broadcast');
    if (!counts && outcome.kind === 'retry') outcome = { ...outcome, refund: true };
    if (outcome.kind === 'failed' && outcome.code !== null && haltsBroadcast(outcome.code)) {
      // Not this recipient's fault: they wait in the queue for the resume like everyone else.
      this.pauseFor(active, outcome.code, outcome.reason);
      outcome = { kind: 'retry', id, code: outcome.code, reason: outcome.reason, refund: true };
    }
    this.results.add(outcome);
  }

  /** The number's outage started, moved or ended (a broadcast send or a conversation's said so). */
  private onOutage(state: OutageState | null) {
    const active = this.active;
    if (!active) return;
    if (state)
      this.deps.log.warn({ broadcastId: active.id, ...state }, 'WhatsApp is failing: sending stopped');
    else this.deps.log.warn({ broadcastId: active.id }, 'WhatsApp answers again: sending goes on');
    this.showOutage(active);
  }

  /** Pauses the broadcast once, with WhatsApp's reason, and stops this drain. */
  private pauseFor(active: Active, code: number, reason: string) {
    if (this.pausing) return;
    this.deps.log.warn({ broadcastId: active.id, code, reason }, 'WhatsApp refused the broadcast: paused');
    this.pausing = this.deps.db
      .query(
        `UPDATE broadcasts SET status = 'paused', paused_by = $2::jsonb, updated_at = now()
          WHERE id = $1 AND status = 'sending'`,
        [active.id, JSON.stringify({ code, reason })],
      )
      .then(() => publishBroadcast(this.deps, active.workspace_id, active.id))
      .catch((err) => this.deps.log.error({ err, broadcastId: active.id }, 'pausing the broadcast failed'));
  }

  /**
   * Writes the outage as it is now onto the broadcast (or clears it) and pushes the change, one
   * write at a time so an older state never lands last.
   */
  private showOutage(active: Active) {
    this.showingOutage = this.showingOutage
      .then(async () => {
        const state = this.outage.current;
        this.outageShownOn.add(active.id);
        await this.deps.db.query(
          `UPDATE broadcasts SET outage = $2::jsonb WHERE id = $1 AND status = 'sending'`,
          [
            active.id,
            state
              ? JSON.stringify({
                  code: state.code,
                  reason: state.reason,
                  since: state.since.toISOString(),
                  retryAt: state.retryAt.toISOString(),
                })
              : null,
          ],
        );
        await publishBroadcast(this.deps, active.workspace_id, active.id);
      })
      .catch(() => {});
  }

  /**
   * Nothing to claim: sends in doubt past the grace period go back to the queue (no status came,
   * so Meta never took them); when nothing is queued or in doubt, the broadcast is complete.
   */
  private async settleIdle(active: Active) {
    const graceAgo = new Date(this.deps.clock.now().getTime() - this.deps.config.inDoubtGraceMs);
    if (graceAgo.getTime() > this.listeningSince() && !(await this.deps.webhooksPending()))
      await this.deps.db.query(
        `UPDATE broadcast_recipients SET state = 'queued', claimed_at = NULL
        WHERE broadcast_id = $1 AND state = 'sending' AND wamid IS NULL AND claimed_at < $2
          AND NOT (id = ANY($3::bigint[])) AND ${HOLDS_LEASE_SQL('$4', '$5')}`,
        [active.id, graceAgo, [...this.mine], this.channelId, this.holder],
      );
    await this.deps.db.query(
      `UPDATE broadcast_recipients SET state = 'skipped', error_reason = 'The contact was deleted before the message was sent.'
        WHERE broadcast_id = $1 AND state = 'queued' AND contact_id IS NULL`,
      [active.id],
    );
    const [left] = await this.deps.db.query<{ n: number }>(
      `SELECT count(*)::int AS n FROM broadcast_recipients WHERE broadcast_id = $1 AND state IN ('queued', 'sending')`,
      [active.id],
    );
    if ((left?.n ?? 0) === 0 && this.inFlight === 0) await this.setStatus(active.id, 'sending', 'completed');
  }

  /** `broadcast.updated` at most every ~0.5 s per broadcast (slower when counting is slow). */
  private async maybePublish(active: Active, force = false) {
    const next = this.nextPublish.get(active.id) ?? 0;
    if (this.publishing || (!force && Date.now() < next)) return;
    this.publishing = true;
    const started = Date.now();
    const live = this.live.get(active.id) ?? new LiveCounts();
    this.live.set(active.id, live);
    publishBroadcast(this.deps, active.workspace_id, active.id, live)
      .catch(() => {})
      .finally(() => {
        this.publishing = false;
        // Counting a huge broadcast is not free (0.15 s at 100,000 recipients while sending): the
        // database spends at most a tenth of its time on it.
        this.nextPublish.set(active.id, Date.now() + Math.max(500, (Date.now() - started) * 10));
      });
  }
}

function parse<T = Template>(value: unknown): T {
  return (typeof value === 'string' ? JSON.parse(value) : value) as T;
}
