import type { ConversationFilters, ConversationList } from '@charla/contracts';
import { AppError } from '../../../platform/errors';
import type { InboxDeps } from '../inbox.deps';
import { conversationFiltersSql } from '../search/conversation-filters';
import { type Viewer, visibleConversationsSql } from './conversation-access';
import {
  CONVERSATION_COLUMNS,
  CONVERSATION_FROM,
  type ConversationRow,
  toConversation,
} from './conversation-view';

const PAGE = 50;

/** Most recent activity first, filtered (search/conversation-filters.ts); the cursor is the last row's (activity time, id). */
export async function listConversations(
  deps: Pick<InboxDeps, 'db' | 'clock'>,
  viewer: Viewer,
  cursor?: string,
  filters: ConversationFilters = {},
): Promise<ConversationList> {
  const params: unknown[] = [viewer.workspaceId, PAGE + 1];
  let after = '';
  if (cursor) {
    const [at, id] = Buffer.from(cursor, 'base64url').toString('utf8').split('|');
    if (!at || !id || Number.isNaN(Date.parse(at))) {
      throw new AppError('invalid', 'invalid_cursor', 'The cursor is not one this API handed out.');
    }
    params.push(at, id);
    after = 'AND (c.last_activity_at, c.id) < ($3::timestamptz, $4::uuid)';
  }
  // Visibility (roles): an agent may be limited to their own and their teams' conversations.
  const visible = visibleConversationsSql(viewer, params.length + 1);
  params.push(...visible.params);
  const filtered = conversationFiltersSql(
    filters,
    { now: deps.clock.now(), userId: viewer.userId },
    params.length + 1,
  );
  params.push(...filtered.params);
  // NULLS LAST matches the indexes (drizzle's `.desc()` is DESC NULLS LAST): plain DESC means
  // NULLS FIRST, cannot walk them, and sorts every conversation of the workspace instead.
  const rows = await deps.db.query<ConversationRow & Record<string, unknown>>(
    `SELECT ${CONVERSATION_COLUMNS} FROM ${CONVERSATION_FROM}
      WHERE c.workspace_id = $1 ${after} AND ${visible.sql} AND ${filtered.sql}
      ORDER BY c.last_activity_at DESC NULLS LAST, c.id DESC NULLS LAST LIMIT $2`,
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
