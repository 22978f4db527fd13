import type { ContactProfile } from '@charla/contracts';
import { notFound } from '../../../platform/errors';
import { CONTACT_COLUMNS, type ContactRow, toContact } from '../../contacts';
import { type Viewer, visibleConversationsSql } from '../conversations/conversation-access';
import type { InboxDeps } from '../inbox.deps';

/**
 * The contact with its conversations (one per number it wrote to), most recent first: only
 * those the viewer's inbox shows (an agent limited to assigned conversations sees neither the
 * id nor the last message of the others).
 */
export async function getContact(
  deps: Pick<InboxDeps, 'db'>,
  viewer: Viewer,
  contactId: string,
): Promise<ContactProfile> {
  const { workspaceId } = viewer;
  const [row] = await deps.db.query<ContactRow & Record<string, unknown>>(
    `SELECT ${CONTACT_COLUMNS} FROM contacts WHERE workspace_id = $1 AND id = $2`,
    [workspaceId, contactId],
  );
  if (!row) throw notFound('contact');
  const visible = visibleConversationsSql(viewer, 3);
  const conversations = await deps.db.query<{
    id: string;
    channel_name: string;
    status: string;
    last_activity_at: Date | string;
    text: string | null;
  }>(
    `SELECT c.id, ch.name AS channel_name, c.status, c.last_activity_at, lm.text
       FROM conversations c
       JOIN channels ch ON ch.id = c.channel_id
       LEFT JOIN LATERAL (
         SELECT text FROM messages m WHERE m.conversation_id = c.id
          ORDER BY m.occurred_at DESC, m.seq DESC LIMIT 1
       ) lm ON true
      WHERE c.workspace_id = $1 AND c.contact_id = $2 AND ${visible.sql}
      ORDER BY c.last_activity_at DESC`,
    [workspaceId, contactId, ...visible.params],
  );
  return {
    ...toContact(row),
    conversations: conversations.map((c) => ({
      id: c.id,
      channelName: c.channel_name,
      status: c.status,
      lastActivityAt: new Date(c.last_activity_at).toISOString(),
      lastMessageText: c.text,
    })),
  };
}
