import { randomUUID } from 'node:crypto';
import type { Readable } from 'node:stream';
import type { UploadedMedia } from '@charla/contracts';
import { remuxWebmOpusToOgg } from '../../../platform/audio/webm-opus-to-ogg';
import { AppError } from '../../../platform/errors';
import { findConversation } from '../conversations/get-thread';
import type { InboxDeps } from '../inbox.deps';
import { kindOfMime } from '../messages/outbound-request';

/** The largest file any kind may be (documents, 100 MB): the multipart parser's own cap. */
export const MAX_UPLOAD_BYTES = 100 * 1024 * 1024;

const MIME = /^[a-z0-9][a-z0-9!#$&^_.+-]*\/[a-z0-9][a-z0-9!#$&^_.+-]*$/;

/**
 * An agent attaches a file to a conversation. It is checked against what the conversation's
 * channel accepts BEFORE it is stored: the type at once, the size while it streams in (reading
 * stops at the limit). Browsers record voice notes as WebM/Opus, which WhatsApp refuses; those
 * are rewrapped as OGG/Opus here without re-encoding.
 */
export async function uploadMedia(
  deps: Pick<InboxDeps, 'db' | 'clock' | 'gateway' | 'media'>,
  actor: { workspaceId: string },
  conversationId: string,
  file: { filename: string | null; mimeType: string; stream: Readable },
): Promise<UploadedMedia> {
  const refuse = (kind: 'too_large' | 'unprocessable', code: string, message: string) => {
    // Drain what the browser still sends so the answer reaches it.
    file.stream.resume();
    return new AppError(kind, code, message);
  };
  let conversation: Awaited<ReturnType<typeof findConversation>>;
  try {
    conversation = await findConversation(deps, actor.workspaceId, conversationId);
  } catch (err) {
    file.stream.resume();
    throw err;
  }
  const declared = file.mimeType.split(';')[0]!.trim().toLowerCase();
  const mimeType = MIME.test(declared) ? declared : 'application/octet-stream';
  const isWebmVoice = mimeType === 'audio/webm' || mimeType === 'video/webm';
  const kind = isWebmVoice ? 'audio' : kindOfMime(mimeType);
  // A WebM recording is checked as the OGG it becomes.
  const checkedAs = isWebmVoice ? 'audio/ogg' : mimeType;
  const wrongType = deps.gateway.checkMedia(kind, checkedAs, 1);
  if (wrongType) throw refuse('unprocessable', 'media_type_not_accepted', `${wrongType}.`);

  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of file.stream) {
    size += (chunk as Buffer).length;
    const tooBig = deps.gateway.checkMedia(kind, checkedAs, size);
    if (tooBig)
      throw refuse('too_large', 'media_too_large', `${tooBig.replace(/ is \d+ bytes;/, ' is too big;')}.`);
    chunks.push(chunk as Buffer);
  }
  if ((file.stream as Readable & { truncated?: boolean }).truncated) {
    throw new AppError(
      'too_large',
      'media_too_large',
      `Files may be at most ${MAX_UPLOAD_BYTES / 1024 / 1024} MB.`,
    );
  }
  if (size === 0) throw new AppError('unprocessable', 'media_empty', 'The file is empty.');

  let bytes: Uint8Array = Buffer.concat(chunks);
  let storedMime = mimeType;
  let filename = file.filename?.trim() || null;
  if (isWebmVoice) {
    try {
      bytes = remuxWebmOpusToOgg(bytes);
    } catch (err) {
      throw new AppError(
        'unprocessable',
        'voice_not_convertible',
        `Charla could not turn this recording into a WhatsApp voice note (${err instanceof Error ? err.message : String(err)}). Record it again.`,
      );
    }
    storedMime = 'audio/ogg';
    filename = filename ? `${filename.replace(/\.(webm|weba)$/i, '')}.ogg` : 'voice-note.ogg';
    const tooBig = deps.gateway.checkMedia('audio', storedMime, bytes.byteLength);
    if (tooBig) throw new AppError('too_large', 'media_too_large', `${tooBig}.`);
  }

  const id = randomUUID();
  const storageKey = `${actor.workspaceId}/${id}`;
  await deps.media.put(storageKey, bytes);
  await deps.db.query(
    `INSERT INTO media (id, workspace_id, channel_id, direction, mime_type, size, filename, storage_key, state)
     VALUES ($1, $2, $3, 'outbound', $4, $5, $6, $7, 'ready')`,
    [id, actor.workspaceId, conversation.channelId, storedMime, bytes.byteLength, filename, storageKey],
  );
  return { id, kind, mimeType: storedMime, size: bytes.byteLength, filename };
}
