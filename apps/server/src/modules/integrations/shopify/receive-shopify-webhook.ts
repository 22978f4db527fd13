import { createHmac, timingSafeEqual } from 'node:crypto';
import { sha256Hex } from '../../../platform/crypto';
import { AppError } from '../../../platform/errors';
import type { IntegrationsDeps } from '../integrations.deps';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

type Headers = Record<string, string | string[] | undefined>;
const header = (headers: Headers, name: string) => {
  const v = headers[name];
  return typeof v === 'string' ? v.trim() : '';
};

/**
 * A webhook Shopify posted to the connection's address: `X-Shopify-Hmac-Sha256` must be the
 * base64 HMAC-SHA256 of the exact body with the shop's webhook secret (compared in constant time;
 * otherwise 401 and nothing is kept). The event is stored once per `X-Shopify-Webhook-Id` (a
 * retried delivery is a duplicate) and the worker is woken: Shopify is answered at once, the
 * messages go after.
 */
export async function receiveShopifyWebhook(
  deps: IntegrationsDeps,
  connectionId: string,
  raw: string,
  headers: Headers,
): Promise<{ received: true; duplicate: boolean }> {
  const [connection] = UUID.test(connectionId)
    ? await deps.db.query<{ id: string; workspace_id: string; secret_sealed: string }>(
        'SELECT id, workspace_id, secret_sealed FROM shopify_connections WHERE id = $1',
        [connectionId],
      )
    : [];
  if (!connection)
    throw new AppError(
      'not_found',
      'shopify_not_connected',
      'No Shopify shop is connected at this address; copy it again from Charla (Settings › Integrations).',
    );
  const given = header(headers, 'x-shopify-hmac-sha256');
  if (!given)
    throw new AppError(
      'unauthorized',
      'signature_missing',
      'The X-Shopify-Hmac-Sha256 header is missing: only webhooks Shopify signs are accepted.',
    );
  const expected = createHmac('sha256', deps.secrets.decrypt(connection.secret_sealed)).update(raw).digest();
  const signature = Buffer.from(given, 'base64');
  if (signature.length !== expected.length || !timingSafeEqual(signature, expected))
    throw new AppError(
      'unauthorized',
      'invalid_signature',
      'X-Shopify-Hmac-Sha256 does not match the body signed with the webhook secret saved in Charla; paste the secret Shopify shows again.',
    );
  let body: unknown;
  try {
    body = JSON.parse(raw);
  } catch {
    throw new AppError('invalid', 'invalid_json', 'The body is not JSON.');
  }
  const topic = header(headers, 'x-shopify-topic').slice(0, 100) || 'unknown';
  // Shopify always sends its delivery id; without one, the same body is the same delivery.
  const webhookId = header(headers, 'x-shopify-webhook-id').slice(0, 200) || `body:${sha256Hex(raw)}`;
  const now = deps.clock.now();
  const [stored] = await deps.db.query<{ id: string }>(
    `WITH ins AS (
       INSERT INTO shopify_events (connection_id, workspace_id, webhook_id, topic, body, received_at)
       VALUES ($1, $2, $3, $4, $5::jsonb, $6) ON CONFLICT (connection_id, webhook_id) DO NOTHING RETURNING id),
     c AS (UPDATE shopify_connections SET last_received_at = $6 WHERE id = $1)
     SELECT id FROM ins`,
    [connection.id, connection.workspace_id, webhookId, topic, JSON.stringify(body), now],
  );
  if (stored) deps.wakeShopify();
  return { received: true, duplicate: !stored };
}
