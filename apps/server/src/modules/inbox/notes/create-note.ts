import { findMentionedUserIds, type MentionableMember, type Note } from '@charla/contracts';
import { notFound } from '../../../platform/errors';
import type { AutomatedBy } from '../conversations/conversation-events';
import type { InboxDeps } from '../inbox.deps';
import { NOTE_SELECT, toNote } from './list-notes';
import { publishNoteMentions } from './note-mentioned';

/**
 * Adds an internal note to a conversation the actor may see (the route checked; a conversation of
 * another workspace is 404), written by a member or (`automatedBy`, no user) an API key. It is
 * only stored: nothing here talks to the channel, so the customer never receives it.
 */
export async function createNote(
  deps: Pick<InboxDeps, 'db' | 'clock' | 'notify'>,
  actor: { workspaceId: string; userId: string | null; automatedBy?: AutomatedBy },
  conversationId: string,
  body: string,
): Promise<Note> {
  const members = await deps.db.query<MentionableMember & Record<string, unknown>>(
    `SELECT u.id, u.name FROM workspace_members wm JOIN users u ON u.id = wm.user_id
      WHERE wm.workspace_id = $1`,
    [actor.workspaceId],
  );
  const mentioned = findMentionedUserIds(body, members);
  const [inserted] = await deps.db.query<{ id: string }>(
    `INSERT INTO conversation_notes (workspace_id, conversation_id, author_user_id, body, mentioned_user_ids, automated_by, created_at)
     SELECT $1, id, $3, $4, $5::uuid[], $6::jsonb, $7 FROM conversations WHERE workspace_id = $1 AND id = $2
     RETURNING id`,
    [
      actor.workspaceId,
      conversationId,
      actor.userId,
      body,
      mentioned,
      actor.automatedBy ? JSON.stringify(actor.automatedBy) : null,
      deps.clock.now().toISOString(),
    ],
  );
  if (!inserted) throw notFound('conversation');
  const [row] = await deps.db.query<Parameters<typeof toNote>[0] & Record<string, unknown>>(
    `${NOTE_SELECT} WHERE n.id = $1`,
    [inserted!.id],
  );
  const note = toNote(row!);
  await deps.notify([{ kind: 'conversation.updated', workspaceId: actor.workspaceId, conversationId }]);
  await publishNoteMentions(deps, actor.workspaceId, note);
  return note;
}
