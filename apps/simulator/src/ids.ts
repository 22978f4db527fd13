import { createHash, randomBytes } from 'node:crypto';

/** A `wamid.`-prefixed id in the same base64 flavour Meta uses. */
export function createWamid(): string {
  return `wamid.${randomBytes(30).toString('base64')}`;
}

export function createFbtraceId(): string {
  return randomBytes(12).toString('base64url');
}

/** v23 and older give each message its own conversation id, stable across its status webhooks. */
export function createConversationId(wamid: string): string {
  return createHash('md5').update(wamid).digest('hex');
}
