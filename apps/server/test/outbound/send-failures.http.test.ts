import { WHATSAPP_ERRORS } from '@charla/contracts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { apiOf, createGraphSpy, openConversation } from '../harness/outbound';
import { createTestApp, type TestApp } from '../harness/test-app';

// What the agent sees when WhatsApp says no, and which refusals Charla retries by itself:
// only those where nothing can have reached the customer.

const spy = createGraphSpy();
let t: TestApp;
let api: ReturnType<typeof apiOf>;
beforeAll(async () => {
  t = await createTestApp({ graphFetch: spy.graphFetch });
  api = apiOf(t);
});
afterAll(() => t?.close());

async function sendText(conversationId: string, text: string) {
  const res = await api.call('POST', `/api/conversations/${conversationId}/messages`, { text });
  expect(res.statusCode, res.body).toBe(202);
  return res.json().id as string;
}

/** The simulator's log of one text: every POST that carried it, and how it answered. */
const sendsOf = (text: string) =>
  t.simulator
    .sends(t.sandbox.phoneNumberId)
    .filter((s) => (s.body as { text?: { body?: string } }).text?.body === text);

describe('sends WhatsApp refuses', () => {
  it('ends failed with the 131026 reason in the thread when the number cannot receive WhatsApp', async () => {
    const waId = '5215533330001';
    const conv = await openConversation(t, waId);
    t.simulator.setCustomer(t.sandbox.phoneNumberId, waId, { reachable: false });
    const id = await sendText(conv.id, '¿Recibiste tu pedido?');
    const failed = await t.waitFor(async () => {
      const m = await api.message(conv.id, id);
      return m?.status === 'failed' && m;
    }, 'the message to fail');
    expect(failed.error).toMatchObject({ code: 131026, reason: WHATSAPP_ERRORS[131026]!.en });
    expect(sendsOf('¿Recibiste tu pedido?')).toHaveLength(1);
  });

  it('retries a throughput refusal (130429) with backoff and delivers the message once', async () => {
    const conv = await openConversation(t, '5215533330002');
    t.simulator.setBehaviour(t.sandbox.phoneNumberId, { mps: 1 });
    // Keep the number at its 1 message/s until Charla's send has been refused once.
    const token = (await t.container.directory.byId(t.sandbox.id))!.accessToken;
    let pressing = true;
    const pressure = (async () => {
      while (pressing) {
        await fetch(`${t.simulatorUrl}/v23.0/${t.sandbox.phoneNumberId}/messages`, {
          method: 'POST',
          headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
          body: JSON.stringify({
            messaging_product: 'whatsapp',
            to: '+5215533339999',
            type: 'text',
            text: { body: 'filler' },
          }),
        });
        await new Promise((r) => setTimeout(r, 100));
      }
    })();
    const text = 'Tu pedido sale hoy';
    const id = await sendText(conv.id, text);
    await t.waitFor(async () => sendsOf(text).some((s) => s.responseStatus !== 200), 'a 130429 refusal');
    pressing = false;
    await pressure;
    const refused = sendsOf(text).find((s) => s.responseStatus !== 200)!;
    expect((refused.response as { error: { code: number } }).error.code).toBe(130429);
    expect((await api.message(conv.id, id))?.status).toBe('queued');

    await t.waitFor(
      async () => {
        const m = await api.message(conv.id, id);
        return m && ['accepted', 'sent', 'delivered', 'read'].includes(m.status ?? '') && m;
      },
      'the retried message to be accepted',
      20_000,
    );
    expect(sendsOf(text).filter((s) => s.responseStatus === 200)).toHaveLength(1);
    expect(
      t.simulator.chat(t.sandbox.phoneNumberId, '5215533330002').filter((m) => m.text === text),
    ).toHaveLength(1);
    t.simulator.setBehaviour(t.sandbox.phoneNumberId, { mps: 80 });
  });

  it('settles a send whose answer was lost by Meta’s status, never sending it twice', async () => {
    const conv = await openConversation(t, '5215533330003');
    const text = 'Te confirmo la cita del martes';
    spy.loseAnswerWhen((body) => body.includes(text));
    const id = await sendText(conv.id, text);
    // No answer: the send is in doubt, and the thread shows it waiting, not failed.
    await t.waitFor(async () => sendsOf(text).length === 1, 'the send to reach the simulator');
    spy.loseAnswerWhen(null);
    // Meta's status names the message (callback data): it is stored with Meta's id and ticks on.
    const settled = await t.waitFor(async () => {
      const m = await api.message(conv.id, id);
      return m && ['sent', 'delivered', 'read'].includes(m.status ?? '') && m;
    }, 'the status webhook to settle the send');
    expect(settled.error).toBeNull();
    // Longer than a first retry would take (2 s): still exactly one request reached "Meta".
    await new Promise((r) => setTimeout(r, 3000));
    expect(sendsOf(text)).toHaveLength(1);
    expect(
      t.simulator.chat(t.sandbox.phoneNumberId, '5215533330003').filter((m) => m.text === text),
    ).toHaveLength(1);
  });
});
