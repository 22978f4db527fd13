import { describe, expect, it } from 'vitest';
import { signWebhookBody, verifyWebhookSignature } from './signature';

const secret = 'app-secret-123';
const body = '{"object":"whatsapp_business_account","entry":[]}';

describe('webhook signature', () => {
  it('matches an HMAC computed independently (known vector)', () => {
    // echo -n 'hello' | openssl dgst -sha256 -hmac key
    expect(signWebhookBody('hello', 'key')).toBe(
      'sha256=9307b3b915efb5171ff14d8cb55fbcc798c6c0ef1456d66ded1a6aa723a58b7b',
    );
  });

  it('accepts a body signed with the same secret, as string or bytes', () => {
    const header = signWebhookBody(body, secret);
    expect(verifyWebhookSignature(body, header, secret)).toBe(true);
    expect(verifyWebhookSignature(new TextEncoder().encode(body), header, secret)).toBe(true);
  });

  it('rejects a wrong secret', () => {
    expect(verifyWebhookSignature(body, signWebhookBody(body, 'other'), secret)).toBe(false);
  });

  it('rejects a tampered body, even one that re-serialises to the same JSON', () => {
    const header = signWebhookBody(body, secret);
    expect(verifyWebhookSignature(body.replace('[]', '[ ]'), header, secret)).toBe(false);
  });

  it.each([
    ['missing', undefined],
    ['empty', ''],
    ['no prefix', signWebhookBody(body, secret).slice('sha256='.length)],
    ['sha1 prefix', signWebhookBody(body, secret).replace('sha256=', 'sha1=')],
    ['truncated', signWebhookBody(body, secret).slice(0, -2)],
    ['not hex', `sha256=${'z'.repeat(64)}`],
  ])('returns false without throwing for a %s header', (_label, header) => {
    expect(verifyWebhookSignature(body, header, secret)).toBe(false);
  });
});
