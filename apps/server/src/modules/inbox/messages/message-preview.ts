import type { MessageContent } from '@charla/contracts';
import type { InboundContent } from '../inbox.ports';

// Emoji only, so the preview reads the same in every language of the interface.
const MEDIA_ICON = { image: '📷', video: '🎥', document: '📄', sticker: '💟', audio: '🎵' } as const;

/**
 * The plain-text line a message shows in lists and quotes: what the customer wrote when they
 * wrote something (body, caption, reply title), otherwise a short icon-led summary. Null when
 * there is nothing to say (the interface labels those by type).
 */
export function previewOf(content: MessageContent | InboundContent): string | null {
  switch (content.type) {
    case 'text':
      return content.body;
    case 'image':
    case 'video':
    case 'sticker':
    case 'audio':
    case 'document': {
      if (content.caption) return content.caption;
      if (content.type === 'audio' && content.voice) return '🎤';
      const icon = MEDIA_ICON[content.type];
      return content.media.filename ? `${icon} ${content.media.filename}` : icon;
    }
    case 'location': {
      const place =
        content.name || content.address || `${content.latitude.toFixed(5)}, ${content.longitude.toFixed(5)}`;
      return `📍 ${place}`;
    }
    case 'contacts':
      return `👤 ${content.contacts.map((c) => c.name).join(', ')}`;
    case 'interactive':
      return content.interactive.body;
    case 'reply':
      return content.title;
    case 'order':
      return content.text ? `🛒 ${content.text}` : '🛒';
    case 'system':
      return content.body;
    case 'edit':
      return content.text;
    case 'call':
      return '📞';
    case 'revoke':
      return '🚫';
    case 'template':
      return content.template.headerText
        ? `${content.template.headerText}\n${content.template.body}`
        : content.template.body;
    case 'unsupported':
    case 'welcome':
      return null;
  }
}

/** A quote bubble always needs some text: the stored preview, or an icon for the kind. */
export function quotedPreviewOf(text: string | null, type: string): string {
  if (text) return text;
  if (type in MEDIA_ICON) return MEDIA_ICON[type as keyof typeof MEDIA_ICON];
  return type === 'unsupported' ? '⚠️' : '💬';
}
