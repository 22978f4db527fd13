import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Template, WebhookDelivery, WebhookSubscriptionWithSecret } from '@charla/contracts';
import { Webhook } from 'standardwebhooks';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openConversation } from '../harness/outbound';
import { createTestApp, type TestApp } from '../harness/test-app';
import { approvedTemplate } from '../templates/template-fixtures';
import { makeKey, v1Of } from './api-harness';
import { startReceiver } from './webhook-receiver';

let t: TestApp;
let template: Template;
let receiver: Awaited<ReturnType<typeof startReceiver>>;

beforeAll(async () => {
  // The receiver listens on 127.0.0.1: an address Charla refuses unless the config allows it.
  t = await createTestApp({
    simulator: { templateReviewMs: 50 },
    config: { OUTBOUND_HTTP_ALLOW: '127.0.0.1' },
  });
  template = await approvedTemplate(t);
  receiver = await startReceiver();
});
afterAll(async () => {
  await receiver?.close();
  await t?.close();
});

const session = (method: 'GET' | 'POST' | 'PATCH' | 'DELETE', url: string, payload?: object) =>
  t.app.inject({ method, url, headers: { cookie: t.cookie }, ...(payload ? { payload } : {}) });

async function subscribe(url: string, events: string[]): Promise<WebhookSubscriptionWithSecret> {
  const res = await session('POST', '/api/webhooks', { url, events });
  expect(res.statusCode, res.body).toBe(201);
  return res.json();
}

const deliveries = async (subId: string): Promise<WebhookDelivery[]> =>
  (await session('GET', `/api/webhooks/${subId}/deliveries`)).json().data;

/**
 * Moves the manual clock and lets the delivery worker look at once. The signature checks (which
 * compare the timestamp with the real time) come first in this file, before the clock moves.
 */
function advance(ms: number) {
  t.clock.advance(ms);
  t.container.webhooks.wake();
}

describe('the quickstart, walked', () => {
  it('a key, a contact, a template sent by the API, its status by webhook, verified by an independent Standard Webhooks implementation', async () => {
    const sub = await subscribe(receiver.url, ['message.sent', 'message.status_changed']);
    expect(sub.secret).toMatch(/^whsec_/);
    const v1 = v1Of(t, (await makeKey(t, ['contacts:write', 'messages:write'])).key);

    const contact = await v1('POST', '/api/v1/contacts', { phone: '+52 55 7000 0001', name: 'Lucía Paz' });
    expect(contact.statusCode, contact.body).toBe(201);
    const sent = await v1('POST', '/api/v1/messages', {
      to: contact.json().id,
      type: 'template',
      template: {
        name: template.name,
        language: { code: template.language },
        components: [
          { type: 'header', parameters: [{ type: 'text', text: '7781', parameter_name: 'order_number' }] },
          {
            type: 'body',
            parameters: [
              { type: 'text', text: 'Lucía', parameter_name: 'first_name' },
              { type: 'text', text: '7781', parameter_name: 'order_number' },
            ],
          },
          { type: 'button', sub_type: 'url', index: '0', parameters: [{ type: 'text', text: '7781' }] },
        ],
      },
    });
    expect(sent.statusCode, sent.body).toBe(202);
    const messageId = sent.json().id;

    await t.waitFor(
      async () =>
        receiver
          .events()
          .some((e) => (e.data.message as { id: string }).id === messageId && e.type === 'message.sent'),
      'message.sent at the receiver',
    );
    await t.waitFor(
      async () =>
        receiver
          .events('message.status_changed')
          .some((e) => (e.data.message as { id: string; status: string }).id === messageId),
      'message.status_changed (delivered) at the receiver',
    );
    const wh = new Webhook(sub.secret);
    for (const r of receiver.received) {
      const payload = wh.verify(r.body, {
        'webhook-id': String(r.headers['webhook-id']),
        'webhook-timestamp': String(r.headers['webhook-timestamp']),
        'webhook-signature': String(r.headers['webhook-signature']),
      }) as { type: string };
      expect(payload.type).toMatch(/^message\./);
    }
    // A forged body does not verify.
    const first = receiver.received[0]!;
    expect(() =>
      wh.verify(first.body.replace('message', 'massage'), {
        'webhook-id': String(first.headers['webhook-id']),
        'webhook-timestamp': String(first.headers['webhook-timestamp']),
        'webhook-signature': String(first.headers['webhook-signature']),
      }),
    ).toThrow();
    const delivered = receiver
      .events('message.status_changed')
      .find((e) => (e.data.message as { id: string }).id === messageId)!;
    expect(delivered.data).toMatchObject({
      message: { id: messageId, status: 'delivered' },
      conversationId: sent.json().conversationId,
    });
    await session('DELETE', `/api/webhooks/${sub.id}`);
  });

  it('"send test event" reaches the endpoint; after a rotation both secrets verify for a day', async () => {
    const sub = await subscribe(receiver.url, ['message.received']);
    const rotated = (
      await session('POST', `/api/webhooks/${sub.id}/rotate-secret`)
    ).json() as WebhookSubscriptionWithSecret;
    expect(rotated.secret).not.toBe(sub.secret);
    const test = await session('POST', `/api/webhooks/${sub.id}/test`);
    expect(test.statusCode, test.body).toBe(202);
    await t.waitFor(async () => receiver.events('webhook.test').length > 0, 'the test event');
    const last = receiver.received.at(-1)!;
    const headers = {
      'webhook-id': String(last.headers['webhook-id']),
      'webhook-timestamp': String(last.headers['webhook-timestamp']),
      'webhook-signature': String(last.headers['webhook-signature']),
    };
    expect(headers['webhook-signature'].split(' ')).toHaveLength(2);
    expect(new Webhook(sub.secret).verify(last.body, headers)).toMatchObject({ type: 'webhook.test' });
    expect(new Webhook(rotated.secret).verify(last.body, headers)).toMatchObject({ type: 'webhook.test' });
    await session('DELETE', `/api/webhooks/${sub.id}`);
  });
  it('a member resolving and assigning a conversation sends conversation.status_changed and conversation.assigned, naming them', async () => {
    const sub = await subscribe(receiver.url, ['conversation.status_changed', 'conversation.assigned']);
    const conv = await openConversation(t, '5215570000009', 'Hola');
    const me = (await session('GET', '/api/me')).json().user;
    expect(
      (await session('POST', `/api/conversations/${conv.id}/assign`, { assigneeUserId: me.id })).statusCode,
    ).toBe(200);
    expect((await session('PATCH', `/api/conversations/${conv.id}`, { status: 'resolved' })).statusCode).toBe(
      200,
    );
    await t.waitFor(
      async () => receiver.events('conversation.status_changed').length > 0,
      'the status change',
    );
    await t.waitFor(async () => receiver.events('conversation.assigned').length > 0, 'the assignment');
    expect(receiver.events('conversation.assigned').at(-1)!.data).toMatchObject({
      conversationId: conv.id,
      to: me.id,
      by: { kind: 'member', id: me.id, name: me.name },
    });
    expect(receiver.events('conversation.status_changed').at(-1)!.data).toMatchObject({
      conversationId: conv.id,
      from: 'open',
      to: 'resolved',
      by: { kind: 'member', name: me.name },
    });
    await session('DELETE', `/api/webhooks/${sub.id}`);
  });
  it('a customer writing BAJA sends contact.opted_out once, with the contact and the source', async () => {
    const sub = await subscribe(receiver.url, ['contact.opted_out']);
    await openConversation(t, '5215570000010', 'Hola');
    await openConversation(t, '5215570000010', 'BAJA');
    await t.waitFor(async () => receiver.events('contact.opted_out').length > 0, 'the opt-out');
    expect(receiver.events('contact.opted_out')).toHaveLength(1);
    expect(receiver.events('contact.opted_out')[0]!.data).toMatchObject({
      contact: { phone: '+525570000010' },
      source: 'customer_keyword',
    });
    await session('DELETE', `/api/webhooks/${sub.id}`);
  });
});

describe('deliveries', () => {
  it('a receiver that fails for 10 minutes gets every event once it is back; the log shows each attempt; replay sends again with the same webhook-id', async () => {
    const sub = await subscribe(receiver.url, ['message.received']);
    receiver.answer(500);
    const before = receiver.received.length;
    await openConversation(t, '5215570000002', 'Hola, ¿abren el domingo?');
    await openConversation(t, '5215570000003', '¿Tienen talla 38?');
    await t.waitFor(async () => {
      const d = await deliveries(sub.id);
      return d.length === 2 && d.every((x) => x.attempts === 1) && d;
    }, 'the first failed attempts');
    advance(5_000); // 1st retry: still down
    await t.waitFor(
      async () => (await deliveries(sub.id)).every((x) => x.attempts === 2),
      'the second attempts',
    );
    advance(300_000); // 2nd retry, 5 min later: still down
    await t.waitFor(
      async () => (await deliveries(sub.id)).every((x) => x.attempts === 3),
      'the third attempts',
    );
    receiver.answer(200); // back after ~10 minutes
    advance(1_800_000);
    await t.waitFor(
      async () => (await deliveries(sub.id)).every((x) => x.status === 'delivered'),
      'delivery',
    );

    const log = await deliveries(sub.id);
    for (const d of log) {
      expect(d.log.map((a) => a.statusCode)).toEqual([500, 500, 500, 200]);
      expect(d.log[0]!.response).toBe('down for maintenance');
      expect(d.log[0]!.error).toMatch(/answered 500/);
      expect(d.log.every((a) => a.latencyMs >= 0)).toBe(true);
    }
    // Only this subscription's event: the receiver is shared, and an earlier test's subscription
    // may still get a late status meanwhile.
    const got = receiver.received
      .slice(before)
      .filter((r) => (JSON.parse(r.body) as { type: string }).type === 'message.received');
    expect(
      got
        .filter((r) => r.answered === 200)
        .map((r) => JSON.parse(r.body).data.message.text)
        .sort(),
    ).toEqual(['Hola, ¿abren el domingo?', '¿Tienen talla 38?']);
    // Every try of one delivery carried the same webhook-id, for the receiver's dedupe.
    const ids = new Set(got.map((r) => r.headers['webhook-id']));
    expect(ids.size).toBe(2);

    const seen = receiver.received.length;
    const replayed = await session('POST', `/api/webhooks/deliveries/${log[0]!.id}/replay`);
    expect(replayed.statusCode, replayed.body).toBe(202);
    const replayedTry = await t.waitFor(
      async () =>
        receiver.received
          .slice(seen)
          .find((r) => (JSON.parse(r.body) as { type: string }).type === 'message.received'),
      'the replay',
    );
    expect(replayedTry.headers['webhook-id']).toBe(log[0]!.webhookId);
    await session('DELETE', `/api/webhooks/${sub.id}`);
  });

  it('refuses a private address unless the config allows it, and says so in the log', async () => {
    const sub = await subscribe('http://10.1.2.3:8080/hook', ['message.received']);
    await session('POST', `/api/webhooks/${sub.id}/test`);
    const [d] = await t.waitFor(async () => {
      const list = await deliveries(sub.id);
      return list[0]?.attempts === 1 && list;
    }, 'the refused attempt');
    expect(d!.log[0]).toMatchObject({ statusCode: null });
    expect(d!.log[0]!.error).toMatch(/private|not allowed|OUTBOUND_HTTP_ALLOW/i);
    await session('DELETE', `/api/webhooks/${sub.id}`);
  });

  it('turns a subscription off after more than a day of failures, with a line in the audit log', async () => {
    const sub = await subscribe(receiver.url, ['message.received']);
    receiver.answer(503);
    await openConversation(t, '5215570000004', 'Hola');
    await t.waitFor(async () => (await deliveries(sub.id))[0]?.attempts === 1, 'the first attempt');
    for (const [i, delay] of [
      5_000, 300_000, 1_800_000, 7_200_000, 18_000_000, 36_000_000, 36_000_000,
    ].entries()) {
      advance(delay);
      await t.waitFor(async () => (await deliveries(sub.id))[0]?.attempts === i + 2, `attempt ${i + 2}`);
    }
    const [d] = await deliveries(sub.id);
    expect(d!.status).toBe('failed');
    const list = (await session('GET', '/api/webhooks')).json();
    const off = list.find((s: { id: string }) => s.id === sub.id);
    expect(off.enabled).toBe(false);
    expect(off.disabledReason).toMatch(/more than 24 hours/);
    const audit = await t.container.db.query<{ action: string; actor_label: string | null }>(
      'SELECT action, actor_label FROM audit_log WHERE target_id = $1 ORDER BY id',
      [sub.id],
    );
    // The owner who subscribed is named; Charla turned it off.
    expect(audit.map((a) => [a.action, a.actor_label])).toEqual([
      ['webhook.created', expect.stringMatching(/\S/)],
      ['webhook.disabled', null],
    ]);
    // Back on, and the failed delivery replayed: it arrives.
    receiver.answer(200);
    expect((await session('PATCH', `/api/webhooks/${sub.id}`, { enabled: true })).json()).toMatchObject({
      enabled: true,
      disabledReason: null,
    });
    await session('POST', `/api/webhooks/deliveries/${d!.id}/replay`);
    await t.waitFor(
      async () => (await deliveries(sub.id))[0]?.status === 'delivered',
      'the replayed delivery',
    );
  });

  it('deleting a webhook while its delivery is on the way answers 204, and another webhook of that batch is sent once', async () => {
    // An endpoint that holds its answer until told: the delivery is in flight when the owner deletes.
    let release = () => {};
    const held = new Promise<void>((r) => {
      release = r;
    });
    let arrived = 0;
    const slow = createServer((req, res) => {
      arrived++;
      req.resume();
      void held.then(() => res.writeHead(200).end('ok'));
    });
    await new Promise<void>((r) => slow.listen(0, '127.0.0.1', r));
    const slowUrl = `http://127.0.0.1:${(slow.address() as AddressInfo).port}/hook`;
    try {
      receiver.answer(200);
      const gone = await subscribe(slowUrl, ['message.received']);
      const kept = await subscribe(receiver.url, ['message.received']);
      const seen = receiver.received.length;
      await openConversation(t, '5215570000006', '¿Hacen envíos a Puebla?');
      await t.waitFor(async () => arrived === 1, 'the delivery to the slow endpoint');
      const del = await session('DELETE', `/api/webhooks/${gone.id}`);
      expect(del.statusCode, del.body).toBe(204);
      release();
      await t.waitFor(
        async () => (await deliveries(kept.id))[0]?.status === 'delivered',
        'the other webhook delivered',
      );
      // Past the lease a delivery whose outcome was lost would be sent again.
      advance(120_000);
      await new Promise((r) => setTimeout(r, 300));
      const [delivered] = await deliveries(kept.id);
      const mine = receiver.received
        .slice(seen)
        .filter((r) => r.headers['webhook-id'] === delivered!.webhookId);
      expect(mine).toHaveLength(1);
      expect(JSON.parse(mine[0]!.body).data.message.text).toBe('¿Hacen envíos a Puebla?');
      expect(delivered!.log).toHaveLength(1);
      await session('DELETE', `/api/webhooks/${kept.id}`);
    } finally {
      release();
      await new Promise<void>((r) => slow.close(() => r()));
    }
  });

  it('refuses a subscription without events or with an address that is not http(s), naming the field', async () => {
    const res = await session('POST', '/api/webhooks', { url: 'ftp://example.com/x', events: [] });
    expect(res.statusCode).toBe(400);
    expect(
      res
        .json()
        .error.fields.map((f: { path: string }) => f.path)
        .sort(),
    ).toEqual(['events', 'url']);
  });
});
