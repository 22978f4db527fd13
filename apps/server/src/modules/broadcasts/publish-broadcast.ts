import { broadcastCounts } from './broadcast-view';
import type { BroadcastsDeps } from './broadcasts.deps';
import type { LiveCounts } from './live-counts';

/**
 * Pushes `broadcast.updated` with the counts to the workspace's browsers: the full funnel, or
 * while sending (`live`) the cheap progress with the funnel's later steps carried along.
 */
export async function publishBroadcast(
  deps: BroadcastsDeps,
  workspaceId: string,
  broadcastId: string,
  live?: LiveCounts,
) {
  const [row] = await deps.db.query<{
    id: string;
    status: string;
    excluded_opted_out: number;
    excluded_invalid: number;
    excluded_no_consent: number;
  }>(
    'SELECT id, status, excluded_opted_out, excluded_invalid, excluded_no_consent FROM broadcasts WHERE id = $1',
    [broadcastId],
  );
  if (!row) return;
  const counts = live ? await live.of(deps, row) : await broadcastCounts(deps, row);
  await deps.publish({ workspaceId, type: 'broadcast.updated', broadcastId, status: row.status, counts });
}
