import type { AuthContext } from '../auth';
import { assertChannel } from './broadcast-input';
import type { BroadcastsDeps } from './broadcasts.deps';
import type { MessagingLimit } from './messaging-limit';

/** The pace of a benchmark run without one: far above anything one process can send. */
const UNPACED_RATE = 1_000_000;

import { assertManager } from './save-broadcast';

/** Sets how fast broadcasts go out on this number (Meta: 80 msg/s by default, up to 1,000 when upgraded). */
export async function setChannelRate(
  deps: BroadcastsDeps,
  actor: Pick<AuthContext, 'workspaceId' | 'role'>,
  channelId: string,
  ratePerSecond: number,
): Promise<{ channelId: string; ratePerSecond: number }> {
  assertManager(actor);
  await assertChannel(deps, actor.workspaceId, channelId);
  await deps.db.query(
    `INSERT INTO broadcast_channel_settings (channel_id, workspace_id, rate_per_second) VALUES ($1, $2, $3)
     ON CONFLICT (channel_id) DO UPDATE SET rate_per_second = EXCLUDED.rate_per_second`,
    [channelId, actor.workspaceId, ratePerSecond],
  );
  return { channelId, ratePerSecond };
}

/**
 * How fast this number sends (messages per second): its own rate or the default, never above the
 * throughput WhatsApp reports for it. Every send of the number shares it (modules/outbox lane).
 */
export async function numberRate(
  deps: Pick<BroadcastsDeps, 'db' | 'config'>,
  limit: MessagingLimit,
  channelId: string,
): Promise<number> {
  if (deps.config.unpaced) return UNPACED_RATE;
  const [row] = await deps.db.query<{ rate: number | null }>(
    'SELECT rate_per_second AS rate FROM broadcast_channel_settings WHERE channel_id = $1',
    [channelId],
  );
  const { throughput } = await limit.limitsOf(channelId);
  let rate = row?.rate ?? deps.config.defaultRatePerSecond;
  if (throughput !== null) rate = Math.min(rate, throughput);
  return Math.max(1, rate);
}
