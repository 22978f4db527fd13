import { randomUUID } from 'node:crypto';
import type { Media, MessageContent } from '@charla/contracts';
import type { Query } from '../../../platform/db/database';
import { toPgSafeText } from '../../../platform/db/pg-safe';
import type { InboundMedia, InboundMessage } from '../inbox.ports';

const keyOf = (channelId: string, externalId: string) => `${channelId}|${externalId}`;

/**
 * A Charla media id for each message that carries a file. Messages of one batch naming the
 * same provider file share one id (one row, one download).
 */
export function assignMediaIds(messages: InboundMessage[]): Map<InboundMessage, string> {
  const ids = new Map<InboundMessage, string>();
  const byExternal = new Map<string, string>();
  for (const m of messages) {
    if (!('media' in m.content)) continue;
    const ext = m.content.media.externalId;
    if (ext === null) {
      ids.set(m, randomUUID());
      continue;
    }
    const key = keyOf(m.channelId, ext);
    const id = byExternal.get(key) ?? randomUUID();
    byExternal.set(key, id);
    ids.set(m, id);
  }
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
 * Creates the media rows of newly stored messages. A file already known from an earlier
 * batch keeps its row; the new message is pointed at it. Returns the ids still to download.
 */
export async function storeMedia(
  query: Query,
  inserted: { id: string; workspace_id: string; channel_id: string; media_id: string | null }[],
  mediaIds: Map<InboundMessage, string>,
): Promise<string[]> {
  const described = new Map<string, { m: InboundMessage; media: InboundMedia }>();
  for (const [m, id] of mediaIds) {
    if ('media' in m.content && !described.has(id)) described.set(id, { m, media: m.content.media });
  }
  const rows = new Map<
    string,
    { messageId: string; workspaceId: string; channelId: string; media: InboundMedia }
  >();
  for (const r of inserted) {
    const d = r.media_id ? described.get(r.media_id) : undefined;
    if (!d || !r.media_id || rows.has(r.media_id)) continue;
    rows.set(r.media_id, {
      messageId: r.id,
      workspaceId: r.workspace_id,
      channelId: r.channel_id,
      media: d.media,
    });
  }
  if (rows.size === 0) return [];
  const list = [...rows.entries()];
  const created = await query<{ id: string; state: string }>(
    `INSERT INTO media (id, workspace_id, channel_id, message_id, external_id, mime_type, sha256, filename, state, error)
     SELECT * FROM unnest($1::uuid[], $2::uuid[], $3::uuid[], $4::uuid[], $5::text[], $6::text[], $7::text[],
                          $8::text[], $9::text[], $10::text[])
     ON CONFLICT (channel_id, external_id) DO NOTHING
     RETURNING id, state`,
    [
      list.map(([id]) => id),
      list.map(([, r]) => r.workspaceId),
      list.map(([, r]) => r.channelId),
      list.map(([, r]) => r.messageId),
      list.map(([, r]) => toPgSafeText(r.media.externalId)),
      list.map(([, r]) => toPgSafeText(r.media.mimeType)),
      list.map(([, r]) => toPgSafeText(r.media.sha256)),
      list.map(([, r]) => toPgSafeText(r.media.filename)),
      list.map(([, r]) => (r.media.error ? 'failed' : 'pending')),
      list.map(([, r]) => toPgSafeText(r.media.error)),
    ],
  );
  const createdIds = new Set(created.map((c) => c.id));
  const shared = inserted.filter((r) => r.media_id && rows.has(r.media_id) && !createdIds.has(r.media_id));
  if (shared.length > 0) {
    // The same provider file arrived before in another message: point at its row.
    await query(
      `UPDATE messages m SET content = jsonb_set(m.content, '{media,id}', to_jsonb(md.id::text))
         FROM unnest($1::uuid[], $2::uuid[], $3::text[]) AS v(msg, ch, ex)
         JOIN media md ON md.channel_id = v.ch AND md.external_id = v.ex
        WHERE m.id = v.msg`,
      [
        shared.map((r) => r.id),
        shared.map((r) => r.channel_id),
        shared.map((r) => toPgSafeText(rows.get(r.media_id!)!.media.externalId)),
      ],
    );
  }
  return created.filter((c) => c.state === 'pending').map((c) => c.id);
}
