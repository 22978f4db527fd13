import type { Broadcast, BroadcastRecipient, Template } from '@charla/contracts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { broadcastsApi, promo, promoVariables } from '../broadcasts/broadcast-fixtures';
import { addForeignOwner } from '../harness/members';
import { createTestApp, type TestApp } from '../harness/test-app';
import { approvedTemplate } from '../templates/template-fixtures';
import { makeKey, v1Of } from './api-harness';

let t: TestApp;
let template: Template;
let v1: ReturnType<typeof v1Of>;

beforeAll(async () => {
  t = await createTestApp({ simulator: { templateReviewMs: 50 } });
  template = await approvedTemplate(t, promo());
  v1 = v1Of(t, (await makeKey(t, ['broadcasts:write', 'contacts:write'])).key);
});
afterAll(() => t?.close());

/** Contacts with a tag, made through the API as an integration would. */
async function contacts(tag: string, phones: string[]) {
  for (const [i, phone] of phones.entries()) {
    const res = await v1('POST', '/api/v1/contacts', { phone, name: `Cliente ${i}`, tags: [tag] });
    expect(res.statusCode, res.body).toBe(201);
  }
}

const broadcastTo = (tag: string, extra: object = {}) => ({
  name: `Promo ${tag}`,
  channelId: t.sandbox.id,
  templateId: template.id,
  audience: { kind: 'filters', filters: { tags: [tag] } },
  variables: promoVariables(),
  ...extra,
});

const get = async (id: string): Promise<Broadcast> => (await v1('GET', `/api/v1/broadcasts/${id}`)).json();
const until = (id: string, ok: (b: Broadcast) => boolean, what: string) =>
  t.waitFor(async () => {
    const b = await get(id);
    return ok(b) && b;
  }, what);
const setRate = (ratePerSecond: number) =>
  broadcastsApi(t).call('PUT', `/api/broadcasts/channels/${t.sandbox.id}/rate`, { ratePerSecond });
const templateTextAt = (waId: string) =>
  t.simulator
    .chat(t.sandbox.phoneNumberId, waId)
    .filter((m) => m.from === 'business')
    .map((m) => m.text);

describe('broadcasts with a key', () => {
  it('sent now: each customer receives the template once, followed recipient by recipient', async () => {
    const phones = ['+34611000001', '+34611000002', '+34611000003'];
    await contacts('api-now', phones);
    const res = await v1('POST', '/api/v1/broadcasts', broadcastTo('api-now'), { 'idempotency-key': 'bc-1' });
    expect(res.statusCode, res.body).toBe(201);
    const made: Broadcast = res.json();
    expect(made.status).toBe('preparing');
    const again = await v1('POST', '/api/v1/broadcasts', broadcastTo('api-now'), {
      'idempotency-key': 'bc-1',
    });
    expect(again.headers['idempotent-replayed']).toBe('true');
    expect(again.json().id).toBe(made.id);

    const done = await until(
      made.id,
      (b) => b.status === 'completed' && b.counts.delivered === 3,
      'delivered',
    );
    expect(done.counts).toMatchObject({ total: 3, sent: 3, failed: 0 });
    for (const [i, phone] of phones.entries())
      expect(templateTextAt(phone.slice(1))).toEqual([
        `Hola Cliente ${i}, este fin de semana tienes un 20% en toda la tienda.`,
      ]);

    const first = (await v1('GET', `/api/v1/broadcasts/${made.id}/recipients?limit=2`)).json();
    expect(first.data).toHaveLength(2);
    expect(first.nextCursor).toEqual(expect.any(String));
    const rest = (
      await v1('GET', `/api/v1/broadcasts/${made.id}/recipients?limit=2&cursor=${first.nextCursor}`)
    ).json();
    expect(rest).toMatchObject({ nextCursor: null });
    const all: BroadcastRecipient[] = [...first.data, ...rest.data];
    expect(all.map((r) => r.phone).sort()).toEqual(phones);
    expect(all.every((r) => r.state === 'delivered' && r.deliveredAt !== null)).toBe(true);

    const list = (await v1('GET', '/api/v1/broadcasts')).json();
    expect(list.data.map((b: Broadcast) => b.id)).toContain(made.id);
  });

  it('scheduled: waits for its time; cancelled, it sends nothing; a wrong move is 409', async () => {
    await contacts('api-later', ['+34611000011']);
    const at = new Date(Date.now() + 3_600_000).toISOString();
    const res = await v1('POST', '/api/v1/broadcasts', broadcastTo('api-later', { scheduledAt: at }));
    expect(res.statusCode, res.body).toBe(201);
    const made: Broadcast = res.json();
    expect(made).toMatchObject({ status: 'scheduled', scheduledAt: at });

    const pause = await v1('POST', `/api/v1/broadcasts/${made.id}/pause`, {});
    expect(pause.statusCode).toBe(409);
    expect(pause.json().error.code).toBe('broadcast_status_conflict');
    const cancelled = await v1('POST', `/api/v1/broadcasts/${made.id}/cancel`, {});
    expect(cancelled.statusCode).toBe(200);
    expect(cancelled.json().status).toBe('cancelled');
    expect(templateTextAt('34611000011')).toEqual([]);
  });

  it('paused while sending, nobody more receives it until it resumes; then everyone does, once', async () => {
    // 30 at 4 a second: the pause lands long before the last, even on a loaded machine.
    const phones = Array.from({ length: 30 }, (_, i) => `+346110003${String(i).padStart(2, '0')}`);
    await contacts('api-pause', phones);
    await setRate(4);
    const made: Broadcast = (await v1('POST', '/api/v1/broadcasts', broadcastTo('api-pause'))).json();
    await until(made.id, (b) => b.counts.sent >= 1, 'the first send');
    const paused = await v1('POST', `/api/v1/broadcasts/${made.id}/pause`, {}, { 'idempotency-key': 'p-1' });
    expect(paused.json().status).toBe('paused');
    await new Promise((r) => setTimeout(r, 1_000));
    const reached = () => phones.filter((p) => templateTextAt(p.slice(1)).length > 0).length;
    const before = reached();
    await new Promise((r) => setTimeout(r, 1_000));
    expect(reached()).toBe(before);
    expect(before).toBeLessThan(30);

    await setRate(1000);
    const resumed = await v1('POST', `/api/v1/broadcasts/${made.id}/resume`, {});
    expect(resumed.json().status).toBe('sending');
    await until(made.id, (b) => b.status === 'completed', 'completed');
    for (const p of phones) expect(templateTextAt(p.slice(1))).toHaveLength(1);
  });

  it('names each field at fault, needs the broadcasts scope, and another workspace’s key finds none', async () => {
    const bad = await v1('POST', '/api/v1/broadcasts', {
      ...broadcastTo('x'),
      templateId: undefined,
      scheduledAt: 'tomorrow',
    });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.fields.map((f: { path: string }) => f.path)).toEqual(
      expect.arrayContaining(['templateId', 'scheduledAt']),
    );

    const reader = v1Of(t, (await makeKey(t, ['broadcasts:read'])).key);
    const made: Broadcast = (await v1('GET', '/api/v1/broadcasts')).json().data[0];
    expect((await reader('GET', `/api/v1/broadcasts/${made.id}`)).statusCode).toBe(200);
    const denied = await reader('POST', `/api/v1/broadcasts/${made.id}/cancel`, {});
    expect(denied.statusCode).toBe(403);
    expect(denied.json().error.details.scope).toBe('broadcasts:write');

    const other = await addForeignOwner(t);
    const key = await t.app.inject({
      method: 'POST',
      url: '/api/api-keys',
      headers: { cookie: other.cookie },
      payload: { name: 'Otra', scopes: ['broadcasts:write'] },
    });
    const foreign = v1Of(t, key.json().key);
    expect((await foreign('GET', `/api/v1/broadcasts/${made.id}`)).statusCode).toBe(404);
    expect((await foreign('GET', `/api/v1/broadcasts/${made.id}/recipients`)).statusCode).toBe(404);
    expect((await foreign('POST', `/api/v1/broadcasts/${made.id}/pause`, {})).statusCode).toBe(404);
    expect((await foreign('GET', '/api/v1/broadcasts')).json().data).toEqual([]);
  });
});
