import type { Query } from '../../platform/db/database';
import type { DeliveryUpdate } from '../inbox';
import type { BroadcastsDeps } from './broadcasts.deps';
import { numberRate } from './channel-rate';
import { ChannelSender } from './channel-sender';
import { MessagingLimit } from './messaging-limit';
import { reconcileStatuses } from './reconcile-statuses';
import { StatusChanges } from './status-changes';

export interface BroadcastEngine {
  start(): void;
  stop(): Promise<void>;
  /** Look now: for work (a broadcast was just started or resumed), and whether what is sending was paused or cancelled. */
  poke(): void;
  /** The HTTP server now takes Meta's webhooks: the grace for sends in doubt counts from here. */
  listening(): void;
  /** For the ingest worker: statuses of a webhook batch, inside its transaction. */
  onStatuses(query: Query, statuses: DeliveryUpdate[]): Promise<void>;
  /** The number's pace, for every send it makes (the outbox lane's pacer). */
  rateOf(channelId: string): Promise<number>;
  /** Recipients whose contact was erased while claimed (any process): not sent if not sent yet. */
  forget(recipientIds: number[]): void;
}

/**
 * Every process runs one engine. Each tick it looks for numbers with a sending broadcast and
 * tries to take their lane (the number's lease, modules/outbox); for each number it holds, one
 * ChannelSender drains the recipients at the lane's pace, behind the conversations' sends.
 * Two processes on one database never send for the same number at once, and a process that
 * dies loses its leases at expiry, so another takes over (and resumes after a restart).
 */
export function createBroadcastEngine(deps: BroadcastsDeps): BroadcastEngine {
  const senders = new Map<string, { sender: ChannelSender; done: Promise<void> }>();
  const limit = new MessagingLimit(deps);
  const statusChanges = new StatusChanges(deps);
  // Statuses for sends in doubt reach only a process that listens: the grace period counts from
  // whichever is later, the claim or the moment this process took webhooks (a restart must not
  // resend at once, however slowly it started).
  let startedAt = deps.clock.now().getTime();
  let timer: NodeJS.Timeout | null = null;
  let ticking = false;
  let stopped = true;

  async function tick() {
    if (ticking || stopped) return;
    ticking = true;
    try {
      const channels = await deps.db.query<{ channel_id: string }>(
        `SELECT DISTINCT channel_id FROM broadcasts WHERE status IN ('sending', 'waiting_limit')`,
      );
      for (const { channel_id: channelId } of channels) {
        if (senders.has(channelId) || stopped) continue;
        const lane = await deps.acquireLane(channelId);
        if (!lane) continue;
        if (stopped || senders.has(channelId)) {
          lane.release();
          continue;
        }
        const sender = new ChannelSender(deps, lane, limit, () => startedAt);
        const done = sender
          .run()
          .catch((err) => deps.log.error({ err, channelId }, 'broadcast sender stopped on an error'))
          .finally(() => {
            senders.delete(channelId);
            lane.release();
          });
        senders.set(channelId, { sender, done });
      }
    } catch (err) {
      deps.log.error({ err }, 'broadcast engine tick failed');
    } finally {
      ticking = false;
    }
  }

  return {
    start() {
      stopped = false;
      timer = setInterval(() => void tick(), 500);
      void tick();
    },
    async stop() {
      stopped = true;
      statusChanges.stop();
      if (timer) clearInterval(timer);
      for (const { sender } of senders.values()) sender.stop();
      await Promise.all([...senders.values()].map((s) => s.done));
    },
    poke() {
      for (const { sender } of senders.values()) sender.recheck();
      void tick();
    },
    listening() {
      startedAt = deps.clock.now().getTime();
    },
    async onStatuses(query, statuses) {
      await reconcileStatuses(query, statuses);
      statusChanges.saw(statuses);
    },
    rateOf: (channelId) => numberRate(deps, limit, channelId),
    forget(recipientIds) {
      for (const { sender } of senders.values()) sender.forget(recipientIds);
    },
  };
}
