import type { Role } from '@charla/contracts';
import { AppError, notFound } from '../../../platform/errors';
import type { InboxDeps } from '../inbox.deps';

/** Who is looking: the signed-in member. */
export interface Viewer {
  userId: string;
  workspaceId: string;
  role: Role;
}

/**
 * The whole workspace, as an admin sees it, for callers that are no person (an API key, an
 * integration): its user id is never a member's, and an admin's view does not read it.
 */
export const workspaceViewer = (workspaceId: string): Viewer => ({
  workspaceId,
  userId: '00000000-0000-0000-0000-000000000000',
  role: 'admin',
});

/**
 * The SQL condition (over conversations aliased `c`) an agent's view is limited to. Owners and
 * admins see everything; agents see everything unless the workspace limits them to the
 * conversations assigned to them or to one of their teams. `param` is the placeholder number
 * the viewer's user id takes.
 */
export function visibleConversationsSql(viewer: Viewer, param: number): { sql: string; params: unknown[] } {
  if (viewer.role !== 'agent') return { sql: 'TRUE', params: [] };
  return { sql: agentMaySeeSql(`$${param}`), params: [viewer.userId] };
}

/**
 * The agents' rule itself, for the agent whose user id is the SQL expression `userId` (a
 * placeholder, or a column when many agents are checked at once: realtime fan-out). The one
 * place the rule is written: the inbox, search, contact profile, files and realtime all use it.
 */
export function agentMaySeeSql(userId: string): string {
  return `(EXISTS (SELECT 1 FROM workspaces vw WHERE vw.id = c.workspace_id AND vw.conversation_visibility = 'all')
       OR c.assignee_user_id = ${userId}
       OR c.team_id IN (SELECT vtm.team_id FROM team_members vtm WHERE vtm.user_id = ${userId}))`;
}

export const hiddenConversation = () =>
  new AppError('forbidden', 'forbidden', "You don't have access to this conversation.");

/** 404 when the conversation is not in the viewer's workspace, 403 when it is but hidden from them. */
export async function assertConversationVisible(
  deps: Pick<InboxDeps, 'db'>,
  viewer: Viewer,
  conversationId: string,
): Promise<void> {
  const visible = visibleConversationsSql(viewer, 3);
  const [row] = await deps.db.query<{ visible: boolean }>(
    `SELECT ${visible.sql} AS visible FROM conversations c WHERE c.workspace_id = $1 AND c.id = $2`,
    [viewer.workspaceId, conversationId, ...visible.params],
  );
  if (!row) throw notFound('conversation');
  if (!row.visible) throw hiddenConversation();
}

/** The same check through a message of the conversation; an unknown message is left to the use case. */
export async function assertMessageVisible(
  deps: Pick<InboxDeps, 'db'>,
  viewer: Viewer,
  messageId: string,
): Promise<void> {
  if (viewer.role !== 'agent') return;
  const [row] = await deps.db.query<{ conversation_id: string }>(
    'SELECT conversation_id FROM messages WHERE workspace_id = $1 AND id = $2',
    [viewer.workspaceId, messageId],
  );
  if (row) await assertConversationVisible(deps, viewer, row.conversation_id);
}

/**
 * The same check through a file: a file attached to a message belongs to that message's
 * conversation, and so does an agent's upload not sent yet (the conversation it was attached
 * to). A workspace file (a header sample, in no conversation) is for every member; an unsent
 * upload whose conversation is unknown (uploaded before Charla recorded it, or its conversation
 * is gone) is for agents only where they see every conversation. An unknown file is left to the
 * use case.
 */
export async function assertMediaVisible(
  deps: Pick<InboxDeps, 'db'>,
  viewer: Viewer,
  mediaId: string,
): Promise<void> {
  if (viewer.role !== 'agent' || !UUID.test(mediaId)) return;
  const [row] = await deps.db.query<{ conversation_id: string | null; workspace_file: boolean }>(
    `SELECT COALESCE(m.conversation_id, f.conversation_id) AS conversation_id,
            (f.channel_id IS NULL AND f.message_id IS NULL AND f.conversation_id IS NULL) AS workspace_file
       FROM media f LEFT JOIN messages m ON m.id = f.message_id
      WHERE f.workspace_id = $1 AND f.id = $2`,
    [viewer.workspaceId, mediaId],
  );
  if (!row || row.workspace_file) return;
  if (row.conversation_id) return assertConversationVisible(deps, viewer, row.conversation_id);
  const [ws] = await deps.db.query<{ conversation_visibility: string }>(
    'SELECT conversation_visibility FROM workspaces WHERE id = $1',
    [viewer.workspaceId],
  );
  if (ws?.conversation_visibility !== 'all') throw hiddenConversation();
}
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
