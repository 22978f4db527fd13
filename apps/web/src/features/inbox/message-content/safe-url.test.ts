import { describe, expect, it } from 'vitest';
import { externalUrl, sameOriginUrl } from './safe-url';

const origin = 'https://charla.example.com';

describe('sameOriginUrl', () => {
  it('keeps Charla’s own media route', () => {
    expect(sameOriginUrl('/api/media/abc', origin)).toBe('/api/media/abc');
    expect(sameOriginUrl('https://charla.example.com/api/media/abc?v=2', origin)).toBe('/api/media/abc?v=2');
  });

  it('never embeds from elsewhere', () => {
    expect(sameOriginUrl('https://lookaside.fbsbx.com/whatsapp/x', origin)).toBeNull();
    expect(sameOriginUrl('//evil.example/x.png', origin)).toBeNull();
    expect(sameOriginUrl('javascript:alert(1)', origin)).toBeNull();
    expect(sameOriginUrl('data:image/png;base64,AAAA', origin)).toBeNull();
    expect(sameOriginUrl(null, origin)).toBeNull();
  });
});

describe('externalUrl', () => {
  it('opens only http and https links', () => {
    expect(externalUrl('https://fb.me/ad?x=1')).toBe('https://fb.me/ad?x=1');
    expect(externalUrl('javascript:alert(1)')).toBeNull();
    expect(externalUrl('not a url')).toBeNull();
    expect(externalUrl(null)).toBeNull();
  });
});
