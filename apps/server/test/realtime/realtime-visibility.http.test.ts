import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addForeignOwner, addMember, customerWrites, type Member } from '../harness/members';
import { createTestApp, type TestApp } from '../harness/test-app';
import { type Frame, openSocket, type TestSocket } from '../presence/sockets';

// Who hears which realtime event (the realtime rows of the permission matrix, docs/api.md "Who may
// call what"): the workspace shows agents only the conversations assigned to them or their teams,
// and each socket hears exactly what its member's inbox shows. A socket hears its frames in order,
// so once a restricted agent heard an event sent after another, it would have heard that one too.
let t: TestApp;
let admin: Member;
let agent: Member;
let foreign: Member;
let visible: string;
let hidden: string;
let teamId: string;
const sockets: Record<'owner' | 'admin' | 'agent' | 'foreign', TestSocket> = {} as never;

const as = (cookie: string) => (method: 'POST' | 'PATCH' | 'PUT', url: string, payload: object) =>
  t.app.inject({ method, url, headers: { cookie }, payload });

beforeAll(async () => {
  t = await createTestApp();
  admin = await addMember(t, 'admin', 'Beto Admin');
  agent = await addMember(t, 'agent', 'Carla Agent');
  foreign = await addForeignOwner(t);
  visible = await customerWrites(t, '5215500000100', 'Hola, soy de Carla');
  hidden = await customerWrites(t, '5215500000101', 'Hola, soy de Ventas');
  const owner = as(t.cookie);
  teamId = (await owner('POST', '/api/teams', { name: 'Ventas', memberIds: [] })).json().id;
  expect(
    (await owner('POST', `/api/conversations/${visible}/assign`, { assigneeUserId: agent.userId }))
      .statusCode,
  ).toBe(200);
  expect((await owner('POST', `/api/conversations/${hidden}/assign`, { teamId })).statusCode).toBe(200);
  await owner('PATCH', '/api/workspace/settings', { conversationVisibility: 'assigned' });
  sockets.owner = await openSocket(t.baseUrl, t.cookie);
  sockets.admin = await openSocket(t.baseUrl, admin.cookie);
  sockets.agent = await openSocket(t.baseUrl, agent.cookie);
  sockets.foreign = await openSocket(t.baseUrl, foreign.cookie);
});
afterAll(async () => {
  for (const s of Object.values(sockets)) await s?.close();
  await t?.close();
});

const about = (conversationId: string, type?: string) => (f: Frame) =>
  f.conversationId === conversationId && (!type || f.type === type);

describe('realtime events follow what each member may see', () => {
  it('a customer message: owner and admin hear it, the agent only in their own conversation, another workspace never', async () => {
    const seen = sockets.agent.frames.length;
    await customerWrites(t, '5215500000101', 'Precio del plan anual');
    await customerWrites(t, '5215500000100', 'Y mi pedido?');
    for (const role of ['owner', 'admin'] as const) {
      await sockets[role].next(
        about(hidden, 'message.created'),
        `${role}: the hidden conversation's message`,
      );
      await sockets[role].next(
        about(visible, 'message.created'),
        `${role}: the visible conversation's message`,
      );
    }
    await sockets.agent.next(about(visible, 'message.created'), 'agent: their own conversation');
    expect(sockets.agent.frames.slice(seen).filter(about(hidden))).toEqual([]);
    expect(sockets.foreign.frames.filter((f) => f.conversationId)).toEqual([]);
  });

  it('a conversation change and a mention in a hidden conversation do not reach the agent', async () => {
    const seen = sockets.agent.frames.length;
    const owner = as(t.cookie);
    await owner('PATCH', `/api/conversations/${hidden}`, { priority: 'high' });
    await owner('POST', `/api/conversations/${hidden}/notes`, { body: '@Carla mira este precio' });
    await sockets.owner.next(about(hidden, 'conversation.updated'), 'owner: the change');
    await owner('PATCH', `/api/conversations/${visible}`, { priority: 'high' });
    await owner('POST', `/api/conversations/${visible}/notes`, { body: '@Carla este es tuyo' });
    await sockets.agent.next(about(visible, 'conversation.updated'), 'agent: their conversation changed');
    await sockets.agent.next(about(visible, 'note.mentioned'), 'agent: mentioned in their conversation');
    expect(sockets.agent.frames.slice(seen).filter(about(hidden))).toEqual([]);
    // A mention is for the member mentioned only.
    expect(sockets.admin.frames.filter((f) => f.type === 'note.mentioned')).toEqual([]);
  });

  it('joining the team opens the conversation to the agent at once, leaving it closes it again, "all" opens everything', async () => {
    const asAdmin = as(admin.cookie);
    expect(
      (await asAdmin('PUT', `/api/teams/${teamId}`, { name: 'Ventas', memberIds: [agent.userId] }))
        .statusCode,
    ).toBe(200);
    const joined = sockets.agent.frames.length;
    await customerWrites(t, '5215500000101', 'Sigo esperando');
    await sockets.agent.next(
      (f) => sockets.agent.frames.indexOf(f) >= joined && about(hidden, 'message.created')(f),
      'agent: the team conversation once in the team',
      2_000,
    );

    expect((await asAdmin('PUT', `/api/teams/${teamId}`, { name: 'Ventas', memberIds: [] })).statusCode).toBe(
      200,
    );
    const left = sockets.agent.frames.length;
    await customerWrites(t, '5215500000101', 'Hola??');
    await customerWrites(t, '5215500000100', 'Gracias');
    await sockets.agent.next(
      (f) => sockets.agent.frames.indexOf(f) >= left && about(visible, 'message.created')(f),
      'agent: their own conversation',
    );
    expect(sockets.agent.frames.slice(left).filter(about(hidden))).toEqual([]);

    // With the workspace showing everything to agents, the agent hears every conversation.
    await as(t.cookie)('PATCH', '/api/workspace/settings', { conversationVisibility: 'all' });
    const seen = sockets.agent.frames.length;
    await customerWrites(t, '5215500000101', 'Ahora sí');
    await sockets.agent.next(
      (f) => sockets.agent.frames.indexOf(f) >= seen && about(hidden, 'message.created')(f),
      'agent: any conversation',
    );
    expect(sockets.foreign.frames.filter((f) => f.conversationId)).toEqual([]);
  });

  it('an agent who loses a conversation hears that it changed, then nothing more of it', async () => {
    const owner = as(t.cookie);
    await owner('PATCH', '/api/workspace/settings', { conversationVisibility: 'assigned' });
    const sentinel = await customerWrites(t, '5215500000102', 'Otra cosa');
    await owner('POST', `/api/conversations/${sentinel}/assign`, { assigneeUserId: agent.userId });
    const before = sockets.agent.frames.length;
    const since = (f: Frame) => sockets.agent.frames.indexOf(f) >= before;
    expect(
      (await owner('POST', `/api/conversations/${visible}/assign`, { assigneeUserId: admin.userId }))
        .statusCode,
    ).toBe(200);
    const told = await sockets.agent.next(
      (f) => since(f) && about(visible, 'conversation.updated')(f),
      'agent: the conversation they lost changed',
      2_000,
    );
    // Ids only: nothing says who has it now or had it before.
    expect(Object.keys(told).sort()).toEqual(['conversationId', 'type']);
    const after = sockets.agent.frames.length;
    await customerWrites(t, '5215500000100', '¿Hola?');
    await customerWrites(t, '5215500000102', 'Sigo aquí');
    await sockets.agent.next(
      (f) => sockets.agent.frames.indexOf(f) >= after && about(sentinel, 'message.created')(f),
      'agent: the conversation still theirs',
    );
    expect(sockets.agent.frames.slice(after).filter(about(visible))).toEqual([]);
  });
});
