import type { SendMessageRequest } from '@charla/contracts';

/** A one-line stand-in for a message still on its way to the API (the server returns the real one). */
export function pendingPreview(request: SendMessageRequest): string {
  switch (request.type) {
    case undefined:
      return 'text' in request ? request.text : '📋';
    case 'text':
      return request.text;
    case 'media':
      if (request.voice) return '🎤';
      return request.caption ? `📎 ${request.caption}` : '📎';
    case 'location':
      return `📍 ${request.name || `${request.latitude}, ${request.longitude}`}`;
    case 'contacts':
      return `👤 ${request.contacts.map((contact) => contact.name).join(', ')}`;
    case 'interactive':
      return request.interactive.body;
    case 'template':
      return '📋';
  }
}
