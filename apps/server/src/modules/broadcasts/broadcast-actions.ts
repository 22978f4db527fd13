import type { Broadcast } from '@charla/contracts';
import { AppError } from '../../platform/errors';
import type { AuthContext } from '../auth';
import { findBroadcastRow, getBroadcast } from './broadcast-view';
import type { BroadcastsDeps } from './broadcasts.deps';
import { PREPARE_BROADCAST_JOB } from './prepare-broadcast';
import { publishBroadcast } from './publish-broadcast';
import { CANCELLED_REASON } from './recipient-state-sql';
import { assertManager } from './save-broadcast';
import { assertNumberConnected } from './stop-number-broadcasts';

export type BroadcastAction = 'start' | 'pause' | 'resume' | 'cancel';

const MOVES: Record<BroadcastAction, { from: string[]; to: string }> = {
  start: { from: ['draft', 'scheduled'], to: 'preparing' },
  pause: { from: ['sending', 'waiting_limit', 'preparing'], to: 'paused' },
  resume: { from: ['paused'], to: 'sending' },
  cancel: {
    from: ['draft', 'scheduled', 'preparing', 'sending', 'paused', 'waiting_limit'],
    to: 'cancelled',
  },
};

/**
 * Start, pause, resume or cancel. The sender of this process re-reads the status at once (a
 * sender in another process within 250 ms), so pause and cancel stop the sending before the next
 * send or within a second; resume hands it back to the engine.
 */
export async function changeBroadcastStatus(
  deps: BroadcastsDeps,
  actor: Pick<AuthContext, 'workspaceId' | 'role'>,
  id: string,
  action: BroadcastAction,
  poke: () => void,
): Promise<Broadcast> {
  assertManager(actor);
  const current = await findBroadcastRow(deps, actor.workspaceId, id);
  if (action === 'start' || action === 'resume') await assertNumberConnected(deps, current.channel_id);
  const move = MOVES[action];
  const now = deps.clock.now();
  // A broadcast paused while preparing resumes by preparing again.
  const to = action === 'resume' && !current.started_at ? 'preparing' : move.to;
  const rows = await deps.db.query(
    `UPDATE broadcasts SET status = $3, updated_at = now(), paused_by = NULL,
            finished_at = CASE WHEN $3 = 'cancelled' THEN $4::timestamptz ELSE finished_at END,
            scheduled_at = CASE WHEN $5 = 'start' THEN NULL ELSE scheduled_at END
      WHERE workspace_id = $1 AND id = $2 AND status = ANY($6::text[]) RETURNING id`,
    [actor.workspaceId, id, to, now, action, move.from],
  );
  if (rows.length === 0)
    throw new AppError(
      'conflict',
      'broadcast_status_conflict',
      `Cannot ${action} a broadcast that is ${current.status} (possible from: ${move.from.join(', ')}).`,
    );
  if (to === 'preparing') await deps.jobs.send(PREPARE_BROADCAST_JOB, { broadcastId: id });
  if (action === 'cancel')
    await deps.db.query(
      `UPDATE broadcast_recipients SET state = 'skipped', error_reason = '${CANCELLED_REASON}'
        WHERE broadcast_id = $1 AND state = 'queued'`,
      [id],
    );
  // Started or resumed: the engine looks for it now. Paused or cancelled: the sender stops
  // before its next send instead of at its next look.
  poke();
  await publishBroadcast(deps, actor.workspaceId, id);
  return getBroadcast(deps, actor.workspaceId, id);
}
