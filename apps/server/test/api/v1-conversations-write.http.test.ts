import type { Conversation, Thread } from '@charla/contracts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addForeignOwner, addMember, type Member } from '../harness/members';
import { openConversation } from '../harness/outbound';
import { createTestApp, type TestApp } from '../harness/test-app';
import { makeKey, v1Of } from './api-harness';

let t: TestApp;
let v1: ReturnType<typeof v1Of>;
let agent: Member;
let teamId: string;
let labelId: string;

const web = (method: 'GET' | 'POST', url: string, payload?: object) =>
  t.app.inject({ method, url, headers: { cookie: t.cookie }, ...(payload ? { payload } : {}) });
const thread = async (id: string): Promise<Thread> => (await web('GET', `/api/conversations/${id}`)).json();
const KEY = { kind: 'api', name: 'CRM' };

beforeAll(async () => {
  t = await createTestApp();
  v1 = v1Of(t, (await makeKey(t, ['conversations:write', 'messages:write'], 'CRM')).key);
  agent = await addMember(t, 'agent', 'Lucía');
  teamId = (await web('POST', '/api/teams', { name: 'Ventas', memberIds: [agent.userId] })).json().id;
  labelId = (await web('POST', '/api/labels', { name: 'Pedido', color: 'blue' })).json().id;
});
afterAll(() => t?.close());

describe('working conversations with a key', () => {
  it('assign: the web inbox sees the agent and team, the history names the key; null unassigns', async () => {
    const conv = await openConversation(t, '5215592000001', 'Quiero comprar');
    const res = await v1(
      'POST',
      `/api/v1/conversations/${conv.id}/assign`,
      { assigneeUserId: agent.userId, teamId, note: 'Cliente mayorista' },
      { 'idempotency-key': 'assign-1' },
    );
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toMatchObject({ assignee: { id: agent.userId, name: 'Lucía' }, team: { id: teamId } });

    const mine = (
      await t.app.inject({ method: 'GET', url: '/api/conversations', headers: { cookie: agent.cookie } })
    )
      .json()
      .items.map((c: Conversation) => c.id);
    expect(mine).toContain(conv.id);
    const seen = await thread(conv.id);
    expect(seen.conversation.assignee?.id).toBe(agent.userId);
    const assigned = seen.events.find((e) => e.kind === 'assignee');
    expect(assigned).toMatchObject({
      actor: null,
      to: agent.userId,
      note: 'Cliente mayorista',
      automatedBy: KEY,
    });

    const retry = await v1(
      'POST',
      `/api/v1/conversations/${conv.id}/assign`,
      { assigneeUserId: agent.userId, teamId, note: 'Cliente mayorista' },
      { 'idempotency-key': 'assign-1' },
    );
    expect(retry.headers['idempotent-replayed']).toBe('true');
    expect(retry.json()).toEqual(res.json());
    expect((await thread(conv.id)).events.filter((e) => e.kind === 'assignee')).toHaveLength(1);

    const off = await v1('POST', `/api/v1/conversations/${conv.id}/assign`, { assigneeUserId: null });
    expect(off.json()).toMatchObject({ assignee: null, team: { id: teamId } });
    const stranger = await v1('POST', `/api/v1/conversations/${conv.id}/assign`, {
      assigneeUserId: '00000000-0000-4000-8000-000000000001',
    });
    expect(stranger.statusCode).toBe(422);
    expect(stranger.json().error.fields[0].path).toBe('assigneeUserId');
    const bad = await v1('POST', `/api/v1/conversations/${conv.id}/assign`, {
      assigneeUserId: 'lucia',
      teamId: 7,
    });
    expect(bad.statusCode).toBe(400);
    expect(
      bad
        .json()
        .error.fields.map((f: { path: string }) => f.path)
        .sort(),
    ).toEqual(['assigneeUserId', 'teamId']);
  });

  it('status: resolved, and snoozed until an ISO 8601 time; without the time it is 400 naming it', async () => {
    const conv = await openConversation(t, '5215592000002', 'Gracias, eso era todo');
    const resolved = await v1('POST', `/api/v1/conversations/${conv.id}/status`, { status: 'resolved' });
    expect(resolved.statusCode, resolved.body).toBe(200);
    expect((await thread(conv.id)).conversation.status).toBe('resolved');
    expect((await thread(conv.id)).events.at(-1)).toMatchObject({
      kind: 'status',
      to: 'resolved',
      automatedBy: KEY,
    });

    const noTime = await v1('POST', `/api/v1/conversations/${conv.id}/status`, { status: 'snoozed' });
    expect(noTime.statusCode).toBe(400);
    expect(noTime.json().error.fields[0].path).toBe('snoozedUntil');
    const until = new Date(t.clock.now().getTime() + 2 * 86_400_000).toISOString();
    const snoozed = await v1('POST', `/api/v1/conversations/${conv.id}/status`, {
      status: 'snoozed',
      snoozedUntil: until,
    });
    expect(snoozed.json()).toMatchObject({ status: 'snoozed', snoozedUntil: until });
    const wrong = await v1('POST', `/api/v1/conversations/${conv.id}/status`, {
      status: 'closed',
      snoozedUntil: 'mañana',
    });
    expect(wrong.statusCode).toBe(400);
    expect(
      wrong
        .json()
        .error.fields.map((f: { path: string }) => f.path)
        .sort(),
    ).toEqual(['snoozedUntil', 'status']);
  });

  it('notes: the note appears in the thread, written by the key, never sent to the customer', async () => {
    const conv = await openConversation(t, '5215592000003', '¿Tienen talla M?');
    const res = await v1(
      'POST',
      `/api/v1/conversations/${conv.id}/notes`,
      { body: 'Pedido #1001 pagado en la tienda' },
      { 'idempotency-key': 'note-1' },
    );
    expect(res.statusCode, res.body).toBe(201);
    expect(res.json()).toMatchObject({
      author: null,
      automatedBy: KEY,
      body: 'Pedido #1001 pagado en la tienda',
    });
    const again = await v1(
      'POST',
      `/api/v1/conversations/${conv.id}/notes`,
      { body: 'Pedido #1001 pagado en la tienda' },
      { 'idempotency-key': 'note-1' },
    );
    expect(again.json().id).toBe(res.json().id);
    const seen = await thread(conv.id);
    expect(seen.notes.map((n) => [n.body, n.automatedBy?.name])).toEqual([
      ['Pedido #1001 pagado en la tienda', 'CRM'],
    ]);
    expect(seen.messages.map((m) => m.text)).not.toContain('Pedido #1001 pagado en la tienda');
  });

  it('labels: put on and taken off, as the web inbox sees them', async () => {
    const conv = await openConversation(t, '5215592000004', 'Hola');
    const on = await v1('POST', `/api/v1/conversations/${conv.id}/labels`, { labelId });
    expect(on.statusCode, on.body).toBe(200);
    expect(on.json().labels.map((l: { name: string }) => l.name)).toEqual(['Pedido']);
    expect((await thread(conv.id)).conversation.labels.map((l) => l.id)).toEqual([labelId]);
    const off = await v1('DELETE', `/api/v1/conversations/${conv.id}/labels/${labelId}`);
    expect(off.json().labels).toEqual([]);
    const unknown = await v1('POST', `/api/v1/conversations/${conv.id}/labels`, {
      labelId: '00000000-0000-4000-8000-000000000002',
    });
    expect(unknown.statusCode).toBe(404);
  });

  it('messages: newest first, paged with nextCursor', async () => {
    const conv = await openConversation(t, '5215592000005', 'mensaje 0');
    t.clock.advance(60_000); // after the customer's message, whose time WhatsApp gave
    for (let i = 1; i <= 54; i++) {
      t.clock.advance(1000);
      const sent = await v1('POST', '/api/v1/messages', {
        to: '+5215592000005',
        type: 'text',
        text: { body: `mensaje ${i}` },
      });
      expect(sent.statusCode, sent.body).toBe(202);
    }
    const first = await v1('GET', `/api/v1/conversations/${conv.id}/messages`);
    expect(first.statusCode, first.body).toBe(200);
    const page = first.json();
    expect(page.data).toHaveLength(50);
    expect(page.data[0].text).toBe('mensaje 54');
    expect(page.data[49].text).toBe('mensaje 5');
    expect(page.nextCursor).toEqual(expect.any(String));
    const rest = (
      await v1(
        'GET',
        `/api/v1/conversations/${conv.id}/messages?cursor=${encodeURIComponent(page.nextCursor)}`,
      )
    ).json();
    expect(rest.data.map((m: { text: string }) => m.text)).toEqual([
      'mensaje 4',
      'mensaje 3',
      'mensaje 2',
      'mensaje 1',
      'mensaje 0',
    ]);
    expect(rest.nextCursor).toBeNull();
    expect(new Date(rest.data[0].createdAt).toISOString()).toBe(rest.data[0].createdAt);
  });

  it('403 without conversations:write (reading is allowed); 404 for a conversation of another workspace', async () => {
    const conv = await openConversation(t, '5215592000006', 'Hola');
    const reader = v1Of(t, (await makeKey(t, ['conversations:read'])).key);
    expect((await reader('GET', `/api/v1/conversations/${conv.id}/messages`)).statusCode).toBe(200);
    for (const [method, url, body] of [
      ['POST', `/api/v1/conversations/${conv.id}/assign`, { assigneeUserId: null }],
      ['POST', `/api/v1/conversations/${conv.id}/status`, { status: 'resolved' }],
      ['POST', `/api/v1/conversations/${conv.id}/notes`, { body: 'x' }],
      ['POST', `/api/v1/conversations/${conv.id}/labels`, { labelId }],
      ['DELETE', `/api/v1/conversations/${conv.id}/labels/${labelId}`, undefined],
    ] as const) {
      const denied = await reader(method, url, body);
      expect(denied.statusCode).toBe(403);
      expect(denied.json().error.details.scope).toBe('conversations:write');
    }

    const foreign = await addForeignOwner(t);
    const made = await t.app.inject({
      method: 'POST',
      url: '/api/api-keys',
      headers: { cookie: foreign.cookie },
      payload: { name: 'Ajena', scopes: ['conversations:write'] },
    });
    const other = v1Of(t, made.json().key);
    const theirLabel = (
      await t.app.inject({
        method: 'POST',
        url: '/api/labels',
        headers: { cookie: foreign.cookie },
        payload: { name: 'Ajena', color: 'red' },
      })
    ).json().id;
    for (const [method, url, body] of [
      ['POST', `/api/v1/conversations/${conv.id}/assign`, { assigneeUserId: null, teamId: null }],
      ['POST', `/api/v1/conversations/${conv.id}/status`, { status: 'resolved' }],
      ['POST', `/api/v1/conversations/${conv.id}/notes`, { body: 'de fuera' }],
      ['POST', `/api/v1/conversations/${conv.id}/labels`, { labelId: theirLabel }],
      ['DELETE', `/api/v1/conversations/${conv.id}/labels/${theirLabel}`, undefined],
      ['GET', `/api/v1/conversations/${conv.id}/messages`, undefined],
    ] as const)
      expect((await other(method, url, body)).statusCode, `${method} ${url}`).toBe(404);
    const seen = await thread(conv.id);
    expect(seen.conversation).toMatchObject({ status: 'open', labels: [] });
    expect(seen.notes).toEqual([]);
    const [labelled] = await t.container.db.query<{ n: number }>(
      'SELECT count(*)::int AS n FROM conversation_labels WHERE conversation_id = $1',
      [conv.id],
    );
    expect(labelled!.n).toBe(0);
  });
});
