import type { Media } from '@charla/contracts';
import { describe, expect, it } from 'vitest';
import { bubbleLayout, contentOf } from './content-of';

const media: Media = {
  id: 'm1',
  url: '/api/media/m1',
  mimeType: 'image/webp',
  size: 10,
  filename: null,
  state: 'ready',
  error: null,
};

describe('contentOf', () => {
  it('uses the typed content when the server sends it', () => {
    const content = {
      type: 'location',
      latitude: 1,
      longitude: 2,
      name: null,
      address: null,
      url: null,
    } as const;
    expect(contentOf({ type: 'location', text: null, content })).toBe(content);
  });

  it('falls back to the plain text of older payloads', () => {
    expect(contentOf({ type: 'text', text: 'hola' })).toEqual({ type: 'text', body: 'hola' });
    expect(contentOf({ type: 'image', text: 'a caption' })).toEqual({ type: 'text', body: 'a caption' });
    expect(contentOf({ type: 'poll', text: null })).toEqual({
      type: 'unsupported',
      kind: 'poll',
      reason: '',
    });
  });
});

describe('bubbleLayout', () => {
  const mediaContent = { caption: null, voice: false, animated: false } as const;
  it('picks the bubble shape by content', () => {
    expect(bubbleLayout({ type: 'welcome' })).toBe('notice');
    expect(bubbleLayout({ type: 'system', body: 'x' })).toBe('notice');
    expect(bubbleLayout({ type: 'sticker', media, ...mediaContent })).toBe('sticker');
    expect(bubbleLayout({ type: 'sticker', media: { ...media, state: 'pending' }, ...mediaContent })).toBe(
      'media',
    );
    expect(bubbleLayout({ type: 'image', media, ...mediaContent })).toBe('media');
    expect(bubbleLayout({ type: 'text', body: 'x' })).toBe('default');
  });
});
