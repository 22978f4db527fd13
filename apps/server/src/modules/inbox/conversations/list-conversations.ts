import type { ConversationList } from '@charla/contracts';
import { AppError } from '../../../platform/errors';
import type { InboxDeps } from '../inbox.deps';
import {
  CONVERSATION_COLUMNS,
  CONVERSATION_FROM,
  type ConversationRow,
  toConversation,
} from './conversation-view';

const PAGE = 50;

/** Most recent activity first; the cursor is the last row's (activity time, id). */
export async function listConversations(
  deps: Pick<InboxDeps, 'db' | 'clock'>,
  workspaceId: string,
  cursor?: string,
): Promise<ConversationList> {
  const params: unknown[] = [workspaceId, PAGE + 1];
  let after = '';
  if (cursor) {
    const [at, id] = Buffer.from(cursor, 'base64url').toString('utf8').split('|');
    if (!at || !id || Number.isNaN(Date.parse(at))) {
      throw new AppError('invalid', 'invalid_cursor', 'The cursor is not one this API handed out.');
    }
    params.push(at, id);
    after = 'AND (c.last_activity_at, c.id) < ($3::timestamptz, $4::uuid)';
  }
  const rows = await deps.db.query<ConversationRow & Record<string, unknown>>(
    `SELECT ${CONVERSATION_COLUMNS} FROM ${CONVERSATION_FROM}
      WHERE c.workspace_id = $1 ${after}
      ORDER BY c.last_activity_at DESC, c.id DESC LIMIT $2`,
    params,
  );
  const now = deps.clock.now();
  const page = rows.slice(0, PAGE);
  const last = page.at(-1);
  return {
    items: page.map((r) => toConversation(r, now)),
    nextCursor:
      rows.length > PAGE && last
        ? Buffer.from(`${new Date(last.last_activity_at).toISOString()}|${last.id}`).toString('base64url')
        : null,
  };
}
