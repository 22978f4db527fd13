import type { Message } from '@charla/contracts';

/** The reactions WhatsApp offers first, in its order. */
export const quickReactions = ['👍', '❤️', '😂', '😮', '😢', '🙏'] as const;

/**
 * Whether a message can be quoted or reacted to: WhatsApp needs its id there, so not a bubble
 * still on its way to the API, nor one of ours that never reached WhatsApp.
 */
export function canReferTo(message: Pick<Message, 'id' | 'direction' | 'status'>): boolean {
  if (message.id.startsWith('pending-')) return false;
  if (message.direction === 'inbound') return true;
  return message.status !== 'queued' && message.status !== 'failed' && message.status !== null;
}

/** The words a "Copy" puts on the clipboard: the text or caption, never a type icon. */
export function copyableText(message: Pick<Message, 'content' | 'text'>): string | null {
  const { content } = message;
  switch (content.type) {
    case 'text':
    case 'system':
      return content.body || null;
    case 'image':
    case 'video':
    case 'document':
    case 'audio':
    case 'sticker':
      return content.caption || null;
    case 'interactive':
      return content.interactive.body || null;
    case 'reply':
      return content.title || null;
    case 'location':
      return [content.name, content.address, `${content.latitude}, ${content.longitude}`]
        .filter(Boolean)
        .join('\n');
    default:
      return message.text || null;
  }
}

/** Our current reaction on a message, if any. */
export function ownReaction(message: Pick<Message, 'reactions'>): string | null {
  return message.reactions.find((reaction) => reaction.direction === 'outbound')?.emoji ?? null;
}
