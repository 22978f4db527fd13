import { createHmac, timingSafeEqual } from 'node:crypto';

const SIGNATURE_PATTERN = /^sha256=([0-9a-f]{64})$/i;

/** Value for `X-Hub-Signature-256`: HMAC-SHA256 of the exact raw bytes with the app secret (§5.2). */
export function signWebhookBody(rawBody: string | Uint8Array, appSecret: string): string {
  return `sha256=${createHmac('sha256', appSecret).update(rawBody).digest('hex')}`;
}

/** Constant-time check of `X-Hub-Signature-256`; false (never a throw) for a missing or malformed header. */
export function verifyWebhookSignature(
  rawBody: string | Uint8Array,
  header: string | undefined,
  appSecret: string,
): boolean {
  if (typeof header !== 'string') return false;
  const match = SIGNATURE_PATTERN.exec(header.trim());
  if (!match?.[1]) return false;
  const received = Buffer.from(match[1], 'hex');
  const expected = createHmac('sha256', appSecret).update(rawBody).digest();
  return received.length === expected.length && timingSafeEqual(received, expected);
}
