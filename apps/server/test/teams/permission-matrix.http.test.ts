import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addForeignOwner, addMember, customerWrites, type Member } from '../harness/members';
import { createTestApp, type TestApp } from '../harness/test-app';

/**
 * The table in docs/api.md ("Who may call what"): each route as the owner, an admin, an agent
 * limited to assigned conversations (the conversation is hidden from them) and the owner of
 * another workspace. Statuses only: what each one may see is checked in team-inbox.http.test.ts.
 */
let t: TestApp;
let who: Record<'owner' | 'admin' | 'agent' | 'foreign', string>;
let conv: string;
let msg: string;
let teamId: string;
beforeAll(async () => {
  t = await createTestApp();
  const admin: Member = await addMember(t, 'admin', 'Beto Admin');
  const agent: Member = await addMember(t, 'agent', 'Carla Agent');
  const foreign = await addForeignOwner(t);
  who = { owner: t.cookie, admin: admin.cookie, agent: agent.cookie, foreign: foreign.cookie };
  conv = await customerWrites(t, '5215511110000', 'Hola');
  [{ id: msg }] = (await t.container.db.query<{ id: string }>('SELECT id FROM messages LIMIT 1')) as [
    { id: string },
  ];
  teamId = (
    await t.app.inject({
      method: 'POST',
      url: '/api/teams',
      headers: { cookie: t.cookie },
      payload: { name: 'T' },
    })
  ).json().id;
  await t.app.inject({
    method: 'PATCH',
    url: '/api/workspace/settings',
    headers: { cookie: t.cookie },
    payload: { conversationVisibility: 'assigned' },
  });
});
afterAll(() => t?.close());

type Row = [
  method: string,
  url: () => string,
  body: object | (() => object) | undefined,
  owner: number,
  admin: number,
  agent: number,
  foreign: number,
];
const rows: Row[] = [
  ['GET', () => '/api/me', undefined, 200, 200, 200, 200],
  ['GET', () => '/api/members', undefined, 200, 200, 200, 200],
  ['POST', () => '/api/invitations', { email: 'new@example.com', role: 'agent' }, 200, 200, 403, 200],
  ['GET', () => '/api/channels', undefined, 200, 200, 200, 200],
  ['GET', () => '/api/teams', undefined, 200, 200, 200, 200],
  ['POST', () => '/api/teams', () => ({ name: `x${Math.random()}` }), 201, 201, 403, 201],
  [
    'PUT',
    () => `/api/teams/${teamId}`,
    () => ({ name: `renamed ${Math.random()}`, memberIds: [] }),
    200,
    200,
    403,
    404,
  ],
  ['GET', () => '/api/workspace/settings', undefined, 200, 200, 200, 200],
  ['PATCH', () => '/api/workspace/settings', { conversationVisibility: 'assigned' }, 200, 200, 403, 200],
  ['GET', () => '/api/conversations', undefined, 200, 200, 200, 200],
  ['GET', () => `/api/conversations/${conv}`, undefined, 200, 200, 403, 404],
  ['POST', () => `/api/conversations/${conv}/read`, undefined, 204, 204, 403, 404],
  ['PATCH', () => `/api/conversations/${conv}`, { priority: 'low' }, 200, 200, 403, 404],
  ['POST', () => `/api/conversations/${conv}/assign`, { teamId: null }, 200, 200, 403, 404],
  ['POST', () => `/api/conversations/${conv}/messages`, { text: 'hola' }, 202, 202, 403, 404],
  ['POST', () => `/api/messages/${msg}/reaction`, { emoji: '👍' }, 202, 202, 403, 404],
  ['DELETE', () => `/api/teams/${teamId}`, undefined, 204, 204, 403, 404],
];

describe('permission matrix', () => {
  it.each(['owner', 'admin', 'agent', 'foreign'] as const)('%s gets what the table says', async (role) => {
    const col = { owner: 3, admin: 4, agent: 5, foreign: 6 }[role];
    // A team of this workspace for the team rows (the owner's and admin's rounds delete it).
    teamId = (
      await t.app.inject({
        method: 'POST',
        url: '/api/teams',
        headers: { cookie: t.cookie },
        payload: { name: `team of ${role}` },
      })
    ).json().id;
    for (const row of rows) {
      const [method, url, body] = row;
      const res = await t.app.inject({
        method: method as 'GET',
        url: url(),
        headers: { cookie: who[role] },
        ...(body ? { payload: typeof body === 'function' ? body() : body } : {}),
      });
      expect(res.statusCode, `${role} ${method} ${url()}: ${res.body.slice(0, 200)}`).toBe(row[col]);
    }
  });

  it('nothing of this workspace appears in another one', async () => {
    const get = (url: string) => t.app.inject({ method: 'GET', url, headers: { cookie: who.foreign } });
    expect((await get('/api/conversations')).json().items).toEqual([]);
    const teams = (await get('/api/teams')).json().items as { id: string }[];
    expect(teams.some((team) => team.id === teamId)).toBe(false);
    const members = (await get('/api/members')).json().items;
    expect(members.map((m: { name: string }) => m.name)).toEqual(['Otro']);
  });

  it('answers 401 to every route without a session', async () => {
    for (const [method, url, body] of rows) {
      const payload = typeof body === 'function' ? body() : body;
      const res = await t.app.inject({
        method: method as 'GET',
        url: url(),
        ...(payload ? { payload } : {}),
      });
      expect(res.statusCode, `${method} ${url()}`).toBe(401);
    }
  });
});
