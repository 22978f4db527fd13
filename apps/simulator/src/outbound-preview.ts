import { previewInboundMessage } from './message-preview';

/** What a chat list shows for a business message: the text, or a short label like "📍 Location: Zócalo". */
export function previewOutbound(type: string, content: unknown): string {
  if (type === 'interactive' && typeof content === 'object' && content !== null) {
    const body = (content as { body?: { text?: unknown } }).body?.text;
    return typeof body === 'string' ? body : '🔘 Interactive message';
  }
  return previewInboundMessage({ type, [type]: content });
}
