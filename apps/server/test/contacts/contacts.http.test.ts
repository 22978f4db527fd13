import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../harness/test-app';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(() => t?.close());

type Method = 'GET' | 'POST' | 'PATCH';
const api = (method: Method, url: string, payload?: object, cookie = t.cookie) =>
  t.app.inject({ method, url, headers: { cookie }, ...(payload ? { payload } : {}) });

async function agentCookie(): Promise<string> {
  const invite = await api('POST', '/api/invitations', { email: 'agente@example.com', role: 'agent' });
  const token = invite.json().url.split('/invite/')[1];
  const accept = await t.app.inject({
    method: 'POST',
    url: `/api/invitations/${token}/accept`,
    payload: { name: 'Pablo', password: 'pablo password 1' },
  });
  return String(accept.headers['set-cookie']).split(';')[0] ?? '';
}

describe('contacts', () => {
  let contactId: string;
  let conversationId: string;

  beforeAll(async () => {
    await t.simulator.sendAsCustomer({
      phoneNumberId: t.sandbox.phoneNumberId,
      waId: '5215512345678',
      name: 'María',
      text: 'Hola, ¿tienen envío?',
    });
    const conv = await t.waitFor(
      async () => (await api('GET', '/api/conversations')).json().items[0],
      'the conversation',
    );
    contactId = conv.contact.id;
    conversationId = conv.id;
  });

  it('lists and searches contacts by name and by phone digits', async () => {
    const all = (await api('GET', '/api/contacts')).json();
    expect(all.total).toBe(1);
    expect(all.items[0]).toMatchObject({
      id: contactId,
      name: 'María',
      phone: '+525512345678',
      waId: '5215512345678',
      tags: [],
      attributes: {},
      optIn: { state: 'unknown', source: null, at: null },
    });
    expect((await api('GET', '/api/contacts?q=mar')).json().total).toBe(1);
    expect((await api('GET', '/api/contacts?q=55 1234')).json().total).toBe(1);
    expect((await api('GET', '/api/contacts?q=Jorge')).json()).toMatchObject({ total: 0, items: [] });
    expect((await api('GET', '/api/contacts?cursor=nonsense')).json().error.code).toBe('invalid_cursor');
  });

  it('shows the profile with the contact conversations', async () => {
    const profile = (await api('GET', `/api/contacts/${contactId}`)).json();
    expect(profile.conversations).toEqual([
      expect.objectContaining({
        id: conversationId,
        lastMessageText: 'Hola, ¿tienen envío?',
        status: 'open',
      }),
    ]);
    const missing = await api('GET', '/api/contacts/00000000-0000-4000-8000-000000000000');
    expect(missing.statusCode).toBe(404);
    expect(missing.json().error.code).toBe('contact_not_found');
  });

  it('defines typed attributes; only owners and admins may', async () => {
    for (const def of [
      { key: 'plan', label: 'Plan', type: 'list', options: ['Básico', 'Pro'] },
      { key: 'birthday', label: 'Cumpleaños', type: 'date' },
      { key: 'orders', label: 'Pedidos', type: 'number' },
      { key: 'vip', label: 'VIP', type: 'boolean' },
      { key: 'city', label: 'Ciudad', type: 'text' },
    ]) {
      expect((await api('POST', '/api/contacts/attributes', def)).statusCode).toBe(201);
    }
    const dup = await api('POST', '/api/contacts/attributes', { key: 'plan', label: 'Otro', type: 'text' });
    expect(dup.statusCode).toBe(409);
    const noOptions = await api('POST', '/api/contacts/attributes', {
      key: 'tier',
      label: 'Tier',
      type: 'list',
    });
    expect(noOptions.json().error.fields).toEqual([{ path: 'options', message: 'give at least one option' }]);
    const badKey = await api('POST', '/api/contacts/attributes', {
      key: 'Bad Key',
      label: 'x',
      type: 'text',
    });
    expect(badKey.statusCode).toBe(400);
    const agent = await agentCookie();
    const asAgent = await api(
      'POST',
      '/api/contacts/attributes',
      { key: 'x', label: 'x', type: 'text' },
      agent,
    );
    expect(asAgent.statusCode).toBe(403);
    expect((await api('GET', '/api/contacts/attributes', undefined, agent)).json().items).toHaveLength(5);
    expect((await api('GET', '/api/contacts/export.csv', undefined, agent)).statusCode).toBe(403);
    // Agents still edit the contacts they talk to.
    expect(
      (await api('PATCH', `/api/contacts/${contactId}`, { notes: 'Prefiere la tarde' }, agent)).statusCode,
    ).toBe(200);
  });

  it('edits name, tags, notes and attributes, checking each value against its type', async () => {
    const bad = await api('PATCH', `/api/contacts/${contactId}`, {
      attributes: { plan: 'Gold', birthday: '2024-02-30', orders: '3', vip: 'yes', nope: 'x' },
    });
    expect(bad.statusCode).toBe(422);
    expect(bad.json().error.code).toBe('invalid_attributes');
    expect(bad.json().error.fields).toEqual([
      { path: 'attributes.plan', message: 'must be one of: Básico, Pro' },
      { path: 'attributes.birthday', message: 'must be a date (YYYY-MM-DD)' },
      { path: 'attributes.orders', message: 'must be a number' },
      { path: 'attributes.vip', message: 'must be true or false' },
      { path: 'attributes.nope', message: 'unknown attribute' },
    ]);
    const ok = await api('PATCH', `/api/contacts/${contactId}`, {
      name: 'María López',
      tags: ['mayorista', 'cdmx', 'mayorista'],
      attributes: { plan: 'pro', birthday: '1990-05-17', orders: 3, vip: true, city: 'CDMX' },
    });
    expect(ok.statusCode).toBe(200);
    expect(ok.json()).toMatchObject({
      name: 'María López',
      profileName: 'María',
      tags: ['mayorista', 'cdmx'],
      notes: 'Prefiere la tarde',
      attributes: { plan: 'Pro', birthday: '1990-05-17', orders: 3, vip: true, city: 'CDMX' },
    });
    const removed = await api('PATCH', `/api/contacts/${contactId}`, { attributes: { city: null } });
    expect(removed.json().attributes).toEqual({ plan: 'Pro', birthday: '1990-05-17', orders: 3, vip: true });
  });

  it('records opt-in and opt-out with source and date', async () => {
    const out = (await api('PATCH', `/api/contacts/${contactId}`, { optIn: 'opted_out' })).json();
    expect(out.optIn).toEqual({ state: 'opted_out', source: 'agent', at: t.clock.now().toISOString() });
  });

  it('keeps every message of the contact after editing it', async () => {
    await t.simulator.sendAsCustomer({
      phoneNumberId: t.sandbox.phoneNumberId,
      waId: '5215512345678',
      name: 'María',
      text: 'Sigo aquí',
    });
    const thread = await t.waitFor(async () => {
      const th = (await api('GET', `/api/conversations/${conversationId}`)).json();
      return th.messages.length === 2 && th;
    }, 'the second message in the same conversation');
    expect(thread.messages.map((m: { text: string }) => m.text)).toEqual([
      'Hola, ¿tienen envío?',
      'Sigo aquí',
    ]);
    const profile = (await api('GET', `/api/contacts/${contactId}`)).json();
    expect(profile.name).toBe('María López');
    expect(profile.conversations).toHaveLength(1);
    expect((await api('GET', '/api/contacts')).json().total).toBe(1);
  });

  it('tells every member’s browser when a contact is added or changed, and not when a change is refused', async () => {
    const events: Record<string, unknown>[] = [];
    const unsubscribe = t.container.bus.subscribe((e) => events.push(e));
    const refused = await api('PATCH', `/api/contacts/${contactId}`, { attributes: { nope: 'x' } });
    expect(refused.statusCode).toBe(422);
    const changed = await api('PATCH', `/api/contacts/${contactId}`, { notes: 'Llama por la tarde' });
    expect(changed.statusCode).toBe(200);
    const added = await api('POST', '/api/contacts', { phone: '+52 55 9876 5432', name: 'Nuevo' });
    expect(added.statusCode, added.body).toBe(201);
    await t.waitFor(
      async () => events.filter((e) => e.type === 'contact.updated').length >= 2,
      'two contact.updated',
    );
    unsubscribe();
    expect(events.filter((e) => e.type === 'contact.updated').map((e) => e.contactId)).toEqual([
      contactId,
      added.json().id,
    ]);
  });
});
