import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addForeignOwner, addMember, customerWrites, type Member } from '../harness/members';
import { createTestApp, type TestApp } from '../harness/test-app';

let t: TestApp;
let admin: Member;
let agent: Member;
let otherAgent: Member;
let foreign: Member;

type Method = 'GET' | 'POST' | 'PUT' | 'DELETE';
const api = (method: Method, url: string, payload?: object, cookie = t.cookie) =>
  t.app.inject({ method, url, headers: { cookie }, ...(payload ? { payload } : {}) });
const names = async (kind: string, cookie: string) =>
  (await api('GET', `/api/views?kind=${kind}`, undefined, cookie))
    .json()
    .items.map((v: { name: string }) => v.name);

beforeAll(async () => {
  t = await createTestApp();
  admin = await addMember(t, 'admin', 'Beto Admin');
  agent = await addMember(t, 'agent', 'Carla Agente');
  otherAgent = await addMember(t, 'agent', 'Dani Agente');
  foreign = await addForeignOwner(t);
  await customerWrites(t, '5215510000003', 'Hola');
});
afterAll(() => t?.close());

describe('saved views', () => {
  it('a personal view is its owner’s only; a shared one (by an admin) is everyone’s', async () => {
    const label = (await api('POST', '/api/labels', { name: 'Urgente', color: 'red' })).json();
    const mine = await api(
      'POST',
      '/api/views',
      { kind: 'conversations', name: 'Mis urgentes', filters: { label: label.id, assignee: 'me' } },
      agent.cookie,
    );
    expect(mine.statusCode).toBe(201);
    expect(mine.json()).toMatchObject({
      kind: 'conversations',
      shared: false,
      editable: true,
      filters: { label: label.id, assignee: 'me' },
    });
    const shared = await api(
      'POST',
      '/api/views',
      { kind: 'conversations', name: 'Abiertas', shared: true, filters: { status: 'open' } },
      admin.cookie,
    );
    expect(shared.statusCode).toBe(201);
    expect(await names('conversations', agent.cookie)).toEqual(['Abiertas', 'Mis urgentes']);
    expect(await names('conversations', otherAgent.cookie)).toEqual(['Abiertas']);
    expect(await names('contacts', agent.cookie)).toEqual([]);
    expect(await names('conversations', foreign.cookie)).toEqual([]);

    const sharedByAgent = await api(
      'POST',
      '/api/views',
      { kind: 'conversations', name: 'X', shared: true, filters: {} },
      agent.cookie,
    );
    expect(sharedByAgent.statusCode).toBe(403);
    // Agents cannot change a shared view, nor see another member's personal one.
    const listed = (await api('GET', '/api/views?kind=conversations', undefined, agent.cookie)).json().items;
    expect(listed.find((v: { name: string }) => v.name === 'Abiertas').editable).toBe(false);
    expect((await api('PUT', `/api/views/${shared.json().id}`, { name: 'Y' }, agent.cookie)).statusCode).toBe(
      403,
    );
    expect(
      (await api('DELETE', `/api/views/${mine.json().id}`, undefined, otherAgent.cookie)).statusCode,
    ).toBe(404);
    const renamed = await api('PUT', `/api/views/${mine.json().id}`, { name: 'Urgentes míos' }, agent.cookie);
    expect(renamed.json()).toMatchObject({ name: 'Urgentes míos', filters: { label: label.id } });
    expect((await api('DELETE', `/api/views/${mine.json().id}`, undefined, agent.cookie)).statusCode).toBe(
      204,
    );
    expect(await names('conversations', agent.cookie)).toEqual(['Abiertas']);
  });

  it('refuses filters that are not valid for the kind, naming the field', async () => {
    const badStatus = await api('POST', '/api/views', {
      kind: 'conversations',
      name: 'Mal',
      filters: { status: 'dormant' },
    });
    expect(badStatus.statusCode).toBe(400);
    expect(badStatus.json().error.fields[0].path).toBe('filters.status');
    const unknownField = await api('POST', '/api/views', {
      kind: 'conversations',
      name: 'Mal',
      filters: { colour: 'x' },
    });
    expect(unknownField.statusCode).toBe(400);
    const missingLabel = await api('POST', '/api/views', {
      kind: 'conversations',
      name: 'Mal',
      filters: { label: '00000000-0000-4000-8000-000000000000' },
    });
    expect(missingLabel.json().error.fields).toEqual([{ path: 'filters.label', message: 'no such label' }]);
    const noName = await api('POST', '/api/views', { kind: 'contacts', name: '  ', filters: {} });
    expect(noName.statusCode).toBe(400);
    const badContact = await api('POST', '/api/views', {
      kind: 'contacts',
      name: 'Mal',
      filters: { attributes: [{ key: 'nope', op: 'eq', value: 'x' }] },
    });
    expect(badContact.json().error).toMatchObject({
      code: 'invalid_filter',
      fields: [{ path: 'attributes.0.key' }],
    });
  });

  it('stores contact views as ContactFilters with typed values', async () => {
    await api('POST', '/api/contacts/attributes', { key: 'orders', label: 'Pedidos', type: 'number' });
    const view = await api('POST', '/api/views', {
      kind: 'contacts',
      name: 'Compradores',
      shared: true,
      filters: {
        tags: ['vip', ' vip '],
        optIn: 'opted_in',
        attributes: [{ key: 'orders', op: 'gte', value: '3' }],
      },
    });
    expect(view.json().filters).toEqual({
      tags: ['vip'],
      optIn: 'opted_in',
      attributes: [{ key: 'orders', op: 'gte', value: 3 }],
    });
    expect(await names('contacts', agent.cookie)).toEqual(['Compradores']);
  });
});
