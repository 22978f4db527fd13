import type { Message, MessageContent } from '@charla/contracts';

/**
 * The message's content. A server from before typed content sends only `type` and `text`
 * (the browser does not validate responses): show those rather than break the thread.
 */
export function contentOf(
  message: Pick<Message, 'type' | 'text'> & { content?: MessageContent },
): MessageContent {
  if (message.content) return message.content;
  if (message.type === 'text' || message.text !== null) return { type: 'text', body: message.text ?? '' };
  return { type: 'unsupported', kind: message.type, reason: '' };
}

export type BubbleLayout = 'notice' | 'sticker' | 'media' | 'default';

/** Notices are centred lines, stickers float without a bubble, photos and videos sit edge to edge. */
export function bubbleLayout(content: MessageContent): BubbleLayout {
  switch (content.type) {
    case 'system':
    case 'welcome':
    case 'call':
    case 'revoke':
    case 'edit':
      return 'notice';
    case 'sticker':
      return content.media.state === 'ready' ? 'sticker' : 'media';
    case 'image':
    case 'video':
    case 'location':
      return 'media';
    default:
      return 'default';
  }
}
