import type { MessageContent } from '@charla/contracts';
import type { InboxDeps } from '../inbox.deps';
import type { OutboundContent, OutboundFile } from '../inbox.ports';

/** The stored content as the channel port takes it; a file is read from storage only if needed. */
export async function toOutboundContent(
  deps: Pick<InboxDeps, 'db' | 'media'>,
  workspaceId: string,
  content: MessageContent,
): Promise<OutboundContent | null> {
  switch (content.type) {
    case 'text':
    case 'location':
    case 'contacts':
    case 'interactive':
      return content.type === 'location'
        ? {
            type: 'location',
            latitude: content.latitude,
            longitude: content.longitude,
            name: content.name,
            address: content.address,
          }
        : content;
    case 'image':
    case 'video':
    case 'document':
    case 'audio':
    case 'sticker': {
      const file = await outboundFile(deps, workspaceId, content.media.id);
      return file && { type: content.type, file, caption: content.caption, voice: content.voice };
    }
    case 'template': {
      const mediaId = content.template.values.headerMediaId;
      const headerFile = mediaId ? await outboundFile(deps, workspaceId, mediaId) : null;
      return mediaId && !headerFile ? null : { type: 'template', template: content.template, headerFile };
    }
    default:
      return null;
  }
}

async function outboundFile(
  deps: Pick<InboxDeps, 'db' | 'media'>,
  workspaceId: string,
  mediaId: string,
): Promise<OutboundFile | null> {
  const [row] = await deps.db.query<{
    mime_type: string;
    filename: string | null;
    storage_key: string | null;
    external_id: string | null;
    external_uploaded_at: Date | null;
  }>(
    `SELECT mime_type, filename, storage_key, external_id, external_uploaded_at FROM media
      WHERE workspace_id = $1 AND id = $2 AND state = 'ready'`,
    [workspaceId, mediaId],
  );
  if (!row?.storage_key) return null;
  const storageKey = row.storage_key;
  return {
    mediaId,
    mimeType: row.mime_type,
    filename: row.filename,
    uploaded:
      row.external_id && row.external_uploaded_at
        ? { externalId: row.external_id, at: new Date(row.external_uploaded_at) }
        : null,
    async read() {
      const stored = await deps.media.get(storageKey);
      if (!stored) throw new Error(`The file ${mediaId} is no longer in storage`);
      const chunks: Buffer[] = [];
      for await (const chunk of stored.stream) chunks.push(chunk as Buffer);
      return new Uint8Array(Buffer.concat(chunks));
    },
    async remember(externalId, at) {
      await deps.db.query(
        'UPDATE media SET external_id = $3, external_uploaded_at = $4, updated_at = now() WHERE workspace_id = $1 AND id = $2',
        [workspaceId, mediaId, externalId, at],
      );
    },
  };
}
