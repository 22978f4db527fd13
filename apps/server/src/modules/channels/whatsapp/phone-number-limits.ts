import { CloudApiClient, type MessagingLimitTier } from '@charla/cloud-api';
import type { ChannelDirectory } from '../channel-directory';
import { graphTransport } from './graph-transport';

const TIERS: Record<MessagingLimitTier, number | null> = {
  TIER_50: 50,
  TIER_250: 250,
  TIER_2K: 2_000,
  TIER_10K: 10_000,
  TIER_100K: 100_000,
  TIER_UNLIMITED: null,
  TIER_NOT_SET: null,
};

/**
 * A number's limits as numbers (reference §7.4, §7.7): throughput STANDARD = 80 msg/s, HIGH =
 * 1,000; the messaging-limit tier as unique recipients per 24 h (null: unlimited or not set).
 */
export function createPhoneNumberLimits(
  directory: Pick<ChannelDirectory, 'byId'>,
  opts: { fetch?: typeof fetch } = {},
) {
  return async (
    channelId: string,
  ): Promise<{
    tier: MessagingLimitTier | null;
    throughput: number | null;
    messagingLimit: number | null;
  }> => {
    const channel = await directory.byId(channelId);
    if (!channel) return { tier: null, throughput: null, messagingLimit: null };
    const client = new CloudApiClient({
      transport: graphTransport,
      baseUrl: channel.graphBaseUrl,
      version: channel.graphVersion,
      accessToken: channel.accessToken,
      timeoutMs: 10_000,
      ...(opts.fetch && { fetch: opts.fetch }),
    });
    const limits = await client.getPhoneNumberLimits(channel.phoneNumberId);
    return {
      tier: limits.messagingLimit,
      throughput: limits.throughput === 'HIGH' ? 1_000 : limits.throughput === 'STANDARD' ? 80 : null,
      messagingLimit: TIERS[limits.messagingLimit] ?? null,
    };
  };
}
