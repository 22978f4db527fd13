import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addForeignOwner } from '../harness/members';
import { openConversation } from '../harness/outbound';
import { createTestApp, type TestApp } from '../harness/test-app';
import { makeKey, v1Of } from './api-harness';

let t: TestApp;
let v1: ReturnType<typeof v1Of>;
beforeAll(async () => {
  t = await createTestApp();
  v1 = v1Of(t, (await makeKey(t, ['channels:read', 'messages:write'])).key);
});
afterAll(() => t?.close());

const health = async () => {
  const res = await v1('GET', `/api/v1/channels/${t.sandbox.id}`);
  expect(res.statusCode, res.body).toBe(200);
  return res.json();
};
const send = async (to: string, body: string) => {
  const res = await v1('POST', '/api/v1/messages', { to, type: 'text', text: { body } });
  expect(res.statusCode, res.body).toBe(202);
  return res.json().id as string;
};
const statusOf = async (id: string) => (await v1('GET', `/api/v1/messages/${id}`)).json().status as string;

describe("a number's health with a key", () => {
  it('connected with nothing waiting; while WhatsApp is down the backlog grows; a refused message is its last error', async () => {
    expect(await health()).toMatchObject({
      id: t.sandbox.id,
      kind: 'sandbox',
      status: 'connected',
      connected: true,
      lastError: null,
      backlog: { queued: 0, inDoubt: 0, oldestQueuedAt: null, failedLastHour: 0, lastError: null },
    });

    await openConversation(t, '5215583000001', 'Hola');
    t.simulator.setBehaviour(t.sandbox.phoneNumberId, { outage: '131016' });
    const waiting = [
      await send('+5215583000001', '¿Sigues ahí?'),
      await send('+5215583000001', 'Te escribo luego'),
    ];
    const backlogged = await t.waitFor(async () => {
      const h = await health();
      return h.backlog.queued === 2 && h;
    }, 'the backlog');
    expect(Date.parse(backlogged.backlog.oldestQueuedAt)).toBeLessThanOrEqual(Date.now());

    t.simulator.setBehaviour(t.sandbox.phoneNumberId, { outage: null });
    t.clock.advance(60_000);
    for (const id of waiting)
      await t.waitFor(
        async () => ['sent', 'delivered', 'read'].includes(await statusOf(id)),
        'the retry',
        30_000,
      );
    expect((await health()).backlog).toMatchObject({ queued: 0, oldestQueuedAt: null });

    await openConversation(t, '5215583000002', 'Hola');
    t.simulator.setCustomer(t.sandbox.phoneNumberId, '5215583000002', { reachable: false });
    const lost = await send('+5215583000002', '¿Recibiste tu pedido?');
    await t.waitFor(async () => (await statusOf(lost)) === 'failed', 'the failure');
    const after = await health();
    expect(after.backlog.failedLastHour).toBe(1);
    expect(after.backlog.lastError).toMatchObject({ code: 131026 });
  }, 60_000);

  it('another workspace’s number is not found; the scope is needed', async () => {
    const other = await addForeignOwner(t);
    const key = await t.app.inject({
      method: 'POST',
      url: '/api/api-keys',
      headers: { cookie: other.cookie },
      payload: { name: 'Otra', scopes: ['channels:read'] },
    });
    expect((await v1Of(t, key.json().key)('GET', `/api/v1/channels/${t.sandbox.id}`)).statusCode).toBe(404);
    const noScope = v1Of(t, (await makeKey(t, ['messages:read'])).key);
    const denied = await noScope('GET', `/api/v1/channels/${t.sandbox.id}`);
    expect(denied.statusCode).toBe(403);
    expect(denied.json().error.details.scope).toBe('channels:read');
  });
});
