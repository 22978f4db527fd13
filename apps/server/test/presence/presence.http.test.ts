import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addMember, customerWrites, type Member } from '../harness/members';
import { createTestApp, type TestApp } from '../harness/test-app';
import { type Frame, openSocket, presenceIs, type TestSocket } from './sockets';

let t: TestApp;
let ownerId: string;
let admin: Member;
let agent: Member;
let conv: string;
const sockets: TestSocket[] = [];
const open = async (cookie: string) => {
  const s = await openSocket(t.baseUrl, cookie);
  sockets.push(s);
  return s;
};

beforeAll(async () => {
  t = await createTestApp();
  ownerId = (await t.app.inject({ method: 'GET', url: '/api/me', headers: { cookie: t.cookie } })).json().user
    .id;
  admin = await addMember(t, 'admin', 'Beto Admin');
  agent = await addMember(t, 'agent', 'Carla Agent');
  conv = await customerWrites(t, '5215530000001', 'Hola, ¿tienen talla M?');
  // Carla sees only what is assigned to her: this conversation is not.
  await t.app.inject({
    method: 'PATCH',
    url: '/api/workspace/settings',
    headers: { cookie: t.cookie },
    payload: { conversationVisibility: 'assigned' },
  });
});
afterAll(async () => {
  for (const s of sockets) await s.close();
  await t?.close();
});

const isPresence = (f: Frame) => f.type === 'presence.updated';

describe('presence', () => {
  it('tells who views and types, only to members who may see the conversation', async () => {
    const ana = await open(t.cookie);
    const beto = await open(admin.cookie);
    const carla = await open(agent.cookie);

    ana.send({ type: 'presence.viewing', conversationId: conv });
    await beto.next(presenceIs(conv, [ownerId]), 'Ana viewing, at Beto');
    ana.send({ type: 'presence.typing', conversationId: conv });
    await beto.next(presenceIs(conv, [ownerId], [ownerId]), 'Ana typing, at Beto');
    // Typing ends by itself about 6 s after the last signal.
    await beto.next(
      (f) =>
        presenceIs(conv, [ownerId])(f) &&
        beto.frames.indexOf(f) > beto.frames.findIndex(presenceIs(conv, [ownerId], [ownerId])),
      'Ana no longer typing',
      9_000,
    );

    // The restricted agent heard nothing about it, and may not claim to be viewing it either.
    carla.send({ type: 'presence.viewing', conversationId: conv });
    carla.send({ type: 'presence.typing', conversationId: conv });
    await new Promise((r) => setTimeout(r, 400));
    expect(carla.frames.filter(isPresence)).toEqual([]);
    expect(beto.frames.filter(isPresence).some((f) => (f.viewing as string[]).includes(agent.userId))).toBe(
      false,
    );

    // A socket opened later gets the current state at once.
    const beto2 = await open(admin.cookie);
    await beto2.next(presenceIs(conv, [ownerId]), 'snapshot on connect');

    // Leaving (closing the tab) ends viewing.
    await ana.close();
    await beto.next(presenceIs(conv, []), 'Ana gone');
  }, 20_000);

  it('sends a mention only to the mentioned member', async () => {
    const beto = await open(admin.cookie);
    const carla = await open(agent.cookie);
    const owner = await open(t.cookie);
    const res = await t.app.inject({
      method: 'POST',
      url: `/api/conversations/${conv}/notes`,
      headers: { cookie: t.cookie },
      payload: { body: '@Beto ¿lo atiendes tú?' },
    });
    expect(res.statusCode).toBe(201);
    const event = await beto.next((f) => f.type === 'note.mentioned', 'the mention');
    expect(event).toMatchObject({ conversationId: conv, noteId: res.json().id, userId: admin.userId });
    await owner.next((f) => f.type === 'conversation.updated', 'the note as a change');
    expect(carla.frames.some((f) => f.type === 'note.mentioned')).toBe(false);
    expect(owner.frames.some((f) => f.type === 'note.mentioned')).toBe(false);
  });

  it('counts a member with Charla open as online for automatic assignment, and not once closed', async () => {
    const lastSeen = async () =>
      (
        await t.container.db.query<{ last_seen_at: Date | null }>(
          'SELECT last_seen_at FROM workspace_members WHERE user_id = $1',
          [agent.userId],
        )
      )[0]!.last_seen_at;
    for (const s of sockets) await s.close();
    await t.waitFor(async () => (await lastSeen()) === null, 'Carla offline once her sockets closed');
    const carla = await open(agent.cookie);
    await t.waitFor(async () => (await lastSeen()) !== null, 'Carla online with a socket open');
    await carla.close();
    await t.waitFor(async () => (await lastSeen()) === null, 'Carla offline again');
  });
});
