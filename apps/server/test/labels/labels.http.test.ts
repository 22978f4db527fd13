import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addForeignOwner, addMember, customerWrites, type Member } from '../harness/members';
import { createTestApp, type TestApp } from '../harness/test-app';

let t: TestApp;
let agent: Member;
let foreign: Member;
let convA: string;
let convB: string;

type Method = 'GET' | 'POST' | 'PUT' | 'DELETE';
const api = (method: Method, url: string, payload?: object, cookie = t.cookie) =>
  t.app.inject({ method, url, headers: { cookie }, ...(payload ? { payload } : {}) });

beforeAll(async () => {
  t = await createTestApp();
  agent = await addMember(t, 'agent', 'Pablo Agente');
  foreign = await addForeignOwner(t);
  convA = await customerWrites(t, '5215510000001', 'Quiero devolver el pedido');
  convB = await customerWrites(t, '5215510000002', '¿Tienen talla 40?');
});
afterAll(() => t?.close());

describe('labels', () => {
  let devolucion: { id: string; name: string; color: string };

  it('owners and admins define labels; agents cannot; names are unique without case', async () => {
    const created = await api('POST', '/api/labels', { name: 'Devolución', color: 'red' });
    expect(created.statusCode).toBe(201);
    devolucion = created.json();
    expect(devolucion).toMatchObject({ name: 'Devolución', color: 'red' });
    const dup = await api('POST', '/api/labels', { name: 'devolución', color: 'blue' });
    expect(dup.statusCode).toBe(409);
    expect(dup.json().error).toMatchObject({ code: 'label_exists', fields: [{ path: 'name' }] });
    const badColor = await api('POST', '/api/labels', { name: 'Otra', color: 'chartreuse' });
    expect(badColor.statusCode).toBe(400);
    const byAgent = await api('POST', '/api/labels', { name: 'Agente', color: 'red' }, agent.cookie);
    expect(byAgent.statusCode).toBe(403);
    expect((await api('GET', '/api/labels', undefined, agent.cookie)).json().items).toEqual([devolucion]);
  });

  it('an agent applies and removes a label; chips, filter and history follow', async () => {
    const put = await api(
      'PUT',
      `/api/conversations/${convA}/labels/${devolucion.id}`,
      undefined,
      agent.cookie,
    );
    expect(put.statusCode).toBe(200);
    expect(put.json().labels).toEqual([devolucion]);
    // Applying twice changes nothing (and records nothing).
    await api('PUT', `/api/conversations/${convA}/labels/${devolucion.id}`, undefined, agent.cookie);

    const list = (await api('GET', '/api/conversations')).json().items;
    expect(list.find((c: { id: string }) => c.id === convA).labels).toEqual([devolucion]);
    expect(list.find((c: { id: string }) => c.id === convB).labels).toEqual([]);
    const filtered = (await api('GET', `/api/conversations?label=${devolucion.id}`)).json().items;
    expect(filtered.map((c: { id: string }) => c.id)).toEqual([convA]);

    const del = await api(
      'DELETE',
      `/api/conversations/${convA}/labels/${devolucion.id}`,
      undefined,
      agent.cookie,
    );
    expect(del.json().labels).toEqual([]);
    expect((await api('GET', `/api/conversations?label=${devolucion.id}`)).json().items).toEqual([]);

    const events = (await api('GET', `/api/conversations/${convA}`)).json().events;
    expect(
      events.map((e: { kind: string; from: string; to: string; actor: { name: string } }) => [
        e.kind,
        e.from,
        e.to,
        e.actor.name,
      ]),
    ).toEqual([
      ['label', null, 'Devolución', 'Pablo Agente'],
      ['label', 'Devolución', null, 'Pablo Agente'],
    ]);
  });

  it('renaming a label shows everywhere; deleting it takes it off the conversations', async () => {
    await api('PUT', `/api/conversations/${convB}/labels/${devolucion.id}`);
    const renamed = await api('PUT', `/api/labels/${devolucion.id}`, { name: 'Cambio', color: 'amber' });
    expect(renamed.json()).toMatchObject({ name: 'Cambio', color: 'amber' });
    const conv = (await api('GET', `/api/conversations/${convB}`)).json().conversation;
    expect(conv.labels).toEqual([{ id: devolucion.id, name: 'Cambio', color: 'amber' }]);
    expect((await api('DELETE', `/api/labels/${devolucion.id}`, undefined, agent.cookie)).statusCode).toBe(
      403,
    );
    expect((await api('DELETE', `/api/labels/${devolucion.id}`)).statusCode).toBe(204);
    expect((await api('GET', `/api/conversations/${convB}`)).json().conversation.labels).toEqual([]);
  });

  it('another workspace neither sees nor applies them', async () => {
    const label = (await api('POST', '/api/labels', { name: 'VIP', color: 'purple' })).json();
    expect((await api('GET', '/api/labels', undefined, foreign.cookie)).json().items).toEqual([]);
    const theirs = (await api('POST', '/api/labels', { name: 'VIP', color: 'gray' }, foreign.cookie)).json();
    expect(
      (await api('PUT', `/api/conversations/${convA}/labels/${label.id}`, undefined, foreign.cookie))
        .statusCode,
    ).toBe(404);
    // Their own label on our conversation, or our label through the filter: nothing.
    expect((await api('PUT', `/api/conversations/${convA}/labels/${theirs.id}`)).statusCode).toBe(404);
    await api('PUT', `/api/conversations/${convA}/labels/${label.id}`);
    expect(
      (await api('GET', `/api/conversations?label=${label.id}`, undefined, foreign.cookie)).json().items,
    ).toEqual([]);
    expect(
      (await api('PUT', `/api/labels/${label.id}`, { name: 'X', color: 'red' }, foreign.cookie)).statusCode,
    ).toBe(404);
  });
});
