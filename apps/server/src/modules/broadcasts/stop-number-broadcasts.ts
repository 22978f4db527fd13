import { NUMBER_DISCONNECTED_CODE } from '@charla/contracts';
import type { Query } from '../../platform/db/database';
import { AppError } from '../../platform/errors';
import type { BroadcastsDeps } from './broadcasts.deps';
import { publishBroadcast } from './publish-broadcast';

/**
 * A number was disconnected: its broadcasts that are sending, waiting for the messaging limit,
 * preparing or scheduled are paused with `reason`, so none of them sends through it. The sender
 * re-reads the status after every batch and stops within a second. Once the number is
 * reconnected they can be resumed (or cancelled); their recipients stay as they were.
 * Answers the paused broadcasts' ids, to push the change to the browsers.
 */
export async function pauseBroadcastsOf(query: Query, channelId: string, reason: string): Promise<string[]> {
  const rows = await query<{ id: string }>(
    `UPDATE broadcasts SET status = 'paused', paused_by = $2::jsonb, outage = NULL, updated_at = now()
      WHERE channel_id = $1 AND status IN ('scheduled', 'preparing', 'sending', 'waiting_limit')
      RETURNING id`,
    [channelId, JSON.stringify({ code: NUMBER_DISCONNECTED_CODE, reason })],
  );
  return rows.map((r) => r.id);
}

/** Pushes the paused broadcasts to the workspace's browsers (after the disconnect committed). */
export async function announcePausedBroadcasts(deps: BroadcastsDeps, workspaceId: string, ids: string[]) {
  for (const id of ids) await publishBroadcast(deps, workspaceId, id);
}

/** Starting or resuming a broadcast needs its number connected. */
export async function assertNumberConnected(
  deps: Pick<BroadcastsDeps, 'db'>,
  channelId: string,
): Promise<void> {
  const [row] = await deps.db.query<{ status: string; display_phone_number: string }>(
    'SELECT status, display_phone_number FROM channels WHERE id = $1',
    [channelId],
  );
  if (row?.status !== 'disconnected') return;
  throw new AppError(
    'conflict',
    'number_disconnected',
    `The number ${row.display_phone_number} of this broadcast is disconnected, so it cannot send. An owner or admin can reconnect it in Settings › Numbers (the same phone number id with new credentials); then resume the broadcast, or cancel it.`,
  );
}
