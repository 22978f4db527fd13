import { parseWebhook, verifyWebhookSignature } from '@charla/cloud-api';
import { sha256Hex } from '../../../platform/crypto';
import { AppError } from '../../../platform/errors';
import type { ChannelDirectory } from '../channel-directory';
import type { WebhookEventLog } from './webhook-event-log';

/**
 * Meta's POST: check the signature over the raw bytes, check the shape, then make the event
 * durable. Only after the insert commits do we answer 200; the ingest worker does the rest.
 * The body's sha256 is the unique key, so Meta's retries of one delivery store one row.
 */
export async function receiveWebhook(
  deps: { directory: ChannelDirectory; eventLog: WebhookEventLog },
  rawBody: Buffer,
  signature: string | undefined,
): Promise<void> {
  if (!signature) {
    throw new AppError('unauthorized', 'signature_missing', 'X-Hub-Signature-256 header is missing.');
  }
  const channels = await deps.directory.all();
  const secrets = new Set(channels.map((c) => c.appSecret));
  if (![...secrets].some((secret) => verifyWebhookSignature(rawBody, signature, secret))) {
    throw new AppError(
      'unauthorized',
      'signature_invalid',
      'X-Hub-Signature-256 does not match the body for the app secret of any connected number.',
    );
  }
  let json: unknown;
  try {
    json = JSON.parse(rawBody.toString('utf8'));
  } catch (err) {
    throw new AppError('invalid', 'malformed_json', `The body is not valid JSON: ${(err as Error).message}`);
  }
  const parsed = parseWebhook(json);
  if (!parsed.ok)
    throw new AppError('invalid', 'malformed_webhook', `Not a WhatsApp webhook: ${parsed.reason}`);
  await deps.eventLog.append(sha256Hex(rawBody), rawBody.toString('utf8'));
}

/** Meta's GET handshake when the callback URL is registered. */
export async function verifySubscription(
  directory: ChannelDirectory,
  query: { 'hub.mode'?: string; 'hub.verify_token'?: string; 'hub.challenge'?: string },
): Promise<string> {
  const tokens = new Set((await directory.all()).map((c) => c.verifyToken));
  if (
    query['hub.mode'] !== 'subscribe' ||
    !query['hub.verify_token'] ||
    !tokens.has(query['hub.verify_token'])
  ) {
    throw new AppError(
      'forbidden',
      'verify_token_mismatch',
      'hub.verify_token does not match the verify token of any connected number.',
    );
  }
  return query['hub.challenge'] ?? '';
}
