import { auditActor, recordAudit } from '../audit';
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
  actor: Pick<AuthContext, 'workspaceId' | 'role'> & { userId?: string; ip?: string | null },
  channelId: string,
  ratePerSecond: number,
): Promise<{ channelId: string; ratePerSecond: number }> {
  assertManager(actor);
  await assertChannel(deps, actor.workspaceId, channelId);
  const [before] = await deps.db.query<{ rate: number | null }>(
    'SELECT rate_per_second AS rate FROM broadcast_channel_settings WHERE channel_id = $1',
    [channelId],
  );
  const from = before?.rate ?? deps.config.defaultRatePerSecond;
  if (from !== ratePerSecond)
    await recordAudit(deps.db.orm, {
      workspaceId: actor.workspaceId,
      action: 'settings.changed',
      ...(actor.userId ? await auditActor(deps.db.orm, actor.userId) : {}),
      targetType: 'channel',
      targetId: channelId,
      ip: actor.ip ?? null,
      details: { area: 'broadcast_rate', changes: { ratePerSecond: { from, to: ratePerSecond } } },
    });
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
