import { randomUUID } from 'node:crypto';
import type { Media, MessageContent } from '@charla/contracts';
import type { Query } from '../../../platform/db/database';
import { toPgSafeText } from '../../../platform/db/pg-safe';
import type { InboundMedia, InboundMessage } from '../inbox.ports';

/**
 * A Charla media id for each message that carries a file. Every message gets its own, even when
 * two name the same provider file: the file belongs to its message, which says what it is (type,
 * MIME type, file name), and a customer may send one WhatsApp media id again as something else.
 */
export function assignMediaIds(messages: InboundMessage[]): Map<InboundMessage, string> {
  const ids = new Map<InboundMessage, string>();
  for (const m of messages) if ('media' in m.content) ids.set(m, randomUUID());
  return ids;
}

/** The neutral content as stored: a media description becomes a `Media` naming its row. */
export function storedContent(m: InboundMessage, mediaIds: Map<InboundMessage, string>): MessageContent {
  const c = m.content;
  if (!('media' in c)) return c;
  const media: Media = {
    id: mediaIds.get(m)!,
    url: null,
    mimeType: c.media.mimeType,
    size: null,
    filename: c.media.filename,
    state: c.media.error ? 'failed' : 'pending',
    error: c.media.error,
  };
  return { ...c, media };
}

/**
 * Creates the media rows of newly stored messages, one per message. Returns the ids to download.
 */
export async function storeMedia(
  query: Query,
  inserted: { id: string; workspace_id: string; channel_id: string; media_id: string | null }[],
  mediaIds: Map<InboundMessage, string>,
): Promise<string[]> {
  const described = new Map<string, InboundMedia>();
  for (const [m, id] of mediaIds) if ('media' in m.content) described.set(id, m.content.media);
  const list = inserted.flatMap((r) => {
    const media = r.media_id ? described.get(r.media_id) : undefined;
    return media && r.media_id ? [{ id: r.media_id, row: r, media }] : [];
  });
  if (list.length === 0) return [];
  const created = await query<{ id: string; state: string }>(
    `INSERT INTO media (id, workspace_id, channel_id, message_id, external_id, mime_type, sha256, filename, state, error)
     SELECT * FROM unnest($1::uuid[], $2::uuid[], $3::uuid[], $4::uuid[], $5::text[], $6::text[], $7::text[],
                          $8::text[], $9::text[], $10::text[])
     ON CONFLICT (id) DO NOTHING
     RETURNING id, state`,
    [
      list.map((l) => l.id),
      list.map((l) => l.row.workspace_id),
      list.map((l) => l.row.channel_id),
      list.map((l) => l.row.id),
      list.map((l) => toPgSafeText(l.media.externalId)),
      list.map((l) => toPgSafeText(l.media.mimeType)),
      list.map((l) => toPgSafeText(l.media.sha256)),
      list.map((l) => toPgSafeText(l.media.filename)),
      list.map((l) => (l.media.error ? 'failed' : 'pending')),
      list.map((l) => toPgSafeText(l.media.error)),
    ],
  );
  return created.filter((c) => c.state === 'pending').map((c) => c.id);
}
