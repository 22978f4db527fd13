const KB = 1024;
const MB = 1024 * KB;

export const MEDIA_KINDS = ['audio', 'document', 'image', 'sticker', 'video'] as const;
export type MediaKind = (typeof MEDIA_KINDS)[number];

export type MediaLimit = {
  /** Base MIME types (no parameters) WhatsApp accepts for this kind. */
  mimeTypes: readonly string[];
  /** The largest file of this kind; for stickers, the animated cap. */
  maxBytes: number;
  /** Stickers only: static WebP stickers have a smaller cap than animated ones. */
  staticMaxBytes?: number;
};

/** §3.4: what WhatsApp accepts per media kind, and how big. */
export const MEDIA_LIMITS: Readonly<Record<MediaKind, MediaLimit>> = {
  // audio/ogg only with the OPUS codec (mono); the codec cannot be told from the MIME type alone.
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
  sticker: { mimeTypes: ['image/webp'], maxBytes: 500 * KB, staticMaxBytes: 100 * KB },
  video: { mimeTypes: ['video/mp4', 'video/3gpp'], maxBytes: 16 * MB },
};

/** `audio/ogg; codecs=opus` -> `audio/ogg`. */
export function baseMimeType(mimeType: string): string {
  return mimeType.split(';')[0]?.trim().toLowerCase() ?? '';
}

/** The kind a MIME type uploads as (`image/webp` is a sticker), or null when WhatsApp takes it as none. */
export function mediaKindOf(mimeType: string): MediaKind | null {
  const base = baseMimeType(mimeType);
  return MEDIA_KINDS.find((kind) => MEDIA_LIMITS[kind].mimeTypes.includes(base)) ?? null;
}

/**
 * null when WhatsApp accepts the file; otherwise one sentence saying what is wrong and the limit.
 * `animated` (stickers): false applies the 100 KB static cap, true or unknown the 500 KB cap.
 */
export function checkMedia(
  kind: MediaKind,
  mimeType: string,
  size: number,
  options: { animated?: boolean } = {},
): string | null {
  const rule = MEDIA_LIMITS[kind];
  if (!rule.mimeTypes.includes(baseMimeType(mimeType))) {
    return `WhatsApp does not accept ${mimeType || 'an unknown type'} as ${kind}; use one of ${rule.mimeTypes.join(', ')}`;
  }
  if (size <= 0) return `The ${kind} file is empty`;
  const isStatic = kind === 'sticker' && options.animated === false;
  const max = isStatic && rule.staticMaxBytes !== undefined ? rule.staticMaxBytes : rule.maxBytes;
  if (size > max) {
    const label = kind === 'sticker' ? `${isStatic ? 'static' : 'animated'} sticker` : kind;
    return `The ${kind} is ${size} bytes; WhatsApp accepts at most ${max} bytes (${formatBytes(max)}) for ${label}`;
  }
  return null;
}

/**
 * What the Resumable Upload API takes as a template header's sample (§3.4): narrower than what
 * a message may carry (no 3GPP video, PDF only for documents).
 */
export const HEADER_SAMPLE_TYPES = {
  image: ['image/jpeg', 'image/png'],
  video: ['video/mp4'],
  document: ['application/pdf'],
} as const satisfies Record<'image' | 'video' | 'document', readonly string[]>;

/** `checkMedia` for the sample of a media header: its type for Meta's review, then the size. */
export function checkHeaderSample(kind: MediaKind, mimeType: string, size: number): string | null {
  const types: readonly string[] | undefined = HEADER_SAMPLE_TYPES[kind as keyof typeof HEADER_SAMPLE_TYPES];
  if (!types)
    return `A template header cannot be ${kind === 'audio' ? 'audio' : `a ${kind}`}; use an image, a video or a document`;
  if (!types.includes(baseMimeType(mimeType))) {
    return `Meta reviews a ${kind} header's sample only as ${types.join(' or ')}, not ${mimeType || 'an unknown type'}`;
  }
  return checkMedia(kind, mimeType, size);
}

/**
 * Whether WebP bytes hold an animation (a VP8X header with the animation flag), so a caller can
 * apply the static or the animated sticker cap. Not WebP -> false.
 */
export function isAnimatedWebp(bytes: Uint8Array): boolean {
  const ascii = (from: number, to: number) => String.fromCharCode(...bytes.subarray(from, to));
  if (bytes.byteLength < 21 || ascii(0, 4) !== 'RIFF' || ascii(8, 12) !== 'WEBP') return false;
  return ascii(12, 16) === 'VP8X' && ((bytes[20] ?? 0) & 0x02) !== 0;
}

function formatBytes(bytes: number): string {
  return bytes >= MB ? `${bytes / MB} MB` : `${bytes / KB} KB`;
}
