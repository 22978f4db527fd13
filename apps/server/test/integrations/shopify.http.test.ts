import { createHmac } from 'node:crypto';
import type { ConnectShopifyRequest, ShopifyConnection, ShopifyEvent, Template } from '@charla/contracts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { requestsAs, simulatedCustomers } from '../automation/automation-harness';
import { addMember } from '../harness/members';
import { createTestApp, type TestApp } from '../harness/test-app';
import { approvedTemplate } from '../templates/template-fixtures';
import { type Buyer, checkoutCreated, orderCreated, orderFulfilled } from './shopify-fixtures';

let t: TestApp;
let template: Template;
let connection: ShopifyConnection;
const SECRET = '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';

beforeAll(async () => {
  t = await createTestApp({ simulator: { templateReviewMs: 50 } });
  template = await approvedTemplate(t);
});
afterAll(() => t?.close());

const owner = requestsAs(() => t)(() => t.cookie);
const { writesAtClock, stored, received, sentTo } = simulatedCustomers(() => t, { name: 'Lucía Paz' });

const MIN = 60_000;
const HOUR = 60 * MIN;
let buyers = 0;
/** A Spanish buyer whose phone Shopify has in national form (612 34 56 07), read as +34. */
const newBuyer = (): Buyer & { waId: string } => {
  const n = String(++buyers).padStart(2, '0');
  return { phone: `612 34 56 ${n}`, first: 'Lucía', last: 'Paz', country: 'ES', waId: `346123456${n}` };
};

/** A template's values for an automation, with its variables. */
const values = (header: string, orderNumber: string, button: string) => ({
  templateId: template.id,
  values: {
    header,
    body: { first_name: '{{customer.first_name}}', order_number: orderNumber },
    buttons: { 0: button },
  },
});

const automationsOf = (): ConnectShopifyRequest['automations'] => ({
  orderConfirmation: {
    enabled: true,
    template: values('{{order.name}}', '{{order.name}} ({{order.total}})', '{{customer.first_name}}'),
  },
  shippingUpdate: {
    enabled: true,
    template: values('{{order.name}}', '{{order.name}}: {{tracking.url}}', '{{tracking.number}}'),
  },
  abandonedCheckout: {
    enabled: true,
    steps: [1, 2, 3].map((step) =>
      values('{{checkout.total}}', `paso ${step} {{checkout.url}}`, '{{customer.first_name}}'),
    ),
  },
});

/** Posts like Shopify does: the topic, the shop, the delivery id and the body's HMAC in base64. */
function shopify(topic: string, body: unknown, opts: { webhookId?: string; secret?: string } = {}) {
  const raw = JSON.stringify(body);
  return t.app.inject({
    method: 'POST',
    url: new URL(connection.webhookUrl).pathname,
    headers: {
      'content-type': 'application/json',
      'x-shopify-topic': topic,
      'x-shopify-shop-domain': 'luna.myshopify.com',
      'x-shopify-api-version': '2026-10',
      'x-shopify-webhook-id': opts.webhookId ?? crypto.randomUUID(),
      'x-shopify-triggered-at': new Date().toISOString(),
      'x-shopify-hmac-sha256': createHmac('sha256', opts.secret ?? SECRET)
        .update(raw)
        .digest('base64'),
    },
    payload: raw,
  });
}

const events = async (): Promise<ShopifyEvent[]> =>
  (await owner('GET', '/api/integrations/shopify/events')).json();

/** Waits until Charla acted on the webhook with this delivery id; answers what it did. */
const actedOn = (webhookId: string) =>
  t.waitFor(async () => {
    const event = (await events()).find((e) => e.webhookId === webhookId);
    return event && event.outcome !== 'pending' && event;
  }, `the webhook ${webhookId}`);

/** The template's body parameters, as the customer's phone got them. */
const bodyTexts = (waId: string) =>
  sentTo(waId).map(
    (s) =>
      (s.template?.components ?? [])
        .find((c) => c.type === 'body')
        ?.parameters?.map((p) => p.text)
        .join(' | ') ?? '',
  );

/** Moves the test clock on and lets the sequences' runner send what fell due. */
async function advance(ms: number) {
  t.clock.advance(ms);
  t.container.automationWorker.wake();
  await t.waitFor(async () => {
    const [row] = await t.container.db.query<{ n: number | string }>(
      `SELECT (SELECT count(*) FROM sequence_enrollments e JOIN sequences s ON s.id = e.sequence_id
                WHERE e.status = 'active' AND s.enabled AND e.next_at <= $1)
            + (SELECT count(*) FROM messages WHERE automated_by IS NOT NULL AND status = 'queued') AS n`,
      [t.clock.now()],
    );
    return Number(row?.n) === 0;
  }, 'the due steps');
}

describe('connecting a shop', () => {
  it('an owner connects the shop with its secret, number and templates; an agent may not; the audit says so', async () => {
    const agent = await addMember(t, 'agent', 'Carla Agent');
    const automations = automationsOf();
    const request = {
      shopDomain: 'https://Luna.myshopify.com/admin',
      webhookSecret: SECRET,
      channelId: t.sandbox.id,
      automations,
    };
    expect(
      (await requestsAs(() => t)(() => agent.cookie)('PUT', '/api/integrations/shopify', request)).statusCode,
    ).toBe(403);
    const unknownVariable = await owner('PUT', '/api/integrations/shopify', {
      ...request,
      automations: {
        ...automations,
        shippingUpdate: { enabled: true, template: values('{{order.name}}', '{{tracking.link}}', 'x') },
      },
    });
    expect(unknownVariable.statusCode).toBe(422);
    expect(unknownVariable.json().error.fields[0]).toMatchObject({
      path: 'automations.shippingUpdate.template.values',
    });
    const res = await owner('PUT', '/api/integrations/shopify', request);
    expect(res.statusCode, res.body).toBe(200);
    connection = res.json();
    expect(connection).toMatchObject({
      shopDomain: 'luna.myshopify.com',
      webhookUrl: expect.stringMatching(new RegExp(`/webhooks/shopify/${connection.id}$`)),
      recoverySequenceId: expect.any(String),
    });
    expect(JSON.stringify(connection)).not.toContain(SECRET);
    const [row] = await t.container.db.query<{ secret_sealed: string }>(
      'SELECT secret_sealed FROM shopify_connections',
    );
    expect(row!.secret_sealed).not.toContain(SECRET);
    // Saved again without the secret: the secret is kept.
    expect(
      (await owner('PUT', '/api/integrations/shopify', { ...request, webhookSecret: undefined })).statusCode,
    ).toBe(200);
    const audit = (await owner('GET', '/api/audit-log')).json();
    const actions = audit.items.map((e: { action: string }) => e.action);
    expect(actions).toEqual(
      expect.arrayContaining(['integration.shopify_connected', 'integration.shopify_updated']),
    );
  });
});

describe('webhooks', () => {
  it('a body whose HMAC is not the secret’s is refused with the reason, and nothing is kept', async () => {
    const buyer = newBuyer();
    const forged = await shopify('orders/create', orderCreated(1, buyer), { secret: 'not-the-secret' });
    expect(forged.statusCode).toBe(401);
    expect(forged.json().error).toMatchObject({
      code: 'invalid_signature',
      message: expect.stringMatching(/X-Shopify-Hmac-Sha256/),
    });
    const unsigned = await t.app.inject({
      method: 'POST',
      url: new URL(connection.webhookUrl).pathname,
      headers: { 'content-type': 'application/json', 'x-shopify-topic': 'orders/create' },
      payload: JSON.stringify(orderCreated(1, buyer)),
    });
    expect(unsigned.statusCode).toBe(401);
    expect(await events()).toEqual([]);
    expect(received(buyer.waId)).toEqual([]);
  });

  it('orders/create sends the order confirmation with the order’s name and total to the customer’s phone', async () => {
    const buyer = newBuyer();
    const res = await shopify('orders/create', orderCreated(1, buyer), { webhookId: 'order-1' });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toEqual({ received: true, duplicate: false });
    const event = await actedOn('order-1');
    expect(event).toMatchObject({ topic: 'orders/create', outcome: 'sent', messageId: expect.any(String) });
    await t.waitFor(async () => received(buyer.waId).length === 1, 'the confirmation');
    expect(received(buyer.waId)).toEqual([`template:${template.name}`]);
    expect(bodyTexts(buyer.waId)).toEqual(['Lucía | #1001 (49.90 EUR)']);
    const thread = await t.container.db.query<{ automated_by: { kind: string; name: string } }>(
      'SELECT automated_by FROM messages WHERE id = $1',
      [event.messageId],
    );
    expect(thread[0]!.automated_by).toMatchObject({ kind: 'integration', name: 'Shopify' });
  });

  it('an order without a phone is kept as skipped, saying why', async () => {
    const buyer = { ...newBuyer(), phone: null };
    await shopify('orders/create', orderCreated(2, buyer), { webhookId: 'order-2' });
    expect(await actedOn('order-2')).toMatchObject({
      outcome: 'skipped',
      detail: expect.stringMatching(/no phone number/),
    });
  });

  it('a delivery Shopify retries (same webhook id) is acted on once', async () => {
    const buyer = newBuyer();
    const first = await shopify('orders/create', orderCreated(3, buyer), { webhookId: 'order-3' });
    const again = await shopify('orders/create', orderCreated(3, buyer), { webhookId: 'order-3' });
    expect(first.json().duplicate).toBe(false);
    expect(again.statusCode).toBe(200);
    expect(again.json().duplicate).toBe(true);
    await actedOn('order-3');
    await t.waitFor(async () => received(buyer.waId).length === 1, 'the confirmation');
    await new Promise((r) => setTimeout(r, 200));
    expect(received(buyer.waId)).toHaveLength(1);
    expect((await events()).filter((e) => e.webhookId === 'order-3')).toHaveLength(1);
  });

  it('orders/fulfilled sends the shipping update with the tracking link', async () => {
    const buyer = newBuyer();
    await shopify('orders/fulfilled', orderFulfilled(4, buyer), { webhookId: 'fulfilled-4' });
    expect(await actedOn('fulfilled-4')).toMatchObject({ outcome: 'sent' });
    await t.waitFor(async () => received(buyer.waId).length === 1, 'the shipping update');
    expect(bodyTexts(buyer.waId)).toEqual(['Lucía | #1004: https://s.correosexpress.com/search?s=CX700004']);
  });
});

describe('abandoned checkout', () => {
  it('a checkout left alone gets step 1 at 15 minutes, step 2 at 1 hour and step 3 at 24 hours', async () => {
    t.clock.set(new Date());
    const buyer = newBuyer();
    const token = 'c1a2b3c4d5e6f70001';
    await shopify('checkouts/create', checkoutCreated(token, buyer), { webhookId: 'checkout-1' });
    expect(await actedOn('checkout-1')).toMatchObject({ outcome: 'enrolled', contactId: expect.any(String) });
    await advance(14 * MIN);
    expect(received(buyer.waId)).toEqual([]);
    await advance(MIN);
    await t.waitFor(async () => received(buyer.waId).length === 1, 'step 1');
    expect(bodyTexts(buyer.waId)[0]).toBe(
      `Lucía | paso 1 https://luna.myshopify.com/548380009/checkouts/${token}/recover?key=a4cd1b3e`,
    );
    await advance(44 * MIN);
    expect(received(buyer.waId)).toHaveLength(1);
    await advance(MIN);
    await t.waitFor(async () => received(buyer.waId).length === 2, 'step 2');
    expect(bodyTexts(buyer.waId)[1]).toMatch(/^Lucía \| paso 2 https:/);
    await advance(22 * HOUR + 59 * MIN);
    expect(received(buyer.waId)).toHaveLength(2);
    await advance(MIN);
    await t.waitFor(async () => received(buyer.waId).length === 3, 'step 3');
    expect(bodyTexts(buyer.waId)[2]).toMatch(/^Lucía \| paso 3 https:/);
  });

  it('a purchase stops it: the order confirmation goes, no recovery step', async () => {
    t.clock.set(new Date());
    const buyer = newBuyer();
    const token = 'c1a2b3c4d5e6f70002';
    await shopify('checkouts/create', checkoutCreated(token, buyer), { webhookId: 'checkout-2' });
    await actedOn('checkout-2');
    await shopify('checkouts/update', checkoutCreated(token, buyer), { webhookId: 'checkout-2b' });
    expect(await actedOn('checkout-2b')).toMatchObject({ outcome: 'refreshed' });
    await advance(10 * MIN);
    // The order carries no phone of its own: it is found by its checkout's token.
    const order = { ...orderCreated(5, { ...buyer, phone: null }), checkout_token: token };
    await shopify('orders/create', order, { webhookId: 'order-5' });
    expect(await actedOn('order-5')).toMatchObject({
      outcome: 'stopped',
      detail: expect.stringMatching(/recovery stopped/),
    });
    await advance(25 * HOUR);
    expect(received(buyer.waId)).toEqual([]);
  });

  it('a reply stops it', async () => {
    t.clock.set(new Date());
    const buyer = newBuyer();
    await shopify('checkouts/create', checkoutCreated('c1a2b3c4d5e6f70003', buyer), {
      webhookId: 'checkout-3',
    });
    await actedOn('checkout-3');
    await advance(15 * MIN);
    await t.waitFor(async () => received(buyer.waId).length === 1, 'step 1');
    await writesAtClock(buyer.waId, 'Ya lo compré, gracias');
    await stored(buyer.waId, 'Ya lo compré, gracias');
    await advance(25 * HOUR);
    expect(received(buyer.waId)).toHaveLength(1);
  });
});

describe('other topics, and disconnecting', () => {
  it('a topic without an automation is kept as no action; after disconnecting, the address answers 404', async () => {
    await shopify('customers/create', { id: 1, first_name: 'Lucía' }, { webhookId: 'customer-1' });
    expect(await actedOn('customer-1')).toMatchObject({ outcome: 'ignored' });
    // A checkout waiting for its first reminder: cancelled with the shop, not sent if it comes back.
    await shopify('checkouts/create', checkoutCreated('c1a2b3c4d5e6f70009', newBuyer()), {
      webhookId: 'checkout-9',
    });
    const waiting = await actedOn('checkout-9');
    expect(waiting.outcome).toBe('enrolled');
    expect((await owner('DELETE', '/api/integrations/shopify')).statusCode).toBe(204);
    const [enrolment] = await t.container.db.query<{ status: string }>(
      'SELECT status FROM sequence_enrollments WHERE contact_id = $1',
      [waiting.contactId],
    );
    expect(enrolment!.status).toBe('cancelled');
    const refused = await shopify('orders/create', orderCreated(9, newBuyer()));
    expect(refused.statusCode).toBe(404);
    expect((await owner('GET', '/api/integrations/shopify')).json()).toEqual({ connection: null });
    const [sequence] = await t.container.db.query<{ enabled: boolean }>(
      'SELECT enabled FROM sequences WHERE id = $1',
      [connection.recoverySequenceId],
    );
    expect(sequence!.enabled).toBe(false);
  });
});
