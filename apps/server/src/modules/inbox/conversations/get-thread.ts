import type { Thread } from '@charla/contracts';
import { AppError, notFound } from '../../../platform/errors';
import type { InboxDeps } from '../inbox.deps';
import {
  CONVERSATION_COLUMNS,
  CONVERSATION_FROM,
  type ConversationRow,
  MESSAGE_COLUMNS,
  type MessageRow,
  toConversation,
  toMessage,
} from './conversation-view';

const PAGE = 50;

export async function findConversation(
  deps: Pick<InboxDeps, 'db' | 'clock'>,
  workspaceId: string,
  id: string,
) {
  const [row] = await deps.db.query<ConversationRow & Record<string, unknown>>(
    `SELECT ${CONVERSATION_COLUMNS} FROM ${CONVERSATION_FROM} WHERE c.workspace_id = $1 AND c.id = $2`,
    [workspaceId, id],
  );
  if (!row) throw notFound('conversation');
  return toConversation(row, deps.clock.now());
}

export async function getThread(
  deps: Pick<InboxDeps, 'db' | 'clock'>,
  workspaceId: string,
  conversationId: string,
  before?: string,
): Promise<Thread> {
  const conversation = await findConversation(deps, workspaceId, conversationId);
  const params: unknown[] = [workspaceId, conversationId, PAGE + 1];
  let older = '';
  if (before) {
    const [at, id] = Buffer.from(before, 'base64url').toString('utf8').split('|');
    if (!at || !id || Number.isNaN(Date.parse(at))) {
      throw new AppError('invalid', 'invalid_cursor', 'The cursor is not one this API handed out.');
    }
    params.push(at, id);
    older = 'AND (m.occurred_at, m.id) < ($4::timestamptz, $5::uuid)';
  }
  const rows = await deps.db.query<MessageRow & Record<string, unknown>>(
    `SELECT ${MESSAGE_COLUMNS} FROM messages m LEFT JOIN users u ON u.id = m.sender_user_id
      WHERE m.workspace_id = $1 AND m.conversation_id = $2 ${older}
      ORDER BY m.occurred_at DESC, m.id DESC LIMIT $3`,
    params,
  );
  const page = rows.slice(0, PAGE);
  const oldest = page.at(-1);
  return {
    conversation,
    messages: page.reverse().map(toMessage),
    olderCursor:
      rows.length > PAGE && oldest
        ? Buffer.from(`${new Date(oldest.occurred_at).toISOString()}|${oldest.id}`).toString('base64url')
        : null,
  };
}
