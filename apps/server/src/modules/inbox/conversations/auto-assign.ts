import type { Query } from '../../../platform/db/database';
import type { InboxChange } from '../inbox.ports';
import { routeWaitingConversations } from '../routing/route-waiting';

/** Assignments the ingest makes per workspace and batch; the routing worker hands out the rest. */
const INGEST_LIMIT = 50;

/**
 * Conversations customers' messages set waiting (new, reopened, written into with nobody on them)
 * are routed in the ingest's own transaction, in workspaces with automatic assignment on: each
 * queue's oldest goes first, so a new conversation is assigned at once only when nobody waited
 * longer, and before automation looks at it. Returns what to announce after commit.
 */
export async function autoAssignConversations(
  query: Query,
  workspaceIds: string[],
  at: Date,
): Promise<InboxChange[]> {
  if (workspaceIds.length === 0) return [];
  // In id order: two batches take the workspaces' routing locks in the same order.
  const on = await query<{ id: string }>(
    'SELECT id FROM workspaces WHERE id = ANY($1::uuid[]) AND auto_assign ORDER BY id',
    [[...new Set(workspaceIds)]],
  );
  const changes: InboxChange[] = [];
  for (const { id } of on)
    changes.push(...(await routeWaitingConversations(query, id, { at, limit: INGEST_LIMIT })).changes);
  return changes;
}
