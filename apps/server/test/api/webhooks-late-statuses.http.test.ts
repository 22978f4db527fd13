import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { apiOf, openConversation } from '../harness/outbound';
import { createTestApp, type TestApp } from '../harness/test-app';
import { startReceiver } from './webhook-receiver';

// WhatsApp's status webhooks can overtake its answer to the send: Charla keeps those statuses
// until it knows the message's wamid, then applies them (whichever side commits second). An
// integration hears each of them once, whichever side applied it.
let t: TestApp;
let receiver: Awaited<ReturnType<typeof startReceiver>>;
let slowAnswers = false;

/** Holds Meta's answer to a text send until its status webhooks have reached Charla. */
const graphFetch: typeof fetch = async (input, init) => {
  const response = await fetch(input, init);
  const body = typeof init?.body === 'string' ? init.body : '';
  if (!slowAnswers || init?.method !== 'POST' || !body.includes('"text"')) return response;
  const answer = await response.text();
  const wamid: string = JSON.parse(answer).messages?.[0]?.id;
  await t.waitFor(
    async () =>
      (
        await t.container.db.query(
          `SELECT 1 FROM message_status_events WHERE external_id = $1 AND status = 'sent'`,
          [wamid],
        )
      ).length > 0,
    'the statuses to overtake the answer',
  );
  return new Response(answer, { status: response.status, headers: response.headers });
};

beforeAll(async () => {
  t = await createTestApp({ graphFetch, config: { OUTBOUND_HTTP_ALLOW: '127.0.0.1' } });
  receiver = await startReceiver();
});
afterAll(async () => {
  await receiver?.close();
  await t?.close();
});

describe('statuses that arrive before the answer to the send', () => {
  it('reach the subscribed URL once each, in order, as soon as Charla applies them', async () => {
    const sub = await t.app.inject({
      method: 'POST',
      url: '/api/webhooks',
      headers: { cookie: t.cookie },
      payload: { url: receiver.url, events: ['message.sent', 'message.status_changed'] },
    });
    expect(sub.statusCode, sub.body).toBe(201);
    const conv = await openConversation(t, '5215566660001');
    slowAnswers = true;
    const sent = await apiOf(t).call('POST', `/api/conversations/${conv.id}/messages`, {
      text: 'Tu pedido sale hoy',
    });
    expect(sent.statusCode, sent.body).toBe(202);
    const messageId = sent.json().id;
    const mine = (type: string) =>
      receiver.events(type).filter((e) => (e.data.message as { id: string }).id === messageId);
    const startedAt = Date.now();
    const statuses = () => [
      ...mine('message.sent').map((e) => (e.data.message as { status: string }).status),
      ...mine('message.status_changed').map((e) => (e.data.message as { status: string }).status),
    ];
    await t.waitFor(async () => statuses().length === 2, 'message.sent and message.status_changed');
    // Woken by the commit that applied them, not by the worker's 30-second look.
    expect(Date.now() - startedAt).toBeLessThan(5_000);
    expect(statuses()).toEqual(['sent', 'delivered']);
  });
});
