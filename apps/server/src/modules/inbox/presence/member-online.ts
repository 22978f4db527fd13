import type { Clock } from '../../../platform/clock';
import type { Database } from '../../../platform/db/database';

interface Member {
  workspaceId: string;
  userId: string;
}

/**
 * "Online" for automatic assignment (auto-assign.ts reads `workspace_members.last_seen_at`): an
 * open realtime socket refreshes it every 25 s, so a member with Charla open in a tab stays
 * online even without clicking, and is online no more once their last socket closes.
 */
export async function markMemberOnline(deps: { db: Pick<Database, 'query'>; clock: Clock }, m: Member) {
  await deps.db.query(
    'UPDATE workspace_members SET last_seen_at = $3 WHERE workspace_id = $1 AND user_id = $2',
    [m.workspaceId, m.userId, deps.clock.now().toISOString()],
  );
}

export async function markMemberOffline(deps: { db: Pick<Database, 'query'> }, m: Member) {
  await deps.db.query(
    'UPDATE workspace_members SET last_seen_at = NULL WHERE workspace_id = $1 AND user_id = $2',
    [m.workspaceId, m.userId],
  );
}
