import type { Database } from '../../../platform/db/database';
import { type Viewer, visibleConversationsSql } from '../conversations/conversation-access';

/** Whether the member may see the conversation (false as well when it is not in their workspace). */
export async function maySeeConversation(
  db: Pick<Database, 'query'>,
  viewer: Viewer,
  conversationId: string,
): Promise<boolean> {
  const visible = visibleConversationsSql(viewer, 3);
  const [row] = await db.query<{ visible: boolean }>(
    `SELECT ${visible.sql} AS visible FROM conversations c WHERE c.workspace_id = $1 AND c.id = $2`,
    [viewer.workspaceId, conversationId, ...visible.params],
  );
  return row?.visible === true;
}

/**
 * Of these members (the sockets of one process), those who may see the conversation: owners and
 * admins always, agents per the workspace's visibility (one query per agent; a process holds few).
 */
export async function membersWhoMaySee(
  db: Pick<Database, 'query'>,
  workspaceId: string,
  conversationId: string,
  members: { userId: string; role: string }[],
): Promise<Set<string>> {
  const allowed = new Set<string>();
  const agents = new Set<string>();
  for (const m of members) {
    if (m.role === 'agent') agents.add(m.userId);
    else allowed.add(m.userId);
  }
  for (const userId of agents) {
    if (await maySeeConversation(db, { userId, workspaceId, role: 'agent' }, conversationId))
      allowed.add(userId);
  }
  return allowed;
}
