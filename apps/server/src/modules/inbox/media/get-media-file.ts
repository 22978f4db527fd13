import type { Readable } from 'node:stream';
import { notFound } from '../../../platform/errors';
import type { InboxDeps } from '../inbox.deps';

export interface MediaFile {
  stream: Readable;
  size: number;
  /** Safe to send as Content-Type. */
  contentType: string;
  /** inline for what a browser shows harmlessly (pictures, audio, video); attachment otherwise. */
  disposition: 'inline' | 'attachment';
  filename: string | null;
}

// Types a browser renders without running anything; everything else is downloaded, never shown.
const INLINE = /^(image\/(jpeg|png|webp|gif)|video\/(mp4|3gpp)|audio\/(aac|amr|mpeg|mp4|ogg|opus))$/;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const MIME = /^[a-z0-9][a-z0-9!#$&^_.+-]*\/[a-z0-9][a-z0-9!#$&^_.+-]*$/;

/**
 * A stored customer file for a member of its workspace. Any other workspace's file, a file
 * still downloading and one that failed are all "not found": nothing tells them apart.
 */
export async function getMediaFile(
  deps: Pick<InboxDeps, 'db' | 'media'>,
  workspaceId: string,
  mediaId: string,
): Promise<MediaFile> {
  if (!UUID.test(mediaId)) throw notFound('media');
  const [row] = await deps.db.query<{
    mime_type: string;
    filename: string | null;
    storage_key: string | null;
  }>(
    `SELECT mime_type, filename, storage_key FROM media WHERE workspace_id = $1 AND id = $2 AND state = 'ready'`,
    [workspaceId, mediaId],
  );
  if (!row?.storage_key) throw notFound('media');
  const stored = await deps.media.get(row.storage_key);
  if (!stored) throw notFound('media');
  const essence = row.mime_type.split(';')[0]!.trim().toLowerCase();
  const contentType = MIME.test(essence) ? essence : 'application/octet-stream';
  return {
    stream: stored.stream,
    size: stored.size,
    contentType,
    disposition: INLINE.test(contentType) ? 'inline' : 'attachment',
    filename: row.filename,
  };
}

/** RFC 6266: an ASCII fallback plus the exact UTF-8 name. */
export function contentDisposition(disposition: 'inline' | 'attachment', filename: string | null): string {
  if (!filename) return disposition;
  const ascii = filename.replace(/[^\x20-\x7e]/g, '_').replace(/["\\]/g, '_');
  const encoded = encodeURIComponent(filename).replace(
    /['()*]/g,
    (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`,
  );
  return `${disposition}; filename="${ascii}"; filename*=UTF-8''${encoded}`;
}
