type Wire = Record<string, unknown>;

const str = (value: unknown): string | null => (typeof value === 'string' && value !== '' ? value : null);
const obj = (value: unknown): Wire =>
  typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Wire) : {};
const withDetail = (label: string, detail: string | null) => (detail ? `${label}: ${detail}` : label);

/** What a chat list shows for an inbound message: the text itself, or a short label like "📍 Location". */
export function previewInboundMessage(message: Wire): string {
  const type = String(message.type);
  const payload = obj(message[type]);
  switch (type) {
    case 'text':
      return str(payload.body) ?? '';
    case 'image':
      return withDetail('📷 Photo', str(payload.caption));
    case 'video':
      return withDetail('🎥 Video', str(payload.caption));
    case 'audio':
      return payload.voice === true ? '🎤 Voice message' : '🎵 Audio';
    case 'document':
      return withDetail('📄 Document', str(payload.filename) ?? str(payload.caption));
    case 'sticker':
      return '💟 Sticker';
    case 'location':
      return withDetail('📍 Location', str(payload.name) ?? str(payload.address));
    case 'contacts': {
      const [first] = Array.isArray(message.contacts) ? message.contacts : [];
      return withDetail('👤 Contact', str(obj(obj(first).name).formatted_name));
    }
    case 'button':
      return str(payload.text) ?? str(payload.payload) ?? '🔘 Button';
    case 'interactive': {
      const reply = obj(payload[String(payload.type)]);
      if (payload.type === 'nfm_reply') return withDetail('📝 Form reply', str(reply.body));
      return str(reply.title) ?? '🔘 Reply';
    }
    case 'reaction':
      return str(payload.emoji) ? `Reacted ${payload.emoji}` : 'Removed a reaction';
    case 'order': {
      const items = Array.isArray(payload.product_items) ? payload.product_items.length : 0;
      return `🛒 Order (${items} ${items === 1 ? 'item' : 'items'})`;
    }
    case 'system':
      return withDetail('ℹ️ System', str(payload.body));
    case 'unsupported':
      return withDetail('⚠️ Unsupported message', str(payload.type));
    case 'request_welcome':
      return '👋 Opened the chat';
    default:
      return `(${type})`;
  }
}
