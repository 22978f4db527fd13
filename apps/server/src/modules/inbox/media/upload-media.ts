import { randomUUID } from 'node:crypto';
import type { Readable } from 'node:stream';
import type { MediaInfo, MediaKind, UploadedMedia } from '@charla/contracts';
import { remuxWebmOpusToOgg } from '../../../platform/audio/webm-opus-to-ogg';
import { AppError, notFound } from '../../../platform/errors';
import { isStorageFull } from '../../../platform/storage/media-storage';
import { findConversation } from '../conversations/get-thread';
import type { InboxDeps } from '../inbox.deps';
import type { ChannelGateway } from '../inbox.ports';
import { kindOfMime } from '../messages/outbound-request';
import { declaredTypeMismatch } from './file-signature';

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
  file: UploadedFile,
): Promise<UploadedMedia> {
  let conversation: Awaited<ReturnType<typeof findConversation>>;
  try {
    conversation = await findConversation(deps, actor.workspaceId, conversationId);
  } catch (err) {
    file.stream.resume();
    throw err;
  }
  return storeUpload(deps, actor.workspaceId, { channelId: conversation.channelId, conversationId }, file, {
    kind: null,
    check: (...args) => deps.gateway.checkMedia(...args),
  });
}

/**
 * A file of one number rather than of a conversation: what rules, bots and sequences send on it
 * (Meta's media ids belong to the number that uploads them). Checked as a conversation's upload.
 */
export async function uploadChannelMedia(
  deps: Pick<InboxDeps, 'db' | 'clock' | 'gateway' | 'media'>,
  actor: { workspaceId: string },
  channelId: string,
  file: UploadedFile,
): Promise<UploadedMedia> {
  const [channel] = await deps.db.query('SELECT id FROM channels WHERE workspace_id = $1 AND id = $2', [
    actor.workspaceId,
    channelId,
  ]);
  if (!channel) {
    file.stream.resume();
    throw notFound('channel');
  }
  return storeUpload(deps, actor.workspaceId, { channelId, conversationId: null }, file, {
    kind: null,
    check: (...args) => deps.gateway.checkMedia(...args),
  });
}

/** The kinds a template header (and so a broadcast's header) can carry. */
export const HEADER_MEDIA_KINDS = ['image', 'video', 'document'] as const;
export type HeaderMediaKind = (typeof HEADER_MEDIA_KINDS)[number];

/**
 * A file of the workspace rather than of a conversation: the sample a media header shows
 * Meta's reviewer. Checked before it is stored against WhatsApp's size limits and the types
 * Meta reviews; `kind` (the header's format) refuses, say, a PDF picked for an image header.
 */
export async function uploadWorkspaceMedia(
  deps: Pick<InboxDeps, 'db' | 'clock' | 'gateway' | 'media'>,
  actor: { workspaceId: string },
  file: UploadedFile,
  kind: HeaderMediaKind | null,
): Promise<UploadedMedia> {
  return storeUpload(deps, actor.workspaceId, { channelId: null, conversationId: null }, file, {
    kind,
    check: (...args) => deps.gateway.checkHeaderSample(...args),
  });
}

type UploadedFile = { filename: string | null; mimeType: string; stream: Readable };

/**
 * Checks and stores one upload: as `rules.kind` when given, else as the kind its type says.
 * Only a conversation's upload (no kind) turns a WebM voice recording into OGG.
 */
async function storeUpload(
  deps: Pick<InboxDeps, 'db' | 'clock' | 'media'>,
  workspaceId: string,
  /** Both null for a workspace file; an agent's upload belongs to its conversation until sent. */
  owner: { channelId: string | null; conversationId: string | null },
  file: UploadedFile,
  rules: { kind: MediaKind | null; check: ChannelGateway['checkMedia'] },
): Promise<UploadedMedia> {
  const refuse = (kind: 'too_large' | 'unprocessable', code: string, message: string) => {
    // Drain what the browser still sends so the answer reaches it.
    file.stream.resume();
    return new AppError(kind, code, message, [{ path: 'file', message }]);
  };
  const declared = file.mimeType.split(';')[0]!.trim().toLowerCase();
  const mimeType = MIME.test(declared) ? declared : 'application/octet-stream';
  const isWebmVoice = rules.kind === null && (mimeType === 'audio/webm' || mimeType === 'video/webm');
  const kind = rules.kind ?? (isWebmVoice ? 'audio' : kindOfMime(mimeType));
  // A WebM recording is checked as the OGG it becomes.
  const checkedAs = isWebmVoice ? 'audio/ogg' : mimeType;
  const wrongType = rules.check(kind, checkedAs, 1);
  if (wrongType) throw refuse('unprocessable', 'media_type_not_accepted', `${wrongType}.`);

  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of file.stream) {
    size += (chunk as Buffer).length;
    const tooBig = rules.check(kind, checkedAs, size);
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
  // The declared type is the browser's (or a script's) word: the bytes must agree with it.
  const mismatch = declaredTypeMismatch(mimeType, bytes);
  if (mismatch)
    throw new AppError('unprocessable', 'media_type_mismatch', mismatch, [
      { path: 'file', message: mismatch },
    ]);

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
    const tooBig = rules.check('audio', storedMime, bytes.byteLength);
    if (tooBig) throw new AppError('too_large', 'media_too_large', `${tooBig}.`);
  }

  const id = randomUUID();
  const storageKey = `${workspaceId}/${id}`;
  await deps.media.put(storageKey, bytes).catch((err) => {
    if (!isStorageFull(err)) throw err;
    throw new AppError(
      'unavailable',
      'storage_full',
      "The server's disk is full, so the file was not stored and nothing was sent. Free some space on the server (or tell whoever runs Charla), then send it again.",
    );
  });
  await deps.db.query(
    `INSERT INTO media (id, workspace_id, channel_id, conversation_id, direction, mime_type, size, filename,
                        storage_key, state, created_at, updated_at)
     VALUES ($1, $2, $3, $4, 'outbound', $5, $6, $7, $8, 'ready', $9, $9)`,
    [
      id,
      workspaceId,
      owner.channelId,
      owner.conversationId,
      storedMime,
      bytes.byteLength,
      filename,
      storageKey,
      deps.clock.now(),
    ],
  );
  return { id, kind, mimeType: storedMime, size: bytes.byteLength, filename };
}

/** What the automation editors show of an outbound file they send: its kind, size, name and number. */
export async function getUploadInfo(
  deps: Pick<InboxDeps, 'db'>,
  workspaceId: string,
  mediaId: string,
): Promise<MediaInfo> {
  const [row] = await deps.db.query<{
    id: string;
    channel_id: string | null;
    mime_type: string;
    size: string | number;
    filename: string | null;
  }>(
    `SELECT id, channel_id, mime_type, size, filename FROM media
      WHERE workspace_id = $1 AND id = $2 AND direction = 'outbound' AND state = 'ready'`,
    [workspaceId, mediaId],
  );
  if (!row) throw notFound('media');
  return {
    id: row.id,
    kind: kindOfMime(row.mime_type),
    mimeType: row.mime_type,
    size: Number(row.size),
    filename: row.filename,
    channelId: row.channel_id,
  };
}
