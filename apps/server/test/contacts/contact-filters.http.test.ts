import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addMember, customerWrites, type Member } from '../harness/members';
import { createTestApp, type TestApp } from '../harness/test-app';

let t: TestApp;
let agent: Member;
type Method = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
const api = (method: Method, url: string, payload?: object, cookie = t.cookie) =>
  t.app.inject({ method, url, headers: { cookie }, ...(payload ? { payload } : {}) });
const names = async (query: string) => {
  const res = await api('GET', `/api/contacts?${query}`);
  expect(res.statusCode, res.body).toBe(200);
  const body = res.json();
  expect(body.total).toBe(body.items.length);
  return body.items.map((c: { name: string }) => c.name).sort();
};

const contactOf = async (waId: string) =>
  (await api('GET', `/api/contacts?q=${waId}`)).json().items[0].id as string;

beforeAll(async () => {
  t = await createTestApp();
  agent = await addMember(t, 'agent', 'Pablo Agente');
  for (const def of [
    { key: 'plan', label: 'Plan', type: 'list', options: ['Básico', 'Pro'] },
    { key: 'orders', label: 'Pedidos', type: 'number' },
    { key: 'since', label: 'Cliente desde', type: 'date' },
  ])
    await api('POST', '/api/contacts/attributes', def);
  const people = [
    [
      '5215510000011',
      'Ana',
      { tags: ['vip'], optIn: 'opted_in', attributes: { plan: 'Pro', orders: 12, since: '2020-03-01' } },
    ],
    ['5215510000012', 'Bea', { tags: ['lead'], attributes: { plan: 'Básico', orders: 3 } }],
    ['5215510000013', 'Carlos', { tags: ['vip', 'lead'], optIn: 'opted_out', attributes: { orders: 9 } }],
  ] as const;
  for (const [waId, name, patch] of people) {
    await customerWrites(t, waId, `Soy ${name}`);
    const id = await contactOf(waId);
    const res = await api('PATCH', `/api/contacts/${id}`, { name, ...patch });
    expect(res.statusCode, res.body).toBe(200);
  }
});
afterAll(() => t?.close());

describe('GET /api/contacts filters', () => {
  it('filters by tags (any of), opt-in state and typed attribute conditions, with the count', async () => {
    expect(await names('tag=vip')).toEqual(['Ana', 'Carlos']);
    expect(await names('tag=vip&tag=lead')).toEqual(['Ana', 'Bea', 'Carlos']);
    expect(await names('optIn=opted_out')).toEqual(['Carlos']);
    expect(await names('attr=orders:gt:9')).toEqual(['Ana']);
    expect(await names('attr=orders:lte:9&tag=lead')).toEqual(['Bea', 'Carlos']);
    expect(await names('attr=plan:eq:pro')).toEqual(['Ana']);
    expect(await names('attr=plan:not_set')).toEqual(['Carlos']);
    expect(await names(`attr=${encodeURIComponent('since:lt:01/01/2021')}`)).toEqual(['Ana']);
    expect(await names('q=an&tag=vip')).toEqual(['Ana']);
  });

  it('answers a clear 400 for a condition that cannot work', async () => {
    const noOp = await api('GET', '/api/contacts?attr=orders');
    expect(noOp.statusCode).toBe(400);
    expect(noOp.json().error.fields[0].path).toBe('attr.0');
    const badValue = await api('GET', '/api/contacts?attr=orders:gt:muchos');
    expect(badValue.json().error).toMatchObject({
      code: 'invalid_filter',
      fields: [{ path: 'attributes.0.value', message: 'Pedidos must be a number' }],
    });
    expect((await api('GET', '/api/contacts?optIn=maybe')).statusCode).toBe(400);
  });
});

describe('attribute definitions', () => {
  it('renames and changes options; refuses removing an option contacts hold; delete drops the values', async () => {
    const defs = (await api('GET', '/api/contacts/attributes')).json().items;
    const plan = defs.find((d: { key: string }) => d.key === 'plan');
    expect(
      (await api('PUT', `/api/contacts/attributes/${plan.id}`, { label: 'Tarifa' }, agent.cookie)).statusCode,
    ).toBe(403);
    const renamed = await api('PUT', `/api/contacts/attributes/${plan.id}`, {
      label: 'Tarifa',
      options: ['Básico', 'Pro', 'Empresa'],
    });
    expect(renamed.json()).toMatchObject({
      key: 'plan',
      label: 'Tarifa',
      options: ['Básico', 'Pro', 'Empresa'],
    });
    const removing = await api('PUT', `/api/contacts/attributes/${plan.id}`, {
      options: ['Básico', 'Empresa'],
    });
    expect(removing.statusCode).toBe(409);
    expect(removing.json().error).toMatchObject({
      code: 'option_in_use',
      message: expect.stringContaining('"Pro" (1)'),
    });
    const orders = defs.find((d: { key: string }) => d.key === 'orders');
    expect((await api('PUT', `/api/contacts/attributes/${orders.id}`, { options: ['a'] })).statusCode).toBe(
      400,
    );
    expect((await api('DELETE', `/api/contacts/attributes/${orders.id}`)).statusCode).toBe(204);
    const ana = (await api('GET', `/api/contacts?q=Ana`)).json().items[0];
    expect(ana.attributes).toEqual({ plan: 'Pro', since: '2020-03-01' });
    expect((await api('GET', '/api/contacts?attr=orders:gt:1')).json().error.fields[0].path).toBe(
      'attributes.0.key',
    );
  });
});
