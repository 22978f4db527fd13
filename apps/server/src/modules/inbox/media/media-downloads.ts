import type { Database } from '../../../platform/db/database';
import type { InboxChange } from '../inbox.ports';

/** What a channel needs to fetch one file, and where the result goes. */
export interface MediaToDownload {
  id: string;
  workspaceId: string;
  channelId: string;
  conversationId: string | null;
  messageId: string | null;
  externalId: string | null;
  mimeType: string;
  sha256: string | null;
  state: 'pending' | 'ready' | 'failed';
}

export async function findMediaToDownload(
  db: Pick<Database, 'query'>,
  id: string,
): Promise<MediaToDownload | null> {
  const [row] = await db.query<{
    id: string;
    workspace_id: string;
    channel_id: string;
    conversation_id: string | null;
    message_id: string | null;
    external_id: string | null;
    mime_type: string;
    sha256: string | null;
    state: MediaToDownload['state'];
  }>(
    `SELECT md.id, md.workspace_id, md.channel_id, m.conversation_id, md.message_id, md.external_id,
            md.mime_type, md.sha256, md.state
       FROM media md LEFT JOIN messages m ON m.id = md.message_id AND m.workspace_id = md.workspace_id
      WHERE md.id = $1`,
    [id],
  );
  if (!row) return null;
  return {
    id: row.id,
    workspaceId: row.workspace_id,
    channelId: row.channel_id,
    conversationId: row.conversation_id,
    messageId: row.message_id,
    externalId: row.external_id,
    mimeType: row.mime_type,
    sha256: row.sha256,
    state: row.state,
  };
}

const changeOf = (m: MediaToDownload): InboxChange[] =>
  m.conversationId && m.messageId
    ? [
        {
          kind: 'message.updated',
          workspaceId: m.workspaceId,
          conversationId: m.conversationId,
          messageId: m.messageId,
        },
      ]
    : [];

/** Stored: from now on the inbox serves it. Only a pending row moves (a rerun is a no-op). */
export async function markMediaReady(
  db: Pick<Database, 'query'>,
  m: MediaToDownload,
  stored: { storageKey: string; size: number; mimeType: string; sha256?: string | null },
): Promise<InboxChange[]> {
  // A checksum the download itself named (the webhook gave none) is kept: the file was checked.
  const rows = await db.query(
    `UPDATE media SET state = 'ready', storage_key = $3, size = $4, mime_type = $5, error = NULL,
            sha256 = COALESCE(sha256, $6), updated_at = now()
      WHERE id = $1 AND workspace_id = $2 AND state = 'pending' RETURNING id`,
    [m.id, m.workspaceId, stored.storageKey, stored.size, stored.mimeType, stored.sha256 ?? null],
  );
  return rows.length > 0 ? changeOf(m) : [];
}

export async function markMediaFailed(
  db: Pick<Database, 'query'>,
  m: MediaToDownload,
  reason: string,
): Promise<InboxChange[]> {
  const rows = await db.query(
    `UPDATE media SET state = 'failed', error = $3, updated_at = now()
      WHERE id = $1 AND workspace_id = $2 AND state = 'pending' RETURNING id`,
    [m.id, m.workspaceId, reason],
  );
  return rows.length > 0 ? changeOf(m) : [];
}
