import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { matchesSha256 } from './download-media';

describe('matchesSha256', () => {
  const bytes = new TextEncoder().encode('a picture');
  const digest = createHash('sha256').update(bytes).digest();

  it('accepts base64 of the digest (what Meta sends) and hex', () => {
    expect(matchesSha256(bytes, digest.toString('base64'))).toBe(true);
    expect(matchesSha256(bytes, digest.toString('hex'))).toBe(true);
  });

  it('refuses another file', () => {
    expect(matchesSha256(new TextEncoder().encode('tampered'), digest.toString('base64'))).toBe(false);
  });
});
