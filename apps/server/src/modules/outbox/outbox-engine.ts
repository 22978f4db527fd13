import { randomUUID } from 'node:crypto';
import type { Query } from '../../platform/db/database';
import type { DeliveryUpdate } from '../inbox';
import { ChannelLane } from './channel-lane';
import { acquireLease } from './channel-lease';
import { ConversationDrain } from './conversation-drain';
import { type EnqueueItem, enqueueItems, enqueueQueuedMessages } from './enqueue';
import type { OutboxDeps } from './outbox.deps';
import { settleInDoubt } from './settle-in-doubt';

/** NOTIFY channel: "a number has new sends" (the payload is the channel id). */
const WAKE_CHANNEL = 'charla_outbox';
const TICK_MS = 1_000;
const STRANDED_SWEEP_MS = 30_000;

export interface OutboxEngine {
  start(): Promise<void>;
  stop(): Promise<void>;
  /** The number's lane if this process holds (or could take) its lease, retained for the caller. */
  acquireLane(channelId: string): Promise<ChannelLane | null>;
  /** Queues sends inside the caller's transaction; call `wake` once it committed. */
  enqueue(query: Query, items: EnqueueItem[]): Promise<void>;
  /** These numbers have new sends: the process holding each one's lease sends them now. */
  wake(channelIds: string[]): void;
  /** Queues stored outbound messages (an opt-out confirmation written by the ingest) and wakes their numbers. */
  queueMessages(messageIds: string[]): Promise<void>;
  /** The HTTP server now takes Meta's webhooks: the grace for sends in doubt counts from here. */
  listening(): void;
  /** For the ingest worker: statuses of a webhook batch, inside its transaction. */
  onStatuses(query: Query, statuses: DeliveryUpdate[]): Promise<void>;
  /** Conversations erased with their contact (any process): sends claimed for them are dropped. */
  forget(conversationIds: string[]): void;
}

/**
 * Every process runs one engine. A number's sends all leave through its lane, which one process
 * at a time holds (the lease): that process runs the number's conversation drain (and its
 * broadcast sender, see modules/broadcasts), so one pacer governs everything the number sends.
 * New sends wake the drain at once: in process directly, in other processes by NOTIFY; a tick
 * each second catches retries coming due, sends in doubt, and lanes whose holder died.
 */
export function createOutboxEngine(
  deps: OutboxDeps,
  rateOf: (channelId: string) => Promise<number>,
): OutboxEngine {
  const holder = `${process.pid}-${randomUUID()}`;
  const lanes = new Map<string, ChannelLane>();
  const opening = new Map<string, Promise<ChannelLane | null>>();
  const drains = new Map<string, { drain: ConversationDrain; done: Promise<void> }>();
  const knownRates = new Map<string, number>();
  let startedAt = deps.clock.now().getTime();
  let stopped = true;
  let timer: NodeJS.Timeout | null = null;
  let ticking = false;
  let nextSweep = 0;
  let unlisten: (() => Promise<void>) | null = null;

  async function acquireLane(channelId: string): Promise<ChannelLane | null> {
    if (stopped) return null;
    const held = lanes.get(channelId);
    if (held && !held.lost) {
      held.retain();
      return held;
    }
    let pending = opening.get(channelId);
    if (!pending) {
      pending = openLane(channelId).finally(() => opening.delete(channelId));
      opening.set(channelId, pending);
    }
    const lane = await pending;
    lane?.retain();
    return lane;
  }

  async function openLane(channelId: string): Promise<ChannelLane | null> {
    if (!(await acquireLease(deps.db, channelId, holder, deps.config.leaseMs))) return null;
    // The last rate known for the number, corrected as soon as it is read: reading it may ask
    // WhatsApp for the number's limits, which the first send must not wait for.
    const rate = knownRates.get(channelId) ?? deps.config.defaultRatePerSecond;
    const lane = new ChannelLane(
      deps.db,
      channelId,
      holder,
      deps.config.leaseMs,
      rate,
      () => deps.clock.now(),
      (l) => {
        if (lanes.get(channelId) === l) lanes.delete(channelId);
      },
      deps.metrics,
    );
    lanes.set(channelId, lane);
    refreshRate(lane);
    return lane;
  }

  /** Reads the number's pace (without holding anyone up) and sets it on its lane. */
  function refreshRate(lane: ChannelLane) {
    rateOf(lane.channelId)
      .then((rate) => {
        knownRates.set(lane.channelId, rate);
        lane.pacer.setRate(rate);
      })
      .catch((err) => deps.log.warn({ err, channelId: lane.channelId }, 'reading the number’s rate failed'));
  }

  async function startDrain(channelId: string) {
    if (stopped || drains.has(channelId)) return;
    const placeholder = { drain: null as unknown as ConversationDrain, done: Promise.resolve() };
    drains.set(channelId, placeholder);
    const lane = await acquireLane(channelId).catch(() => null);
    if (!lane) {
      drains.delete(channelId);
      return;
    }
    const drain = new ConversationDrain(
      deps,
      lane,
      () => startedAt,
      () => refreshRate(lane),
    );
    const done = drain
      .run()
      .catch((err) => deps.log.error({ err, channelId }, 'conversation sender stopped on an error'))
      .finally(() => {
        drains.delete(channelId);
        lane.release();
      });
    drains.set(channelId, { drain, done });
  }

  function wakeLocal(channelId: string) {
    const running = drains.get(channelId);
    if (running?.drain) running.drain.poke();
    else if (!running) void startDrain(channelId);
  }

  async function tick() {
    if (ticking || stopped) return;
    ticking = true;
    try {
      if (Date.now() >= nextSweep) {
        nextSweep = Date.now() + STRANDED_SWEEP_MS;
        const stranded = await enqueueQueuedMessages(deps.db, {
          olderThan: new Date(deps.clock.now().getTime() - 30_000),
        });
        for (const channelId of stranded) wakeLocal(channelId);
      }
      const graceAgo = new Date(deps.clock.now().getTime() - deps.config.inDoubtGraceMs);
      const due = await deps.db.query<{ channel_id: string }>(
        `SELECT DISTINCT channel_id FROM outbox_items
          WHERE (state = 'queued' AND (not_before IS NULL OR not_before <= now()))
             OR (state = 'sending' AND claimed_at < $1)`,
        [graceAgo],
      );
      for (const { channel_id } of due) wakeLocal(channel_id);
    } catch (err) {
      deps.log.error({ err }, 'outbox tick failed');
    } finally {
      ticking = false;
    }
  }

  const engine: OutboxEngine = {
    async start() {
      stopped = false;
      unlisten = await deps.db.listen(WAKE_CHANNEL, (channelId) => wakeLocal(channelId));
      timer = setInterval(() => void tick(), TICK_MS);
      void tick();
    },
    async stop() {
      stopped = true;
      if (timer) clearInterval(timer);
      await unlisten?.().catch(() => {});
      for (const { drain } of drains.values()) drain?.stop();
      await Promise.all([...drains.values()].map((d) => d.done));
    },
    acquireLane,
    enqueue: (query, items) => enqueueItems(query, items),
    forget(conversationIds) {
      for (const { drain } of drains.values()) drain?.forget(conversationIds);
    },
    wake(channelIds) {
      const remote: string[] = [];
      for (const channelId of new Set(channelIds)) {
        wakeLocal(channelId);
        // Another process may hold the number's lease: it hears this.
        if (!lanes.has(channelId)) remote.push(channelId);
      }
      if (remote.length > 0)
        deps.db
          .query('SELECT pg_notify($1, c) FROM unnest($2::text[]) AS c', [WAKE_CHANNEL, remote])
          .catch((err) => deps.log.warn({ err }, 'waking other processes failed; their tick will look'));
    },
    async queueMessages(messageIds) {
      if (messageIds.length === 0) return;
      engine.wake(await enqueueQueuedMessages(deps.db, { ids: messageIds }));
    },
    listening() {
      startedAt = deps.clock.now().getTime();
    },
    onStatuses: settleInDoubt,
  };
  return engine;
}
