import { describe, expect, it } from 'vitest';
import { checkHeaderSample, checkMedia, isAnimatedWebp, MEDIA_LIMITS, mediaKindOf } from './media-limits';

const KB = 1024;
const MB = 1024 * KB;

describe('MEDIA_LIMITS (§3.4)', () => {
  it('holds the documented caps', () => {
    expect(MEDIA_LIMITS.image).toEqual({ mimeTypes: ['image/jpeg', 'image/png'], maxBytes: 5 * MB });
    expect(MEDIA_LIMITS.audio.maxBytes).toBe(16 * MB);
    expect(MEDIA_LIMITS.video.mimeTypes).toEqual(['video/mp4', 'video/3gpp']);
    expect(MEDIA_LIMITS.document.maxBytes).toBe(100 * MB);
    expect(MEDIA_LIMITS.sticker).toMatchObject({ maxBytes: 500 * KB, staticMaxBytes: 100 * KB });
  });
});

describe('checkMedia', () => {
  it.each<[Parameters<typeof checkMedia>, string | null]>([
    [['image', 'image/jpeg', 5 * MB], null],
    [
      ['image', 'image/png', 5 * MB + 1],
      'The image is 5242881 bytes; WhatsApp accepts at most 5242880 bytes (5 MB) for image',
    ],
    [
      ['image', 'image/gif', 10],
      'WhatsApp does not accept image/gif as image; use one of image/jpeg, image/png',
    ],
    [['audio', 'audio/ogg; codecs=opus', 100], null],
    [['audio', 'audio/wav', 100], 'WhatsApp does not accept audio/wav as audio'],
    [['video', 'video/mp4', 16 * MB + 1], 'at most 16777216 bytes (16 MB) for video'],
    [['document', 'application/pdf', 100 * MB], null],
    [['document', 'application/zip', 1], 'use one of text/plain, application/pdf'],
    [['document', 'text/plain', 0], 'The document file is empty'],
    [
      ['sticker', 'image/webp', 200 * KB, { animated: false }],
      'at most 102400 bytes (100 KB) for static sticker',
    ],
    [['sticker', 'image/webp', 200 * KB, { animated: true }], null],
    [['sticker', 'image/webp', 600 * KB], 'at most 512000 bytes (500 KB) for animated sticker'],
    [['sticker', '', 1], 'WhatsApp does not accept an unknown type as sticker'],
  ])('%j', (args, expected) => {
    const result = checkMedia(...args);
    if (expected === null) expect(result).toBeNull();
    else expect(result).toContain(expected);
  });
});

describe('checkHeaderSample (what Meta reviews through the Resumable Upload API)', () => {
  it.each<[Parameters<typeof checkHeaderSample>, string | null]>([
    [['image', 'image/png', 5 * MB], null],
    [['image', 'image/png', 5 * MB + 1], 'at most 5242880 bytes (5 MB) for image'],
    [['video', 'video/3gpp', 10], "Meta reviews a video header's sample only as video/mp4, not video/3gpp"],
    [['document', 'text/plain', 10], 'only as application/pdf, not text/plain'],
    [['document', 'application/pdf', 10], null],
    [['audio', 'audio/mpeg', 10], 'A template header cannot be audio'],
  ])('%j', (args, expected) => {
    const result = checkHeaderSample(...args);
    if (expected === null) expect(result).toBeNull();
    else expect(result).toContain(expected);
  });
});

describe('mediaKindOf and isAnimatedWebp', () => {
  it('finds the kind a MIME type uploads as', () => {
    expect(mediaKindOf('image/webp')).toBe('sticker');
    expect(mediaKindOf('Audio/OGG; codecs=opus')).toBe('audio');
    expect(mediaKindOf('application/zip')).toBeNull();
  });

  it('reads the VP8X animation flag', () => {
    const webp = (chunk: string, flags: number) => {
      const bytes = new Uint8Array(30);
      bytes.set(new TextEncoder().encode(`RIFF\0\0\0\0WEBP${chunk}`));
      bytes[20] = flags;
      return bytes;
    };
    expect(isAnimatedWebp(webp('VP8X', 0x02))).toBe(true);
    expect(isAnimatedWebp(webp('VP8X', 0x10))).toBe(false);
    expect(isAnimatedWebp(webp('VP8 ', 0x02))).toBe(false);
    expect(isAnimatedWebp(new Uint8Array([1, 2, 3]))).toBe(false);
  });
});
