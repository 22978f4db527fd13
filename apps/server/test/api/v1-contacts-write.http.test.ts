import type { ApiBulkContactsResult, Contact } from '@charla/contracts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addForeignOwner } from '../harness/members';
import { openConversation } from '../harness/outbound';
import { createTestApp, type TestApp } from '../harness/test-app';
import { makeKey, v1Of } from './api-harness';

let t: TestApp;
let v1: ReturnType<typeof v1Of>;

const web = (method: 'GET' | 'POST', url: string, payload?: object) =>
  t.app.inject({ method, url, headers: { cookie: t.cookie }, ...(payload ? { payload } : {}) });

async function newContact(phone: string, extra: object = {}): Promise<Contact> {
  const res = await v1('POST', '/api/v1/contacts', { phone, ...extra });
  expect(res.statusCode, res.body).toBe(201);
  return res.json();
}

beforeAll(async () => {
  t = await createTestApp();
  v1 = v1Of(t, (await makeKey(t, ['contacts:write'], 'CRM')).key);
  for (const attribute of [
    { key: 'plan', label: 'Plan', type: 'list', options: ['basico', 'pro'] },
    { key: 'visits', label: 'Visitas', type: 'number' },
  ])
    expect((await web('POST', '/api/contacts/attributes', attribute)).statusCode).toBe(201);
});
afterAll(() => t?.close());

describe('changing contacts with a key', () => {
  it('PATCH changes name, tags and attributes, as GET /api/v1 and the web app see it', async () => {
    const contact = await newContact('+34612000001', { name: 'Ana', tags: ['web'] });
    const res = await v1('PATCH', `/api/v1/contacts/${contact.id}`, {
      name: 'Ana Pérez',
      tags: ['mayorista', 'vip'],
      attributes: { plan: 'pro' },
    });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toMatchObject({
      name: 'Ana Pérez',
      tags: ['mayorista', 'vip'],
      attributes: { plan: 'pro' },
    });
    expect((await v1('GET', `/api/v1/contacts/${contact.id}`)).json()).toMatchObject({ name: 'Ana Pérez' });
    const inApp = (await web('GET', `/api/contacts/${contact.id}`)).json();
    expect(inApp).toMatchObject({
      name: 'Ana Pérez',
      tags: ['mayorista', 'vip'],
      attributes: { plan: 'pro' },
    });
    expect(new Date(inApp.updatedAt).toISOString()).toBe(inApp.updatedAt);
  });

  it('bad input is 400 naming each field; a value the attribute does not take is 422 naming it', async () => {
    const contact = await newContact('+34612000002');
    const bad = await v1('PATCH', `/api/v1/contacts/${contact.id}`, { name: 'x'.repeat(201), tags: 'vip' });
    expect(bad.statusCode).toBe(400);
    expect(
      bad
        .json()
        .error.fields.map((f: { path: string }) => f.path)
        .sort(),
    ).toEqual(['name', 'tags']);
    const wrong = await v1('PATCH', `/api/v1/contacts/${contact.id}/attributes`, {
      plan: 'oro',
      color: 'azul',
    });
    expect(wrong.statusCode).toBe(422);
    expect(
      wrong
        .json()
        .error.fields.map((f: { path: string }) => f.path)
        .sort(),
    ).toEqual(['attributes.color', 'attributes.plan']);
  });

  it('tags put on and taken off one by one, compared without case', async () => {
    const contact = await newContact('+34612000003', { tags: ['VIP'] });
    const added = await v1('POST', `/api/v1/contacts/${contact.id}/tags`, {
      tags: ['vip', 'nuevo', 'Nuevo'],
    });
    expect(added.statusCode, added.body).toBe(200);
    expect(added.json().tags).toEqual(['VIP', 'nuevo']);
    const removed = await v1('DELETE', `/api/v1/contacts/${contact.id}/tags/vip`);
    expect(removed.json().tags).toEqual(['nuevo']);
    const spaced = await v1('POST', `/api/v1/contacts/${contact.id}/tags`, { tags: ['cliente frecuente'] });
    expect(spaced.json().tags).toEqual(['nuevo', 'cliente frecuente']);
    const gone = await v1(
      'DELETE',
      `/api/v1/contacts/${contact.id}/tags/${encodeURIComponent('cliente frecuente')}`,
    );
    expect(gone.json().tags).toEqual(['nuevo']);
  });

  it('attributes merged, null removes one', async () => {
    const contact = await newContact('+34612000004');
    const set = await v1('PATCH', `/api/v1/contacts/${contact.id}/attributes`, { plan: 'basico', visits: 3 });
    expect(set.json().attributes).toEqual({ plan: 'basico', visits: 3 });
    const unset = await v1('PATCH', `/api/v1/contacts/${contact.id}/attributes`, { visits: null });
    expect(unset.json().attributes).toEqual({ plan: 'basico' });
  });

  it('opt-in and opt-out are recorded with source api and the time; a retry with the same key answers the same', async () => {
    const contact = await newContact('+34612000005');
    const out = await v1('POST', `/api/v1/contacts/${contact.id}/opt-out`, undefined, {
      'idempotency-key': 'optout-5',
    });
    expect(out.statusCode, out.body).toBe(200);
    expect(out.json().optIn).toMatchObject({ state: 'opted_out', source: 'api' });
    expect(new Date(out.json().optIn.at).toISOString()).toBe(out.json().optIn.at);
    const inApp = (await web('GET', `/api/contacts/${contact.id}`)).json();
    expect(inApp.optIn).toMatchObject({ state: 'opted_out', source: 'api' });

    await v1('POST', `/api/v1/contacts/${contact.id}/opt-in`);
    const retry = await v1('POST', `/api/v1/contacts/${contact.id}/opt-out`, undefined, {
      'idempotency-key': 'optout-5',
    });
    expect(retry.headers['idempotent-replayed']).toBe('true');
    expect(retry.json()).toEqual(out.json());
    // The replay answered, it did not opt the contact out again.
    expect((await v1('GET', `/api/v1/contacts/${contact.id}`)).json().optIn.state).toBe('opted_in');
  });

  it('bulk: created, updated and rejected row by row, by index, phones in E.164', async () => {
    const known = await newContact('+5215591200001', { name: 'Rosa', tags: ['tienda'] });
    const payload = {
      contacts: [
        { phone: '+52 1 55 9120 0001', tags: ['mayorista'], attributes: { plan: 'pro' } },
        { phone: '+5215591200002', name: 'Tomás', optIn: 'opted_in' },
        { phone: '55 12AB' },
        { phone: '+5215591200003', attributes: { color: 'azul' } },
        { phone: '+5215591200004', attributes: { visits: 'muchas' } },
        { phone: '+525591200002' },
      ],
    };
    const res = await v1('POST', '/api/v1/contacts/bulk', payload, { 'idempotency-key': 'bulk-1' });
    expect(res.statusCode, res.body).toBe(200);
    const body: ApiBulkContactsResult = res.json();
    expect(body).toMatchObject({ created: 1, updated: 1, rejected: 4 });
    expect(body.results.map((r) => [r.index, r.status, r.code, r.field])).toEqual([
      [0, 'updated', null, null],
      [1, 'created', null, null],
      [2, 'rejected', 'invalid_phone', 'phone'],
      [3, 'rejected', 'unknown_attribute', 'attributes.color'],
      [4, 'rejected', 'invalid_value', 'attributes.visits'],
      [5, 'rejected', 'duplicate_in_request', 'phone'],
    ]);
    expect(body.results[0]).toMatchObject({ contactId: known.id, phone: '+525591200001' });
    expect(body.results[5]!.reason).toContain('row 1');
    const updated = (await v1('GET', `/api/v1/contacts/${known.id}`)).json();
    expect(updated).toMatchObject({
      name: 'Rosa',
      tags: ['tienda', 'mayorista'],
      attributes: { plan: 'pro' },
    });
    const created = (await v1('GET', `/api/v1/contacts/${body.results[1]!.contactId}`)).json();
    expect(created).toMatchObject({
      name: 'Tomás',
      phone: '+525591200002',
      optIn: { state: 'opted_in', source: 'api' },
    });

    const again = await v1('POST', '/api/v1/contacts/bulk', payload, { 'idempotency-key': 'bulk-1' });
    expect(again.headers['idempotent-replayed']).toBe('true');
    expect(again.json()).toEqual(body);
  });

  it('bulk: more than 1,000 rows is 400 naming the limit', async () => {
    const contacts = Array.from({ length: 1001 }, (_, i) => ({
      phone: `+3461300${String(i).padStart(4, '0')}`,
    }));
    const res = await v1('POST', '/api/v1/contacts/bulk', { contacts });
    expect(res.statusCode).toBe(400);
    expect(res.json().error.fields[0]).toMatchObject({ path: 'contacts' });
    expect(JSON.stringify(res.json().error)).toContain('1000');
  });

  it('DELETE erases the contact with its conversations; the audit log names the key', async () => {
    const conv = await openConversation(t, '5215591200009', 'Bórrenme, por favor');
    const [row] = await t.container.db.query<{ contact_id: string }>(
      'SELECT contact_id FROM conversations WHERE id = $1',
      [conv.id],
    );
    const res = await v1('DELETE', `/api/v1/contacts/${row!.contact_id}`);
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toMatchObject({ conversations: 1, messages: 1 });
    expect((await v1('GET', `/api/v1/contacts/${row!.contact_id}`)).statusCode).toBe(404);
    expect((await web('GET', `/api/conversations/${conv.id}`)).statusCode).toBe(404);
    const [audit] = await t.container.db.query<{ actor_label: string; actor_user_id: string | null }>(
      `SELECT actor_label, actor_user_id FROM audit_log WHERE action = 'contact.erased' AND target_id = $1`,
      [row!.contact_id],
    );
    expect(audit).toMatchObject({ actor_label: 'CRM', actor_user_id: null });
    expect((await v1('DELETE', `/api/v1/contacts/${row!.contact_id}`)).statusCode).toBe(404);
  });

  it('403 without contacts:write; 404 for a contact of another workspace, which stays as it was', async () => {
    const contact = await newContact('+34612000006', { name: 'Luis', tags: ['a'] });
    const reader = v1Of(t, (await makeKey(t, ['contacts:read'])).key);
    for (const [method, url, body] of [
      ['PATCH', `/api/v1/contacts/${contact.id}`, { name: 'X' }],
      ['DELETE', `/api/v1/contacts/${contact.id}`, undefined],
      ['POST', `/api/v1/contacts/${contact.id}/tags`, { tags: ['x'] }],
      ['POST', '/api/v1/contacts/bulk', { contacts: [{ phone: '+34612000099' }] }],
    ] as const) {
      const denied = await reader(method, url, body);
      expect(denied.statusCode).toBe(403);
      expect(denied.json().error.details.scope).toBe('contacts:write');
    }

    const foreign = await addForeignOwner(t);
    const made = await t.app.inject({
      method: 'POST',
      url: '/api/api-keys',
      headers: { cookie: foreign.cookie },
      payload: { name: 'Ajena', scopes: ['contacts:write'] },
    });
    const other = v1Of(t, made.json().key);
    for (const [method, url, body] of [
      ['PATCH', `/api/v1/contacts/${contact.id}`, { name: 'X' }],
      ['PATCH', `/api/v1/contacts/${contact.id}/attributes`, {}],
      ['POST', `/api/v1/contacts/${contact.id}/tags`, { tags: ['x'] }],
      ['DELETE', `/api/v1/contacts/${contact.id}/tags/a`, undefined],
      ['POST', `/api/v1/contacts/${contact.id}/opt-out`, undefined],
      ['DELETE', `/api/v1/contacts/${contact.id}`, undefined],
    ] as const)
      expect((await other(method, url, body)).statusCode, `${method} ${url}`).toBe(404);
    // Their bulk makes their own contact: one customer may be a contact of two businesses.
    const theirs = (
      await other('POST', '/api/v1/contacts/bulk', { contacts: [{ phone: '+34612000006' }] })
    ).json();
    expect(theirs.results[0]).toMatchObject({ status: 'created' });
    expect(theirs.results[0].contactId).not.toBe(contact.id);
    expect((await v1('GET', `/api/v1/contacts/${contact.id}`)).json()).toMatchObject({
      name: 'Luis',
      tags: ['a'],
      optIn: { state: 'unknown' },
    });
  });
});
