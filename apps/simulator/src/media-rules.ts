import type { InboundMediaType } from '@charla/cloud-api';

const MB = 1024 * 1024;

/** §3.4: what WhatsApp accepts per media kind, and how big. */
export const MEDIA_RULES: Record<InboundMediaType, { mimeTypes: readonly string[]; maxBytes: number }> = {
  audio: { mimeTypes: ['audio/aac', 'audio/amr', 'audio/mpeg', 'audio/mp4', 'audio/ogg'], maxBytes: 16 * MB },
  document: {
    mimeTypes: [
      'text/plain',
      'application/pdf',
      'application/vnd.ms-excel',
      'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
      'application/msword',
      'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
      'application/vnd.ms-powerpoint',
      'application/vnd.openxmlformats-officedocument.presentationml.presentation',
    ],
    maxBytes: 100 * MB,
  },
  image: { mimeTypes: ['image/jpeg', 'image/png'], maxBytes: 5 * MB },
  // 100 KB static, 500 KB animated: the larger cap, since the simulator does not decode WebP.
  sticker: { mimeTypes: ['image/webp'], maxBytes: 500 * 1024 },
  video: { mimeTypes: ['video/mp4', 'video/3gpp'], maxBytes: 16 * MB },
};

/** The biggest attachment a customer can send, for the admin route's body limit (base64 is 4/3). */
export const MAX_ATTACHMENT_BODY_BYTES = Math.ceil((100 * MB * 4) / 3) + MB;

/** `audio/ogg; codecs=opus` -> `audio/ogg`. */
export function baseMimeType(mimeType: string): string {
  return mimeType.split(';')[0]?.trim().toLowerCase() ?? '';
}

/** null when allowed; otherwise a sentence saying what is wrong and what is accepted. */
export function checkMedia(kind: InboundMediaType, mimeType: string, size: number): string | null {
  const rule = MEDIA_RULES[kind];
  if (!rule.mimeTypes.includes(baseMimeType(mimeType))) {
    return `WhatsApp does not accept ${mimeType || 'an unknown type'} as ${kind}; use one of ${rule.mimeTypes.join(', ')}`;
  }
  if (size === 0) return `The ${kind} file is empty`;
  if (size > rule.maxBytes) {
    return `The ${kind} is ${size} bytes; WhatsApp accepts at most ${rule.maxBytes} bytes for ${kind}`;
  }
  return null;
}
