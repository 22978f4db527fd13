import type { Readable } from 'node:stream';
import { AppError, notFound } from '../../../platform/errors';
import { parseByteRange } from '../../../platform/http/byte-range';
import type { ByteRange } from '../../../platform/storage/media-storage';
import type { InboxDeps } from '../inbox.deps';

export interface MediaFile {
  stream: Readable;
  /** The whole file's size. */
  size: number;
  /** Set when only these bytes are streamed (answer 206). */
  range: ByteRange | null;
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
 * A stored file (a message's, or the workspace's own) for a member of its workspace. Any other workspace's file, a file
 * still downloading and one that failed are all "not found": nothing tells them apart.
 */
export async function getMediaFile(
  deps: Pick<InboxDeps, 'db' | 'media'>,
  workspaceId: string,
  mediaId: string,
  /** The request's Range header: players ask for parts to seek in audio and video. */
  rangeHeader?: string,
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
  const size = await deps.media.size(row.storage_key);
  if (size === null) throw notFound('media');
  const range = parseByteRange(rangeHeader, size);
  if (range === 'unsatisfiable') throw new RangeNotSatisfiable(size);
  const stored = await deps.media.get(row.storage_key, range ?? undefined);
  if (!stored) throw notFound('media');
  const essence = row.mime_type.split(';')[0]!.trim().toLowerCase();
  const contentType = MIME.test(essence) ? essence : 'application/octet-stream';
  return {
    stream: stored.stream,
    size: stored.size,
    range,
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

/** 416: the range asked for starts past the end of the file; the answer says how big it is. */
export class RangeNotSatisfiable extends AppError {
  constructor(readonly size: number) {
    super('range_not_satisfiable', 'range_not_satisfiable', `The file has ${size} bytes.`);
  }
}
