import type { Media, Message, Reaction, Thread } from '@charla/contracts';
import { AppError, notFound } from '../../../platform/errors';
import type { InboxDeps } from '../inbox.deps';
import { listNotes } from '../notes/list-notes';
import { listConversationEvents } from './conversation-events';
import {
  CONVERSATION_COLUMNS,
  CONVERSATION_FROM,
  type ConversationRow,
  MESSAGE_COLUMNS,
  MESSAGE_FROM,
  type MediaRow,
  type MessageRow,
  mediaIdOf,
  type ReactionRow,
  toConversation,
  toMedia,
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
    const [at, seq] = Buffer.from(before, 'base64url').toString('utf8').split('|');
    if (!at || !seq || !/^\d{1,18}$/.test(seq) || Number.isNaN(Date.parse(at))) {
      throw new AppError('invalid', 'invalid_cursor', 'The cursor is not one this API handed out.');
    }
    params.push(at, seq);
    older = 'AND (m.occurred_at, m.seq) < ($4::timestamptz, $5::bigint)';
  }
  const rows = await deps.db.query<MessageRow & Record<string, unknown>>(
    `SELECT ${MESSAGE_COLUMNS} FROM ${MESSAGE_FROM}
      WHERE m.workspace_id = $1 AND m.conversation_id = $2 ${older}
      ORDER BY m.occurred_at DESC NULLS LAST, m.seq DESC NULLS LAST LIMIT $3`,
    params,
  );
  const page = rows.slice(0, PAGE);
  const oldest = page.at(-1);
  const hasOlder = rows.length > PAGE;
  // The history lines and notes of the time this page spans: the latest page also gets every later one.
  const span = {
    from: hasOlder && oldest ? new Date(oldest.occurred_at) : null,
    before: before ? new Date(Buffer.from(before, 'base64url').toString('utf8').split('|')[0]!) : null,
  };
  const isPastEnd = Boolean(before && page.length === 0);
  const [related, events, notes] = await Promise.all([
    loadRelated(deps, workspaceId, page),
    isPastEnd ? Promise.resolve([]) : listConversationEvents(deps, workspaceId, conversationId, span),
    isPastEnd ? Promise.resolve([]) : listNotes(deps, workspaceId, conversationId, span),
  ]);
  return {
    conversation,
    messages: page.reverse().map((r) => toMessage(r, related)),
    events,
    notes,
    olderCursor:
      rows.length > PAGE && oldest
        ? Buffer.from(`${new Date(oldest.occurred_at).toISOString()}|${oldest.seq}`).toString('base64url')
        : null,
  };
}

/** One message as the thread shows it (after a send, for the answer). */
export async function loadMessage(
  deps: Pick<InboxDeps, 'db'>,
  workspaceId: string,
  messageId: string,
): Promise<Message> {
  const rows = await deps.db.query<MessageRow & Record<string, unknown>>(
    `SELECT ${MESSAGE_COLUMNS} FROM ${MESSAGE_FROM} WHERE m.workspace_id = $1 AND m.id = $2`,
    [workspaceId, messageId],
  );
  if (!rows[0]) throw notFound('message');
  return toMessage(rows[0], await loadRelated(deps, workspaceId, rows));
}

/** A message just written, as the API shows it: no reaction can be on it yet; its file is read. */
export async function toNewMessage(
  deps: Pick<InboxDeps, 'db'>,
  workspaceId: string,
  row: MessageRow,
): Promise<Message> {
  return toMessage(row, await loadRelated(deps, workspaceId, [row], false));
}

/** Reactions and files of a page: one query each, whatever the page size. */
async function loadRelated(
  deps: Pick<InboxDeps, 'db'>,
  workspaceId: string,
  page: MessageRow[],
  withReactions = true,
) {
  const reactions = new Map<string, Reaction[]>();
  const media = new Map<string, Media>();
  if (page.length === 0) return { reactions, media };
  const mediaIds = page.map((r) => mediaIdOf(r.content)).filter((id): id is string => id !== null);
  const [reactionRows, mediaRows] = await Promise.all([
    withReactions
      ? deps.db.query<ReactionRow & Record<string, unknown>>(
          `SELECT message_id, direction, emoji, reacted_at FROM message_reactions
            WHERE workspace_id = $1 AND message_id = ANY($2::uuid[]) AND emoji <> ''
            ORDER BY reacted_at, direction`,
          [workspaceId, page.map((r) => r.id)],
        )
      : Promise.resolve([]),
    mediaIds.length === 0
      ? Promise.resolve([])
      : deps.db.query<MediaRow & Record<string, unknown>>(
          `SELECT id, mime_type, size, filename, state, error,
                  (direction = 'inbound' AND external_id IS NOT NULL AND sha256 IS NULL) AS unchecked
             FROM media
            WHERE workspace_id = $1 AND id = ANY($2::uuid[])`,
          [workspaceId, mediaIds],
        ),
  ]);
  for (const r of reactionRows) {
    const list = reactions.get(r.message_id) ?? [];
    list.push({ emoji: r.emoji, direction: r.direction, at: new Date(r.reacted_at).toISOString() });
    reactions.set(r.message_id, list);
  }
  for (const r of mediaRows) media.set(r.id, toMedia(r));
  return { reactions, media };
}
