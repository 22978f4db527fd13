import type { FastifyReply } from 'fastify';
import type { InboxDeps } from '../inbox.deps';
import { contentDisposition, getMediaFile, type MediaFile, RangeNotSatisfiable } from './get-media-file';

/**
 * Answers a stored file of the workspace (a member's download or an API key's): the whole file or
 * the Range asked for, with headers that keep a browser from running it.
 */
export async function replyWithMediaFile(
  reply: FastifyReply,
  deps: Pick<InboxDeps, 'db' | 'media'>,
  workspaceId: string,
  mediaId: string,
  rangeHeader: string | undefined,
) {
  let file: MediaFile;
  try {
    file = await getMediaFile(deps, workspaceId, mediaId, rangeHeader);
  } catch (err) {
    if (err instanceof RangeNotSatisfiable) reply.header('content-range', `bytes */${err.size}`);
    throw err;
  }
  if (file.range) {
    reply
      .status(206)
      .header('content-range', `bytes ${file.range.start}-${file.range.end}/${file.size}`)
      .header('content-length', String(file.range.end - file.range.start + 1));
  } else {
    reply.header('content-length', String(file.size));
  }
  return reply
    .header('content-type', file.contentType)
    .header('accept-ranges', 'bytes')
    .header('content-disposition', contentDisposition(file.disposition, file.filename))
    .header('x-content-type-options', 'nosniff')
    .header('content-security-policy', "default-src 'none'; sandbox")
    .header('cross-origin-resource-policy', 'same-origin')
    .header('cache-control', 'private, max-age=86400')
    .send(file.stream);
}
