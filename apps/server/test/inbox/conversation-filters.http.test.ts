import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../harness/test-app';

let t: TestApp;
let second: { id: string; phoneNumberId: string };
let ownerId: string;
const ids: Record<string, string> = {};

const api = (method: 'GET' | 'POST', url: string) =>
  t.app.inject({ method, url, headers: { cookie: t.cookie } });
const names = async (query: string) => {
  const res = await api('GET', `/api/conversations?${query}`);
  expect(res.statusCode, res.body).toBe(200);
  return res
    .json()
    .items.map((c: { contact: { name: string } }) => c.contact.name)
    .sort();
};

beforeAll(async () => {
  t = await createTestApp();
  const res = await api('POST', '/api/channels/sandbox');
  expect(res.statusCode, res.body).toBe(200);
  second = res.json();
  ownerId = (await api('GET', '/api/me')).json().user.id;
  const send = (phoneNumberId: string, waId: string, name: string) =>
    t.simulator.sendAsCustomer({ phoneNumberId, waId, name, text: `Hola, soy ${name}` });
  const count = async () =>
    Number((await t.container.db.query<{ n: string }>('SELECT count(*) AS n FROM messages'))[0]?.n);
  await send(t.sandbox.phoneNumberId, '5215500000001', 'Ana');
  await send(t.sandbox.phoneNumberId, '5215500000002', 'Beto');
  await send(t.sandbox.phoneNumberId, '5215500000003', 'Carla');
  await send(second.phoneNumberId, '5215500000004', 'Dani');
  await t.waitFor(async () => (await count()) === 4, 'four messages');
  for (const c of (await api('GET', '/api/conversations')).json().items) ids[c.contact.name] = c.id;

  // Ana has been read, Carla is resolved; only Beto wrote in the last 24 hours (the simulator
  // stamps messages with the real time, so the others' last messages are moved a day back).
  expect((await api('POST', `/api/conversations/${ids.Ana}/read`)).statusCode).toBe(204);
  await t.container.db.query(`UPDATE conversations SET status = 'resolved' WHERE id = $1`, [ids.Carla]);
  await t.container.db.query(
    `UPDATE conversations SET last_inbound_at = last_inbound_at - interval '25 hours' WHERE id <> $1`,
    [ids.Beto],
  );
});
afterAll(() => t?.close());

describe('GET /api/conversations filters', () => {
  it('lists everything without filters', async () => {
    expect(await names('')).toEqual(['Ana', 'Beto', 'Carla', 'Dani']);
  });

  it('filters by status and by channel', async () => {
    expect(await names('status=resolved')).toEqual(['Carla']);
    expect(await names('status=open')).toEqual(['Ana', 'Beto', 'Dani']);
    expect(await names(`channel=${second.id}`)).toEqual(['Dani']);
    expect(await names(`channel=${t.sandbox.id}&status=open`)).toEqual(['Ana', 'Beto']);
  });

  it('filters by the 24-hour window, as the clock sees it', async () => {
    expect(await names('window=open')).toEqual(['Beto']);
    expect(await names('window=closed')).toEqual(['Ana', 'Carla', 'Dani']);
  });

  it('filters unread only, and combines filters with AND', async () => {
    expect(await names('unread=true')).toEqual(['Beto', 'Carla', 'Dani']);
    expect(await names('unread=false')).toEqual(['Ana']);
    expect(await names('status=open&unread=true&window=closed')).toEqual(['Dani']);
  });

  it('filters by assignee (me, none, a member) and team', async () => {
    expect(await names('assignee=me')).toEqual([]);
    await t.container.db.query('UPDATE conversations SET assignee_user_id = $1 WHERE id = $2', [
      ownerId,
      ids.Ana,
    ]);
    expect(await names('assignee=me')).toEqual(['Ana']);
    expect(await names(`assignee=${ownerId}`)).toEqual(['Ana']);
    expect(await names('assignee=none')).toEqual(['Beto', 'Carla', 'Dani']);
    expect(await names('team=none')).toEqual(['Ana', 'Beto', 'Carla', 'Dani']);
  });

  it('rejects unknown values with the field named', async () => {
    for (const query of ['status=closed', 'channel=abc', 'window=maybe', 'unread=yes', 'assignee=him']) {
      const res = await api('GET', `/api/conversations?${query}`);
      expect(res.statusCode, query).toBe(400);
      expect(res.json().error.fields[0].path).toBe(query.split('=')[0]);
    }
  });
});
