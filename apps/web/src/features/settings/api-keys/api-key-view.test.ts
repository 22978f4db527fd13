import { describe, expect, it } from 'vitest';
import {
  accessOf,
  curlExample,
  formatRelative,
  keyStatus,
  NO_ACCESS,
  PRESETS,
  presetOf,
  scopesOf,
} from './api-key-view';

const now = new Date('2026-12-06T10:00:00.000Z');

describe('API keys in the settings page', () => {
  it('a key is revoked, expired or active, in that order', () => {
    expect(keyStatus({ revokedAt: null, expiresAt: null }, now)).toBe('active');
    expect(keyStatus({ revokedAt: null, expiresAt: '2026-12-07T00:00:00.000Z' }, now)).toBe('active');
    expect(keyStatus({ revokedAt: null, expiresAt: '2026-12-06T10:00:00.000Z' }, now)).toBe('expired');
    expect(
      keyStatus({ revokedAt: '2026-12-01T00:00:00.000Z', expiresAt: '2026-12-02T00:00:00.000Z' }, now),
    ).toBe('revoked');
  });

  it('reads scopes per resource (write wins over read) and asks for one scope per resource', () => {
    const access = accessOf(['messages:write', 'messages:read', 'channels:read']);
    expect(access).toEqual({ ...NO_ACCESS, messages: 'write', channels: 'read' });
    expect(scopesOf(access)).toEqual(['messages:write', 'channels:read']);
    expect(scopesOf(NO_ACCESS)).toEqual([]);
    expect(presetOf(PRESETS.readOnly)).toBe('readOnly');
    expect(presetOf(access)).toBeNull();
  });

  it('says when in words, in either language', () => {
    expect(formatRelative('2026-12-06T09:59:40.000Z', now, 'es')).toBe('ahora');
    expect(formatRelative('2026-12-06T09:59:40.000Z', now, 'en', 'just now')).toBe('just now');
    expect(formatRelative('2026-12-06T09:55:00.000Z', now, 'es')).toBe('hace 5 minutos');
    expect(formatRelative('2026-12-06T07:00:00.000Z', now, 'en')).toBe('3 hours ago');
    expect(formatRelative('2026-12-05T10:00:00.000Z', now, 'es')).toBe('ayer');
    expect(formatRelative('2026-12-16T10:00:00.000Z', now, 'en')).toBe('in 10 days');
  });

  it('gives a command to try the key with: a message if it may send, the numbers if it may read them', () => {
    expect(curlExample('https://charla.example', 'chk_abc', ['messages:write'], 'Hola')).toBe(
      [
        'curl -X POST https://charla.example/api/v1/messages \\',
        '  -H "Authorization: Bearer chk_abc" \\',
        '  -H "Content-Type: application/json" \\',
        `  -d '{"to":"+5215512345678","type":"text","text":{"body":"Hola"}}'`,
      ].join('\n'),
    );
    expect(curlExample('https://charla.example', 'chk_abc', ['channels:write'], 'Hola')).toBe(
      'curl https://charla.example/api/v1/channels \\\n  -H "Authorization: Bearer chk_abc"',
    );
    expect(curlExample('https://charla.example', 'chk_abc', ['contacts:read'], 'Hola')).toBeNull();
    // A quote in the text is closed and reopened, so the shell reads it as part of the body.
    expect(curlExample('https://x', 'k', ['messages:write'], "It's me")).toContain(`"body":"It'\\''s me"`);
  });
});
