import type { WebhookSubscriptionWithSecret } from '@charla/contracts';
import { Webhook } from 'standardwebhooks';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addForeignOwner } from '../harness/members';
import { openConversation } from '../harness/outbound';
import { createTestApp, type TestApp } from '../harness/test-app';
import { makeKey, v1Of } from './api-harness';
import { startReceiver } from './webhook-receiver';

let t: TestApp;
let v1: ReturnType<typeof v1Of>;
let receiver: Awaited<ReturnType<typeof startReceiver>>;

beforeAll(async () => {
  // The receiver listens on 127.0.0.1: an address Charla refuses unless the config allows it.
  t = await createTestApp({ config: { OUTBOUND_HTTP_ALLOW: '127.0.0.1' } });
  receiver = await startReceiver();
  v1 = v1Of(t, (await makeKey(t, ['webhooks:write'], 'CRM')).key);
});
afterAll(async () => {
  await receiver?.close();
  await t?.close();
});

const verified = (secret: string, type: string) =>
  receiver.received
    .filter((r) => JSON.parse(r.body).type === type)
    .map((r) =>
      new Webhook(secret).verify(r.body, {
        'webhook-id': String(r.headers['webhook-id']),
        'webhook-timestamp': String(r.headers['webhook-timestamp']),
        'webhook-signature': String(r.headers['webhook-signature']),
      }),
    );

describe('webhook subscriptions with a key', () => {
  it('made with its secret once; events arrive signed with it; the audit log names the key', async () => {
    const body = { url: receiver.url, events: ['message.received'], description: 'CRM' };
    const res = await v1('POST', '/api/v1/webhooks', body, { 'idempotency-key': 'wh-1' });
    expect(res.statusCode, res.body).toBe(201);
    const sub: WebhookSubscriptionWithSecret = res.json();
    expect(sub).toMatchObject({ url: receiver.url, events: ['message.received'], enabled: true });
    expect(sub.secret).toMatch(/^whsec_/);
    const again = await v1('POST', '/api/v1/webhooks', body, { 'idempotency-key': 'wh-1' });
    expect(again.headers['idempotent-replayed']).toBe('true');
    expect(again.json()).toMatchObject({ id: sub.id, secret: sub.secret });
    const [kept] = await t.container.db.query<{ response: { secret: string } }>(
      'SELECT response FROM api_idempotency WHERE key = $1',
      ['wh-1'],
    );
    expect(JSON.stringify(kept!.response)).not.toContain(sub.secret);
    expect((await v1('GET', '/api/v1/webhooks')).json().data.map((s: { id: string }) => s.id)).toEqual([
      sub.id,
    ]);

    await openConversation(t, '5215582000001', 'Hola, ¿tienen envío?');
    await t.waitFor(async () => verified(sub.secret, 'message.received').length > 0, 'the event');
    expect(verified(sub.secret, 'message.received')[0]).toMatchObject({ type: 'message.received' });

    const audit = (
      await t.app.inject({ method: 'GET', url: '/api/audit-log', headers: { cookie: t.cookie } })
    ).json();
    expect(JSON.stringify(audit)).toContain('webhook.created');
    expect(JSON.stringify(audit)).toContain('CRM');
  });

  it('changed, turned off, rotated (both secrets sign for a day) and removed', async () => {
    const sub: WebhookSubscriptionWithSecret = (
      await v1('POST', '/api/v1/webhooks', { url: receiver.url, events: ['message.received'] })
    ).json();
    const changed = await v1('PATCH', `/api/v1/webhooks/${sub.id}`, {
      events: ['message.received', 'contact.created'],
      enabled: false,
    });
    expect(changed.statusCode, changed.body).toBe(200);
    expect(changed.json()).toMatchObject({ events: ['message.received', 'contact.created'], enabled: false });
    expect(changed.json().secret).toBeUndefined();
    expect((await v1('PATCH', `/api/v1/webhooks/${sub.id}`, { enabled: true })).json().enabled).toBe(true);

    const rotated = await v1('POST', `/api/v1/webhooks/${sub.id}/rotate-secret`, {});
    expect(rotated.statusCode).toBe(200);
    const fresh: WebhookSubscriptionWithSecret = rotated.json();
    expect(fresh.secret).not.toBe(sub.secret);
    expect(fresh.previousSecretExpiresAt).not.toBeNull();
    const tested = await v1('POST', `/api/v1/webhooks/${sub.id}/test`, {});
    expect(tested.statusCode).toBe(202);
    await t.waitFor(async () => verified(fresh.secret, 'webhook.test').length > 0, 'the test event');
    expect(verified(sub.secret, 'webhook.test')).toHaveLength(1);

    const removed = await v1('DELETE', `/api/v1/webhooks/${sub.id}`);
    expect(removed.statusCode).toBe(204);
    expect((await v1('GET', '/api/v1/webhooks')).json().data.map((s: { id: string }) => s.id)).not.toContain(
      sub.id,
    );
    expect((await v1('DELETE', `/api/v1/webhooks/${sub.id}`)).statusCode).toBe(404);
  });

  it('names each field at fault; needs webhooks:write; another workspace’s key finds none', async () => {
    const bad = await v1('POST', '/api/v1/webhooks', { url: 'not a url', events: [] });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.fields.map((f: { path: string }) => f.path)).toEqual(
      expect.arrayContaining(['url', 'events']),
    );

    const reader = v1Of(t, (await makeKey(t, ['webhooks:read'])).key);
    const denied = await reader('POST', '/api/v1/webhooks', {
      url: receiver.url,
      events: ['message.received'],
    });
    expect(denied.statusCode).toBe(403);
    expect(denied.json().error.details.scope).toBe('webhooks:write');

    const [mine] = (await v1('GET', '/api/v1/webhooks')).json().data;
    const other = await addForeignOwner(t);
    const key = await t.app.inject({
      method: 'POST',
      url: '/api/api-keys',
      headers: { cookie: other.cookie },
      payload: { name: 'Otra', scopes: ['webhooks:write'] },
    });
    const foreign = v1Of(t, key.json().key);
    expect((await foreign('PATCH', `/api/v1/webhooks/${mine.id}`, { enabled: false })).statusCode).toBe(404);
    expect((await foreign('POST', `/api/v1/webhooks/${mine.id}/rotate-secret`, {})).statusCode).toBe(404);
    expect((await foreign('DELETE', `/api/v1/webhooks/${mine.id}`)).statusCode).toBe(404);
    expect((await v1('GET', '/api/v1/webhooks')).json().data[0]).toMatchObject({
      id: mine.id,
      enabled: true,
    });
  });
});
