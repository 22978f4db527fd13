import type { Clock } from '../../../platform/clock';
import type { Database } from '../../../platform/db/database';

interface Member {
  workspaceId: string;
  userId: string;
}

/**
 * "Online" for automatic assignment (routing/pick-round-robin.ts reads
 * `workspace_members.last_seen_at`): an open realtime socket refreshes it every 25 s, so a member
 * with Charla open in a tab stays online even without clicking, and is online no more once their
 * last socket closes. Returns when they were seen before, so the caller can tell a member coming
 * online (their queue drains to them) from a refresh.
 */
export async function markMemberOnline(
  deps: { db: Pick<Database, 'query'>; clock: Clock },
  m: Member,
): Promise<{ lastSeenAt: Date | null; at: Date }> {
  const at = deps.clock.now();
  const [row] = await deps.db.query<{ before: Date | null }>(
    `WITH before AS (SELECT last_seen_at FROM workspace_members WHERE workspace_id = $1 AND user_id = $2)
     UPDATE workspace_members SET last_seen_at = $3 WHERE workspace_id = $1 AND user_id = $2
     RETURNING (SELECT last_seen_at FROM before) AS before`,
    [m.workspaceId, m.userId, at.toISOString()],
  );
  return { lastSeenAt: row?.before ? new Date(row.before) : null, at };
}

export async function markMemberOffline(deps: { db: Pick<Database, 'query'> }, m: Member) {
  await deps.db.query(
    'UPDATE workspace_members SET last_seen_at = NULL WHERE workspace_id = $1 AND user_id = $2',
    [m.workspaceId, m.userId],
  );
}
