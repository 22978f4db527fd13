import { parseWebhook, verifyWebhookSignature } from '@charla/cloud-api';
import { sha256Hex } from '../../../platform/crypto';
import { AppError } from '../../../platform/errors';
import type { ChannelDirectory, ChannelRecord } from '../channel-directory';
import type { WebhookEventLog } from './webhook-event-log';

/** The connected channels indexed for the webhook route; rebuilt only when the directory reloads. */
interface ChannelIndex {
  secrets: string[];
  byPhoneNumberId: Map<string, ChannelRecord>;
  byWabaId: Map<string, ChannelRecord[]>;
}
const indexes = new WeakMap<ChannelRecord[], ChannelIndex>();

function indexOf(channels: ChannelRecord[]): ChannelIndex {
  let index = indexes.get(channels);
  if (!index) {
    index = { secrets: [], byPhoneNumberId: new Map(), byWabaId: new Map() };
    for (const c of channels) {
      if (!index.secrets.includes(c.appSecret)) index.secrets.push(c.appSecret);
      index.byPhoneNumberId.set(c.phoneNumberId, c);
      index.byWabaId.set(c.wabaId, [...(index.byWabaId.get(c.wabaId) ?? []), c]);
    }
    indexes.set(channels, index);
  }
  return index;
}

/**
 * Meta's POST: check the signature over the raw bytes, check the shape, then make the event
 * durable. Only after the insert commits do we answer 200; the ingest worker does the rest.
 * The body's sha256 is the unique key, so Meta's retries of one delivery store one row.
 *
 * A change is trusted only from the app secret of the number it names: Meta signs each
 * delivery with the secret of the one app all its numbers belong to (numbers of one app share
 * it). A body naming a connected number (or business account) whose own secret did not sign it
 * is refused whole with 401 and nothing of it is stored; Meta retries a refused delivery, so a
 * number reconnected with its new secret still gets it. Numbers not connected here are stored
 * and reported on the event, never applied. The stored event lists the channels whose secret
 * signed it, and the ingest applies changes for those channels only.
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
  const index = indexOf(channels);
  const signedWith = index.secrets.filter((secret) => verifyWebhookSignature(rawBody, signature, secret));
  if (signedWith.length === 0) {
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
  const signs = (c: ChannelRecord) => signedWith.includes(c.appSecret);
  for (const update of parsed.updates) {
    const named = update.phoneNumberId
      ? [index.byPhoneNumberId.get(update.phoneNumberId)].filter((c) => c !== undefined)
      : update.templateUpdates?.length
        ? (index.byWabaId.get(update.wabaId) ?? [])
        : [];
    if (named.length > 0 && !named.some(signs)) {
      throw new AppError(
        'unauthorized',
        'signature_not_for_number',
        'X-Hub-Signature-256 was made with an app secret that does not belong to a number this body names: ' +
          'each change must be signed with the app secret of its own number (Meta signs every delivery with ' +
          'the secret of the app its numbers belong to). Nothing of this body was stored.',
      );
    }
  }
  await deps.eventLog.append(
    sha256Hex(rawBody),
    rawBody.toString('utf8'),
    channels.filter(signs).map((c) => c.id),
  );
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
