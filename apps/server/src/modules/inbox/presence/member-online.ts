import type { Clock } from '../../../platform/clock';
import type { Database } from '../../../platform/db/database';

/**
 * A heartbeat this long after the span's last one continues it (sockets beat every 25 s, and a
 * socket is forgotten after 70 s); a later one starts a new span.
 */
const SPAN_GAP_MS = 70_000;

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
  // Also the member's time online (member_online_spans): the live span is extended, or one starts.
  const [row] = await deps.db.query<{ before: Date | null }>(
    `WITH before AS (SELECT last_seen_at FROM workspace_members WHERE workspace_id = $1 AND user_id = $2),
     extended AS (
       UPDATE member_online_spans SET last_seen_at = GREATEST(last_seen_at, $3::timestamptz)
        WHERE id = (SELECT id FROM member_online_spans
                     WHERE workspace_id = $1 AND user_id = $2
                       AND last_seen_at >= $3::timestamptz - make_interval(secs => $4 / 1000.0)
                     ORDER BY last_seen_at DESC LIMIT 1)
       RETURNING id),
     started AS (
       INSERT INTO member_online_spans (workspace_id, user_id, started_at, last_seen_at)
       SELECT $1, $2, $3, $3 WHERE NOT EXISTS (SELECT 1 FROM extended)
         AND EXISTS (SELECT 1 FROM before))
     UPDATE workspace_members SET last_seen_at = $3 WHERE workspace_id = $1 AND user_id = $2
     RETURNING (SELECT last_seen_at FROM before) AS before`,
    [m.workspaceId, m.userId, at.toISOString(), SPAN_GAP_MS],
  );
  return { lastSeenAt: row?.before ? new Date(row.before) : null, at };
}

export async function markMemberOffline(deps: { db: Pick<Database, 'query'> }, m: Member) {
  await deps.db.query(
    'UPDATE workspace_members SET last_seen_at = NULL WHERE workspace_id = $1 AND user_id = $2',
    [m.workspaceId, m.userId],
  );
}
