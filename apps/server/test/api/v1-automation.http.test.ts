import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { requestsAs, rulesApi, simulatedCustomers } from '../automation/automation-harness';
import { addForeignOwner } from '../harness/members';
import { createTestApp, type TestApp } from '../harness/test-app';
import { makeKey, v1Of } from './api-harness';

let t: TestApp;
let v1: ReturnType<typeof v1Of>;
let published: string;
let unpublished: string;

const owner = requestsAs(() => t)(() => t.cookie);
const { newCustomer, writes, received, waitReceived, conversationOf } = simulatedCustomers(() => t, {
  prefix: '34677',
  name: 'Lucía Gómez',
});

const greeting = {
  nodes: [
    { id: 'start', type: 'start' },
    {
      id: 'hello',
      type: 'message',
      message: { type: 'text', text: 'Hola {{contact.first_name}}, tu cita es mañana.' },
    },
    { id: 'bye', type: 'end', text: 'Te esperamos.' },
  ],
  edges: [
    { id: 'e1', source: 'start', target: 'hello' },
    { id: 'e2', source: 'hello', target: 'bye' },
  ],
};

async function flow(name: string, publish: boolean): Promise<string> {
  const made = await owner('POST', '/api/flows', { name, draft: greeting });
  expect(made.statusCode, made.body).toBe(201);
  if (publish) expect((await owner('POST', `/api/flows/${made.json().id}/publish`)).statusCode).toBe(200);
  return made.json().id;
}

beforeAll(async () => {
  t = await createTestApp();
  await rulesApi(owner).allOff();
  v1 = v1Of(t, (await makeKey(t, ['automation:write', 'contacts:write'])).key);
  published = await flow('Recordatorio', true);
  unpublished = await flow('Borrador', false);
});
afterAll(() => t?.close());

describe('bots started with a key', () => {
  it('the customer receives the bot’s messages; a retry with the same key starts nothing more', async () => {
    const from = newCustomer();
    writes(from, 'Hola');
    const conversationId = await conversationOf(from);
    const start = () =>
      v1('POST', `/api/v1/flows/${published}/start`, { phone: `+${from}` }, { 'idempotency-key': 'cita-1' });
    const res = await start();
    expect(res.statusCode, res.body).toBe(202);
    expect(res.json()).toMatchObject({ flowId: published, conversationId, status: 'queued' });
    expect(await waitReceived(from, 2)).toEqual(['Hola Lucía, tu cita es mañana.', 'Te esperamos.']);

    const again = await start();
    expect(again.headers['idempotent-replayed']).toBe('true');
    expect(again.json().conversationId).toBe(conversationId);
    await new Promise((r) => setTimeout(r, 300));
    expect(received(from)).toHaveLength(2);
  });

  it('says why it cannot start: not published, no such bot, opted out, whom is missing', async () => {
    const from = newCustomer();
    writes(from, 'Hola');
    await conversationOf(from);
    const notPublished = await v1('POST', `/api/v1/flows/${unpublished}/start`, { phone: `+${from}` });
    expect(notPublished.statusCode).toBe(422);
    expect(notPublished.json().error.code).toBe('flow_not_published');

    const missing = await v1('POST', '/api/v1/flows/00000000-0000-4000-8000-000000000000/start', {
      phone: `+${from}`,
    });
    expect(missing.statusCode).toBe(404);

    const contact = await v1('POST', '/api/v1/contacts', { phone: '+34677999001', optIn: 'opted_out' });
    expect(contact.statusCode, contact.body).toBe(201);
    const optedOut = await v1('POST', `/api/v1/flows/${published}/start`, { contactId: contact.json().id });
    expect(optedOut.statusCode).toBe(422);
    expect(optedOut.json().error).toMatchObject({
      code: 'contact_opted_out',
      fields: [{ path: 'contactId' }],
    });
    expect(received('34677999001')).toEqual([]);

    const nobody = await v1('POST', `/api/v1/flows/${published}/start`, {});
    expect(nobody.statusCode).toBe(400);
    expect(nobody.json().error.fields.map((f: { path: string }) => f.path)).toEqual(['contactId', 'phone']);

    const badPhone = await v1('POST', `/api/v1/flows/${published}/start`, { phone: '12AB' });
    expect(badPhone.statusCode).toBe(422);
    expect(badPhone.json().error).toMatchObject({ code: 'invalid_phone', fields: [{ path: 'phone' }] });
  });
});

describe('sequences with a key', () => {
  it('enrols a contact by phone; the first step reaches them after its delay; twice is already_enrolled', async () => {
    const sequence = await owner('POST', '/api/sequences', {
      name: 'Seguimiento',
      channelId: t.sandbox.id,
      window: { timeZone: 'UTC', weekdays: [1, 2, 3, 4, 5, 6, 7], from: '00:00', to: '24:00' },
      steps: [
        {
          delay: { amount: 10, unit: 'minutes' },
          message: { type: 'text', text: '¿Te ayudo con algo más?' },
        },
      ],
    });
    expect(sequence.statusCode, sequence.body).toBe(201);
    const id: string = sequence.json().id;
    const from = newCustomer();
    writes(from, 'Gracias');
    await conversationOf(from);

    const res = await v1(
      'POST',
      `/api/v1/sequences/${id}/enrollments`,
      { phone: `+${from}` },
      { 'idempotency-key': 'e-1' },
    );
    expect(res.statusCode, res.body).toBe(201);
    expect(res.json()).toMatchObject({ sequenceId: id, status: 'enrolled' });
    const replay = await v1(
      'POST',
      `/api/v1/sequences/${id}/enrollments`,
      { phone: `+${from}` },
      { 'idempotency-key': 'e-1' },
    );
    expect(replay.statusCode).toBe(201);
    expect(replay.headers['idempotent-replayed']).toBe('true');
    const twice = await v1('POST', `/api/v1/sequences/${id}/enrollments`, {
      contactId: res.json().contactId,
    });
    expect(twice.statusCode).toBe(200);
    expect(twice.json().status).toBe('already_enrolled');
    const list = (await owner('GET', `/api/sequences/${id}/enrollments`)).json().enrollments;
    expect(list).toHaveLength(1);
    expect(list[0]).toMatchObject({ enrolledBy: 'api', status: 'active' });

    t.clock.advance(11 * 60_000);
    t.container.automationWorker.wake();
    expect(await waitReceived(from, 1)).toEqual(['¿Te ayudo con algo más?']);

    const optedOut = await v1('POST', '/api/v1/contacts', { phone: '+34677999002', optIn: 'opted_out' });
    const refused = await v1('POST', `/api/v1/sequences/${id}/enrollments`, {
      contactId: optedOut.json().id,
    });
    expect(refused.statusCode).toBe(422);
    expect(refused.json().error.code).toBe('contact_opted_out');
    const unknown = await v1('POST', `/api/v1/sequences/${id}/enrollments`, {
      contactId: '00000000-0000-4000-8000-000000000000',
    });
    expect(unknown.statusCode).toBe(404);
  });

  it('needs automation:write; another workspace’s key finds neither the bot nor the sequence', async () => {
    const reader = v1Of(t, (await makeKey(t, ['automation:read'])).key);
    const denied = await reader('POST', `/api/v1/flows/${published}/start`, { phone: '+34677999003' });
    expect(denied.statusCode).toBe(403);
    expect(denied.json().error.details.scope).toBe('automation:write');

    const other = await addForeignOwner(t);
    const key = await t.app.inject({
      method: 'POST',
      url: '/api/api-keys',
      headers: { cookie: other.cookie },
      payload: { name: 'Otra', scopes: ['automation:write'] },
    });
    const foreign = v1Of(t, key.json().key);
    expect(
      (await foreign('POST', `/api/v1/flows/${published}/start`, { phone: '+34677999004' })).statusCode,
    ).toBe(404);
    const [seq] = await t.container.db.query<{ id: string }>('SELECT id FROM sequences LIMIT 1');
    const enrol = await foreign('POST', `/api/v1/sequences/${seq!.id}/enrollments`, {
      phone: '+34677999004',
    });
    expect(enrol.statusCode).toBe(404);
    expect(received('34677999004')).toEqual([]);
  });
});
