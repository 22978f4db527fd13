import { ShopifyAutomationsSchema } from '@charla/contracts';
import type { IntegrationsDeps } from '../integrations.deps';
import { SHOWN_EVENTS } from './list-shopify-events';
import { sendShopifyTemplate } from './send-shopify-template';
import type { ShopifyEventRow, ShopifyOutcome } from './shopify-outcome';
import { orderVariables, shippingVariables } from './shopify-payloads';
import { startCheckoutRecovery } from './start-checkout-recovery';
import { stopCheckoutRecovery } from './stop-checkout-recovery';

/** An event taken this long ago and still pending was left by a process that died: taken again. */
const RETAKE_AFTER_MS = 5 * 60_000;
/** Events older than this go, past the last ones shown (Shopify retries a delivery for 48 hours). */
const KEEP_MS = 7 * 86_400_000;

/**
 * Acts on up to `batchSize` stored webhooks: each is taken (so another process leaves it), acted on
 * by its topic, and its outcome written. A send made twice after a crash is stored once (its
 * message id comes from the event), an enrolment twice is one enrolment.
 */
export async function processShopifyEvents(deps: IntegrationsDeps, batchSize: number) {
  const now = deps.clock.now();
  const events = await deps.db.query<ShopifyEventRow & Record<string, unknown>>(
    `WITH taken AS (
       UPDATE shopify_events SET taken_at = $1 WHERE id IN (
         SELECT id FROM shopify_events WHERE outcome = 'pending' AND (taken_at IS NULL OR taken_at < $2)
          ORDER BY id LIMIT $3 FOR UPDATE SKIP LOCKED)
       RETURNING id, connection_id, workspace_id, topic, body)
     SELECT t.id, t.connection_id, t.workspace_id, t.topic, t.body, c.channel_id, c.automations,
            c.recovery_sequence_id, w.default_country
       FROM taken t JOIN shopify_connections c ON c.id = t.connection_id JOIN workspaces w ON w.id = t.workspace_id
      ORDER BY t.id`,
    [now, new Date(now.getTime() - RETAKE_AFTER_MS), batchSize],
  );
  for (const event of events) {
    let done: ShopifyOutcome;
    try {
      done = await actOn(deps, event);
    } catch (err) {
      deps.log?.error({ err, eventId: event.id }, 'shopify event failed');
      done = { outcome: 'failed', detail: 'Something went wrong on our side.' };
    }
    await deps.db.query(
      `UPDATE shopify_events SET outcome = $2, detail = $3, message_id = $4, contact_id = $5
        WHERE id = $1 AND outcome = 'pending'`,
      [event.id, done.outcome, done.detail, done.messageId ?? null, done.contactId ?? null],
    );
  }
  for (const connectionId of new Set(events.map((e) => e.connection_id)))
    await deps.db.query(
      `DELETE FROM shopify_events WHERE connection_id = $1 AND received_at < $2 AND outcome <> 'pending'
          AND id < (SELECT min(id) FROM (SELECT id FROM shopify_events WHERE connection_id = $1 ORDER BY id DESC LIMIT ${SHOWN_EVENTS}) k)`,
      [connectionId, new Date(now.getTime() - KEEP_MS)],
    );
  return { taken: events.length, full: events.length >= batchSize };
}

async function actOn(deps: IntegrationsDeps, event: ShopifyEventRow): Promise<ShopifyOutcome> {
  const automations = ShopifyAutomationsSchema.parse(event.automations);
  switch (event.topic) {
    case 'orders/create': {
      const stopped = await stopCheckoutRecovery(deps.db.query, event, deps.clock.now());
      const note = stopped > 0 ? ' Abandoned-checkout recovery stopped: the customer bought.' : '';
      const { orderConfirmation } = automations;
      if (!orderConfirmation.enabled || !orderConfirmation.template)
        return stopped > 0
          ? { outcome: 'stopped', detail: note.trim() }
          : { outcome: 'ignored', detail: 'Order confirmation is off.' };
      const sent = await sendShopifyTemplate(
        deps,
        event,
        orderConfirmation.template,
        orderVariables(event.body),
        'order confirmation',
      );
      // Nothing sent but the recovery stopped: that is what the order did.
      const outcome = sent.outcome === 'skipped' && stopped > 0 ? 'stopped' : sent.outcome;
      return { ...sent, outcome, detail: `${sent.detail}${note}` };
    }
    case 'orders/fulfilled': {
      const { shippingUpdate } = automations;
      if (!shippingUpdate.enabled || !shippingUpdate.template)
        return { outcome: 'ignored', detail: 'Shipping update is off.' };
      return sendShopifyTemplate(
        deps,
        event,
        shippingUpdate.template,
        shippingVariables(event.body),
        'shipping update',
      );
    }
    case 'checkouts/create':
    case 'checkouts/update':
      return startCheckoutRecovery(deps, event);
    default:
      return { outcome: 'ignored', detail: `Charla does nothing with ${event.topic}.` };
  }
}
