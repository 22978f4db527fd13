import type { ShopifyEvent } from '@charla/contracts';
import type { IntegrationsActor, IntegrationsDeps } from '../integrations.deps';
import { assertManager } from '../triggers';

/** Webhooks shown, newest first. */
export const SHOWN_EVENTS = 50;

/** The last webhooks the shop sent, newest first, with what Charla did with each. */
export async function listShopifyEvents(
  deps: IntegrationsDeps,
  actor: IntegrationsActor,
): Promise<ShopifyEvent[]> {
  assertManager(actor);
  const rows = await deps.db.query<{
    id: number | string;
    webhook_id: string;
    topic: string;
    received_at: Date;
    body: unknown;
    outcome: ShopifyEvent['outcome'];
    detail: string | null;
    message_id: string | null;
    contact_id: string | null;
  }>(
    `SELECT id, webhook_id, topic, received_at, body, outcome, detail, message_id, contact_id FROM shopify_events
      WHERE workspace_id = $1 ORDER BY id DESC LIMIT ${SHOWN_EVENTS}`,
    [actor.workspaceId],
  );
  return rows.map((r) => ({
    id: String(r.id),
    webhookId: r.webhook_id,
    topic: r.topic,
    receivedAt: new Date(r.received_at).toISOString(),
    body: r.body,
    outcome: r.outcome,
    detail: r.detail,
    messageId: r.message_id,
    contactId: r.contact_id,
  }));
}
