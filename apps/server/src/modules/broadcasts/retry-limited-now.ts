import type { RetryLimitedResult } from '@charla/contracts';
import { AppError } from '../../platform/errors';
import type { AuthContext } from '../auth';
import { findBroadcastRow, getBroadcast } from './broadcast-view';
import type { BroadcastsDeps } from './broadcasts.deps';
import { LIMITED_CANDIDATES_SQL, type LimitedCandidate, requeueLimited } from './limited-recipients';
import { publishBroadcast } from './publish-broadcast';
import { assertManager } from './save-broadcast';

/** A broadcast whose limited recipients can be sent again by hand: nothing else is under way. */
const RETARGETABLE = ['completed', 'paused'];

/**
 * "Send again to the limited ones", one click: every recipient WhatsApp limited (131049) is
 * queued again now, whatever the automatic retries left (WhatsApp advises waiting 24 h; the page
 * says so). Opted-out or deleted contacts are skipped. A completed broadcast sends again; a paused
 * one keeps them queued until it is resumed.
 */
export async function retryLimitedNow(
  deps: BroadcastsDeps,
  actor: Pick<AuthContext, 'workspaceId' | 'role'>,
  id: string,
  poke: () => void,
): Promise<RetryLimitedResult> {
  assertManager(actor);
  await findBroadcastRow(deps, actor.workspaceId, id);
  const result = await deps.db.transaction(async (query) => {
    const [locked] = await query<{ status: string }>(
      'SELECT status FROM broadcasts WHERE workspace_id = $1 AND id = $2 FOR UPDATE',
      [actor.workspaceId, id],
    );
    const status = locked?.status ?? 'deleted';
    if (!RETARGETABLE.includes(status))
      throw new AppError(
        'conflict',
        'broadcast_status_conflict',
        `Limited recipients can be sent again once the broadcast is completed or paused; it is ${status}.`,
      );
    const rows = await query<LimitedCandidate & Record<string, unknown>>(
      `${LIMITED_CANDIDATES_SQL} AND r.broadcast_id = $1 ORDER BY r.id FOR UPDATE OF r`,
      [id],
    );
    if (rows.length === 0)
      throw new AppError(
        'conflict',
        'no_limited_recipients',
        'No recipient of this broadcast is limited by WhatsApp: there is nobody to send it to again.',
      );
    return requeueLimited(query, rows, { automatic: false });
  });
  if (result.requeued > 0) poke();
  await publishBroadcast(deps, actor.workspaceId, id).catch(() => {});
  return {
    requeued: result.requeued,
    skipped: result.skipped,
    broadcast: await getBroadcast(deps, actor.workspaceId, id),
  };
}
