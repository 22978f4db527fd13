import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addMember, customerWrites, type Member } from '../harness/members';
import { createTestApp, type TestApp } from '../harness/test-app';

let t: TestApp;
let agent: Member;
let admin: Member;
beforeAll(async () => {
  t = await createTestApp();
  admin = await addMember(t, 'admin', 'Beto Admin');
  agent = await addMember(t, 'agent', 'Carla Agent');
});
afterAll(() => t?.close());

const as = (cookie: () => string) => (method: 'GET' | 'POST' | 'PATCH', url: string, payload?: object) =>
  t.app.inject({ method, url, headers: { cookie: cookie() }, ...(payload ? { payload } : {}) });
const owner = as(() => t.cookie);
const asAgent = as(() => agent.cookie);

describe('internal notes', () => {
  it('are stored and listed in the thread, never sent to the customer', async () => {
    const id = await customerWrites(t, '5215520000001', 'Hola, mi pedido no llegó');
    await new Promise((r) => setTimeout(r, 200));
    const sendsBefore = t.simulator.sends(t.sandbox.phoneNumberId).length;

    const res = await owner('POST', `/api/conversations/${id}/notes`, { body: 'Cliente VIP, @Carla revisa' });
    expect(res.statusCode, res.body).toBe(201);
    expect(res.json()).toMatchObject({
      conversationId: id,
      author: { name: 'Ana Owner' },
      body: 'Cliente VIP, @Carla revisa',
      mentionedUserIds: [agent.userId],
    });

    const thread = (await owner('GET', `/api/conversations/${id}`)).json();
    expect(thread.notes).toHaveLength(1);
    expect(thread.notes[0]).toMatchObject({
      body: 'Cliente VIP, @Carla revisa',
      author: { name: 'Ana Owner' },
    });
    expect(thread.messages.filter((m: { direction: string }) => m.direction === 'outbound')).toEqual([]);

    await new Promise((r) => setTimeout(r, 500));
    expect(t.simulator.sends(t.sandbox.phoneNumberId)).toHaveLength(sendsBefore);
    const [outbound] = await t.container.db.query<{ n: number }>(
      `SELECT count(*)::int AS n FROM messages WHERE conversation_id = $1 AND direction = 'outbound'`,
      [id],
    );
    expect(outbound!.n).toBe(0);
  });

  it('publishes note.mentioned with the mentioned user id', async () => {
    const id = await customerWrites(t, '5215520000002', 'Hola');
    const seen: Array<Record<string, unknown>> = [];
    const stop = t.container.bus.subscribe((e) => seen.push(e));
    try {
      await owner('POST', `/api/conversations/${id}/notes`, { body: '@beto admin mira esto' });
      const event = await t.waitFor(
        async () => seen.find((e) => e.type === 'note.mentioned'),
        'note.mentioned',
      );
      expect(event).toMatchObject({ conversationId: id, userId: admin.userId });
    } finally {
      stop();
    }
  });

  it('refuses an empty note and an unknown conversation', async () => {
    const id = await customerWrites(t, '5215520000003', 'Hola');
    expect((await owner('POST', `/api/conversations/${id}/notes`, { body: '  ' })).statusCode).toBe(400);
    const missing = await owner('POST', '/api/conversations/00000000-0000-4000-8000-000000000000/notes', {
      body: 'x',
    });
    expect(missing.statusCode).toBe(404);
  });

  it('an agent limited to assigned conversations gets 403 on notes of a hidden one', async () => {
    const id = await customerWrites(t, '5215520000004', 'Hola');
    await owner('PATCH', '/api/workspace/settings', { conversationVisibility: 'assigned' });
    try {
      const hidden = await asAgent('POST', `/api/conversations/${id}/notes`, { body: 'me cuelo' });
      expect(hidden.statusCode).toBe(403);
      expect((await asAgent('GET', `/api/conversations/${id}`)).statusCode).toBe(403);

      await owner('POST', `/api/conversations/${id}/assign`, { assigneeUserId: agent.userId });
      const allowed = await asAgent('POST', `/api/conversations/${id}/notes`, { body: 'ya es mía' });
      expect(allowed.statusCode, allowed.body).toBe(201);
      const thread = (await asAgent('GET', `/api/conversations/${id}`)).json();
      expect(thread.notes.map((n: { body: string }) => n.body)).toEqual(['ya es mía']);
    } finally {
      await owner('PATCH', '/api/workspace/settings', { conversationVisibility: 'all' });
    }
  });
});
