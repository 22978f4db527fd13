import type { MediaKind, MessageContent, SendMessageRequest } from '@charla/contracts';
import { AppError, notFound } from '../../../platform/errors';
import type { InboxDeps } from '../inbox.deps';
import type { OutboundDraft } from '../inbox.ports';

/** The kind a file is sent as, from its type alone (WebP pictures are stickers on WhatsApp). */
export function kindOfMime(mimeType: string): MediaKind {
  const base = mimeType.split(';')[0]!.trim().toLowerCase();
  if (base === 'image/webp') return 'sticker';
  if (base.startsWith('image/')) return 'image';
  if (base.startsWith('video/')) return 'video';
  if (base.startsWith('audio/')) return 'audio';
  return 'document';
}

/** A parsed send request; `type` is always set once zod applied the text default. */
type Request = SendMessageRequest & { type: string };

/**
 * The neutral content a send request stores, checked against what the conversation's channel
 * accepts. A file must be one uploaded to this conversation's channel and stored, and not
 * attached to another conversation (an upload is readable only by who may see its own).
 */
export async function buildOutboundContent(
  deps: Pick<InboxDeps, 'db' | 'gateway'>,
  workspaceId: string,
  where: { channelId: string; conversationId: string },
  req: Request,
  replyToExternalId: string | null,
): Promise<MessageContent> {
  const content = await toContent(deps, workspaceId, where, req);
  const draft = (
    'media' in content
      ? { ...content, file: { mimeType: content.media.mimeType, filename: content.media.filename } }
      : content
  ) as OutboundDraft;
  const problem = deps.gateway.checkContent({ content: draft, replyToExternalId });
  if (problem) throw new AppError('unprocessable', 'not_sendable', problem);
  return content;
}

async function toContent(
  deps: Pick<InboxDeps, 'db'>,
  workspaceId: string,
  where: { channelId: string; conversationId: string },
  req: Request,
): Promise<MessageContent> {
  switch (req.type) {
    case 'text':
      return { type: 'text', body: (req as { text: string }).text };
    case 'location': {
      const r = req as Extract<Request, { type: 'location' }>;
      return {
        type: 'location',
        latitude: r.latitude,
        longitude: r.longitude,
        name: r.name ?? null,
        address: r.address ?? null,
        url: null,
      };
    }
    case 'contacts':
      return { type: 'contacts', contacts: (req as Extract<Request, { type: 'contacts' }>).contacts };
    case 'interactive':
      return {
        type: 'interactive',
        interactive: (req as Extract<Request, { type: 'interactive' }>).interactive,
      };
    case 'media':
      return mediaContent(deps, workspaceId, where, req as Extract<Request, { type: 'media' }>);
    default:
      throw new AppError(
        'invalid',
        'unknown_type',
        `Charla cannot send messages of type ${(req as { type: string }).type}.`,
      );
  }
}

async function mediaContent(
  deps: Pick<InboxDeps, 'db'>,
  workspaceId: string,
  where: { channelId: string; conversationId: string },
  req: Extract<Request, { type: 'media' }>,
): Promise<MessageContent> {
  const [file] = await deps.db.query<{
    id: string;
    mime_type: string;
    size: string | number;
    filename: string | null;
  }>(
    `SELECT id, mime_type, size, filename FROM media
      WHERE workspace_id = $1 AND id = $2 AND channel_id = $3 AND direction = 'outbound' AND state = 'ready'
        AND (conversation_id IS NULL OR conversation_id = $4)`,
    [workspaceId, req.mediaId, where.channelId, where.conversationId],
  );
  if (!file) throw notFound('media');
  const kind = kindOfMime(file.mime_type);
  const caption = req.caption?.trim() || null;
  if (caption && (kind === 'audio' || kind === 'sticker')) {
    throw new AppError(
      'unprocessable',
      'caption_not_allowed',
      `WhatsApp does not allow a caption on ${kind === 'audio' ? 'audio' : 'a sticker'}.`,
    );
  }
  const voice = req.voice === true;
  if (voice && file.mime_type !== 'audio/ogg') {
    throw new AppError(
      'unprocessable',
      'voice_not_ogg',
      'A voice note must be recorded audio in OGG/Opus (or WebM/Opus, which Charla converts when uploading).',
    );
  }
  return {
    type: kind,
    media: {
      id: file.id,
      url: `/api/media/${file.id}`,
      mimeType: file.mime_type,
      size: Number(file.size),
      filename: file.filename,
      state: 'ready',
      error: null,
    },
    caption,
    voice: kind === 'audio' && voice,
    animated: false,
  };
}
