import type { AuthContext } from '../auth';
import { assertChannel } from './broadcast-input';
import type { BroadcastsDeps } from './broadcasts.deps';
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
