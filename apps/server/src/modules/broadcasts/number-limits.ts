import type { NumberLimits } from '@charla/contracts';
import { notFound } from '../../platform/errors';
import type { BroadcastsDeps } from './broadcasts.deps';
import type { MessagingLimit } from './messaging-limit';

/**
 * A number's limits as the next broadcast will meet them: the tier and what is left of it today,
 * Meta's throughput and the pace set for the number. Asks WhatsApp afresh (a person is about to
 * decide on it); any member may look, a number of another workspace does not exist.
 */
export async function getNumberLimits(
  deps: Pick<BroadcastsDeps, 'db' | 'config'>,
  limit: MessagingLimit,
  workspaceId: string,
  channelId: string,
): Promise<NumberLimits> {
  const [channel] = await deps.db.query<{ rate: number | null }>(
    `SELECT s.rate_per_second AS rate FROM channels ch
       LEFT JOIN broadcast_channel_settings s ON s.channel_id = ch.id
      WHERE ch.workspace_id = $1 AND ch.id = $2`,
    [workspaceId, channelId],
  );
  if (!channel) throw notFound('channel');
  const [limits, used] = await Promise.all([
    limit.limitsOf(channelId, { fresh: true }),
    limit.countUsed(channelId),
  ]);
  const ratePerSecond = channel.rate ?? deps.config.defaultRatePerSecond;
  return {
    channelId,
    tier: limits.tier,
    allowance: limits.messagingLimit,
    used,
    remaining: limits.messagingLimit === null ? null : Math.max(0, limits.messagingLimit - used),
    throughput: limits.throughput,
    ratePerSecond,
    effectiveRatePerSecond: Math.max(
      1,
      limits.throughput === null ? ratePerSecond : Math.min(ratePerSecond, limits.throughput),
    ),
  };
}
