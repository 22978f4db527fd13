import type { Query } from '../../../platform/db/database';

/** A member is online with a live session used within this time (API calls, the realtime socket). */
export const ONLINE_WITHIN_MINUTES = 5;

/**
 * Serialises routing decisions of one workspace until the transaction ends: two processes then
 * never both count a member under the cap and give them one conversation too many. Taken again
 * in the same transaction, it is already held.
 */
export async function lockRouting(query: Query, workspaceId: string): Promise<void> {
  await query("SELECT pg_advisory_xact_lock(hashtextextended('charla.routing:' || $1, 0))", [workspaceId]);
}

/**
 * The round robin of automatic assignment and of the rules' "round robin": the member who got a
 * conversation longest ago among those not deactivated, online, in `teamId` when one is named,
 * and holding fewer open or pending conversations than the workspace's `auto_assign_cap`. The
 * caller marks the one it gives a conversation to (`last_auto_assigned_at`). Holds the
 * workspace's routing lock.
 */
export async function pickRoundRobinMember(
  query: Query,
  target: { workspaceId: string; teamId: string | null },
): Promise<string | null> {
  await lockRouting(query, target.workspaceId);
  const [pick] = await query<{ user_id: string }>(
    `SELECT wm.user_id FROM workspace_members wm JOIN workspaces w ON w.id = wm.workspace_id
      WHERE wm.workspace_id = $1 AND wm.deactivated_at IS NULL
        AND wm.last_seen_at > now() - make_interval(mins => $3)
        AND ($2::uuid IS NULL OR EXISTS (
              SELECT 1 FROM team_members tm WHERE tm.team_id = $2 AND tm.user_id = wm.user_id))
        AND (SELECT count(*) FROM conversations c
              WHERE c.workspace_id = wm.workspace_id AND c.assignee_user_id = wm.user_id
                AND c.status IN ('open', 'pending')) < w.auto_assign_cap
      ORDER BY wm.last_auto_assigned_at ASC NULLS FIRST, wm.created_at ASC
      LIMIT 1`,
    [target.workspaceId, target.teamId, ONLINE_WITHIN_MINUTES],
  );
  return pick?.user_id ?? null;
}

/** Whether being seen at `at` brings a member online (last seen never, or too long ago). */
export function isComingOnline(lastSeenAt: Date | null, at: Date): boolean {
  return !lastSeenAt || at.getTime() - new Date(lastSeenAt).getTime() > ONLINE_WITHIN_MINUTES * 60_000;
}
