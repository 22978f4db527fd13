import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addForeignOwner, addMember, type Member } from '../harness/members';
import { createTestApp, type TestApp } from '../harness/test-app';

let t: TestApp;
let admin: Member;
let agent: Member;
let foreign: Member;
beforeAll(async () => {
  t = await createTestApp();
  admin = await addMember(t, 'admin', 'Beto Admin');
  agent = await addMember(t, 'agent', 'Carla Agent');
  foreign = await addForeignOwner(t);
});
afterAll(() => t?.close());

const as =
  (cookie: () => string) => (method: 'GET' | 'POST' | 'PUT' | 'DELETE', url: string, payload?: object) =>
    t.app.inject({ method, url, headers: { cookie: cookie() }, ...(payload ? { payload } : {}) });
const owner = as(() => t.cookie);
const asAdmin = as(() => admin.cookie);
const asAgent = as(() => agent.cookie);
const asForeign = as(() => foreign.cookie);

describe('canned responses', () => {
  it('creates, lists, updates and deletes per workspace', async () => {
    const created = await asAdmin('POST', '/api/canned-responses', {
      shortcut: 'hola',
      body: 'Hola {{contact.name}}, soy {{ agent.name }} de {{workspace.name}}',
    });
    expect(created.statusCode, created.body).toBe(201);
    const { id } = created.json();

    const list = await asAgent('GET', '/api/canned-responses');
    expect(list.statusCode).toBe(200);
    expect(list.json().items).toMatchObject([{ id, shortcut: 'hola' }]);
    expect((await asForeign('GET', '/api/canned-responses')).json().items).toEqual([]);

    const updated = await owner('PUT', `/api/canned-responses/${id}`, {
      shortcut: 'saludo',
      body: 'Buenas {{contact.name}} ({{contact.phone}})',
    });
    expect(updated.statusCode, updated.body).toBe(200);
    expect(updated.json()).toMatchObject({
      shortcut: 'saludo',
      body: 'Buenas {{contact.name}} ({{contact.phone}})',
    });

    expect(
      (await asForeign('PUT', `/api/canned-responses/${id}`, { shortcut: 'x', body: 'y' })).statusCode,
    ).toBe(404);
    expect((await asForeign('DELETE', `/api/canned-responses/${id}`)).statusCode).toBe(404);
    expect((await owner('DELETE', `/api/canned-responses/${id}`)).statusCode).toBe(204);
    expect((await owner('GET', '/api/canned-responses')).json().items).toEqual([]);
    expect((await owner('DELETE', `/api/canned-responses/${id}`)).statusCode).toBe(404);
  });

  it('refuses unknown variables, naming the field and the allowed list', async () => {
    const res = await owner('POST', '/api/canned-responses', {
      shortcut: 'pedido',
      body: 'Tu pedido {{order.id}} para {{contact.name}}',
    });
    expect(res.statusCode).toBe(400);
    const { error } = res.json();
    expect(error.code).toBe('unknown_variable');
    expect(error.fields).toEqual([{ path: 'body', message: expect.stringContaining('{{order.id}}') }]);
    for (const v of ['contact.name', 'contact.phone', 'agent.name', 'workspace.name']) {
      expect(error.message).toContain(`{{${v}}}`);
    }
  });

  it('refuses a duplicate shortcut and lets agents read but not manage', async () => {
    expect(
      (await owner('POST', '/api/canned-responses', { shortcut: 'gracias', body: 'Gracias' })).statusCode,
    ).toBe(201);
    const dup = await asAdmin('POST', '/api/canned-responses', { shortcut: 'gracias', body: 'Otra' });
    expect(dup.statusCode).toBe(409);
    expect(dup.json().error.code).toBe('shortcut_taken');
    expect((await asAgent('POST', '/api/canned-responses', { shortcut: 'x', body: 'y' })).statusCode).toBe(
      403,
    );
    expect((await asAgent('GET', '/api/canned-responses')).statusCode).toBe(200);
    const badShortcut = await owner('POST', '/api/canned-responses', { shortcut: 'con espacio', body: 'y' });
    expect(badShortcut.statusCode).toBe(400);
  });
});
