import { describe, expect, it } from 'vitest';
import { createSecretBox } from './crypto';

const key = 'a'.repeat(64);

describe('secret box', () => {
  it('round-trips and never stores the plain text', () => {
    const box = createSecretBox(key);
    const sealed = box.encrypt('EAAG-super-secret-token');
    expect(sealed).not.toContain('super-secret');
    expect(box.decrypt(sealed)).toBe('EAAG-super-secret-token');
  });

  it('refuses a tampered value and a wrong key', () => {
    const sealed = createSecretBox(key).encrypt('token');
    const parts = sealed.split(':');
    parts[3] = Buffer.from('tampered').toString('base64url');
    expect(() => createSecretBox(key).decrypt(parts.join(':'))).toThrow();
    expect(() => createSecretBox('b'.repeat(64)).decrypt(sealed)).toThrow();
  });
});
