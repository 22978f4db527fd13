import type { BroadcastsDeps, ChannelLimits } from './broadcasts.deps';

const LIMITS_TTL_MS = 5 * 60_000;
const USED_TTL_MS = 15_000;

/**
 * How many more unique contacts the number's account may reach outside the 24-hour window in
 * the rolling 24 h (WhatsApp's messaging-limit tier, read with the number's limits and cached).
 * "Used" counts the distinct contacts broadcasts of any number of the same account claimed in
 * the last 24 h, excluding those who had written within the 24 h before (inside their window).
 */
export class MessagingLimit {
  private limits = new Map<string, { at: number; value: ChannelLimits }>();
  private used = new Map<string, { at: number; count: number }>();

  constructor(private readonly deps: Pick<BroadcastsDeps, 'db' | 'clock' | 'channelLimits' | 'log'>) {}

  /** `fresh` asks WhatsApp now (someone is looking at the limits) and refreshes the cache. */
  async limitsOf(channelId: string, opts: { fresh?: boolean } = {}): Promise<ChannelLimits> {
    const cached = this.limits.get(channelId);
    if (!opts.fresh && cached && Date.now() - cached.at < LIMITS_TTL_MS) return cached.value;
    let value: ChannelLimits = { tier: null, throughput: null, messagingLimit: null };
    try {
      value = await this.deps.channelLimits(channelId);
    } catch (err) {
      // Unknown limits must not stop a broadcast: Meta still refuses what is over the limit.
      this.deps.log.warn({ err, channelId }, 'reading the number limits failed');
    }
    this.limits.set(channelId, { at: Date.now(), value });
    return value;
  }

  /** How many recipients may be claimed now (Infinity without a tier). */
  async allowance(channelId: string): Promise<number> {
    const { messagingLimit } = await this.limitsOf(channelId);
    if (messagingLimit === null) return Number.POSITIVE_INFINITY;
    let used = this.used.get(channelId);
    if (!used || Date.now() - used.at > USED_TTL_MS) {
      used = { at: Date.now(), count: await this.countUsed(channelId) };
      this.used.set(channelId, used);
    }
    return Math.max(0, messagingLimit - used.count);
  }

  /** Recipients counted against the account's tier in the last 24 h, counted now. */
  async countUsed(channelId: string): Promise<number> {
    const since = new Date(this.deps.clock.now().getTime() - 24 * 3600_000);
    const [row] = await this.deps.db.query<{ n: number }>(
      `SELECT count(DISTINCT r.contact_id)::int AS n
         FROM broadcast_recipients r JOIN broadcasts b ON b.id = r.broadcast_id
         JOIN channels ch ON ch.id = b.channel_id
        WHERE ch.waba_id = (SELECT waba_id FROM channels WHERE id = $1) AND r.claimed_at > $2
          AND r.state IN ('sending', 'sent')
          AND NOT EXISTS (SELECT 1 FROM conversations cv WHERE cv.channel_id = b.channel_id
               AND cv.contact_id = r.contact_id
               AND cv.last_inbound_at BETWEEN r.claimed_at - interval '24 hours' AND r.claimed_at)`,
      [channelId, since],
    );
    return row?.n ?? 0;
  }

  /** Counts claims made since the last look, until the next recount. */
  claimed(channelId: string, n: number): void {
    const used = this.used.get(channelId);
    if (used) used.count += n;
  }
}
