import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { reopenSnoozedConversations } from '../../src/modules/inbox';
import { addMember, customerWrites, type Member } from '../harness/members';
import { createTestApp, type TestApp } from '../harness/test-app';

let t: TestApp;
let admin: Member;
let agent: Member;
let other: Member;
beforeAll(async () => {
  t = await createTestApp();
  admin = await addMember(t, 'admin', 'Beto Admin');
  agent = await addMember(t, 'agent', 'Carla Agent');
  other = await addMember(t, 'agent', 'Dani Agent');
});
afterAll(() => t?.close());

const as =
  (cookie: () => string) =>
  (method: 'GET' | 'POST' | 'PATCH' | 'PUT' | 'DELETE', url: string, payload?: object) =>
    t.app.inject({ method, url, headers: { cookie: cookie() }, ...(payload ? { payload } : {}) });
const owner = as(() => t.cookie);
const asAdmin = as(() => admin.cookie);
const asAgent = as(() => agent.cookie);

describe('statuses, priority and their history', () => {
  it('resolves, sets priority and shows each change as a history line in the thread', async () => {
    const id = await customerWrites(t, '5215500000001', 'Hola');
    const res = await owner('PATCH', `/api/conversations/${id}`, { status: 'pending', priority: 'high' });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({ status: 'pending', priority: 'high', snoozedUntil: null });
    await owner('PATCH', `/api/conversations/${id}`, { status: 'resolved', note: 'Listo' });
    const thread = (await owner('GET', `/api/conversations/${id}`)).json();
    expect(thread.conversation.status).toBe('resolved');
    expect(
      thread.events.map((e: { kind: string; from: string; to: string }) => [e.kind, e.from, e.to]),
    ).toEqual([
      ['status', 'open', 'pending'],
      ['priority', 'none', 'high'],
      ['status', 'pending', 'resolved'],
    ]);
    expect(thread.events[2]).toMatchObject({ actor: { name: 'Ana Owner' }, note: 'Listo' });
  });

  it('a resolved conversation reopens on a new customer message', async () => {
    const id = await customerWrites(t, '5215500000002', 'Primera');
    await owner('PATCH', `/api/conversations/${id}`, { status: 'resolved' });
    await customerWrites(t, '5215500000002', 'Otra pregunta');
    expect((await owner('GET', `/api/conversations/${id}`)).json().conversation.status).toBe('open');
  });

  it('snoozes until a time, reopens itself then, and on a customer message before it', async () => {
    const id = await customerWrites(t, '5215500000003', 'Luego te digo');
    const until = new Date(t.clock.now().getTime() + 3600_000).toISOString();
    const snoozed = await owner('PATCH', `/api/conversations/${id}`, {
      status: 'snoozed',
      snoozedUntil: until,
    });
    expect(snoozed.json()).toMatchObject({ status: 'snoozed', snoozedUntil: until });
    expect(await reopenSnoozedConversations(t.container.inbox)).toBe(0);
    t.clock.advance(3600_000 + 1000);
    expect(await reopenSnoozedConversations(t.container.inbox)).toBeGreaterThanOrEqual(1);
    const thread = (await owner('GET', `/api/conversations/${id}`)).json();
    expect(thread.conversation).toMatchObject({ status: 'open', snoozedUntil: null });
    expect(thread.events.at(-1)).toMatchObject({ kind: 'status', from: 'snoozed', to: 'open', actor: null });

    const later = new Date(t.clock.now().getTime() + 3600_000).toISOString();
    await owner('PATCH', `/api/conversations/${id}`, { status: 'snoozed', snoozedUntil: later });
    await customerWrites(t, '5215500000003', 'Ya volví');
    expect((await owner('GET', `/api/conversations/${id}`)).json().conversation.status).toBe('open');
  });

  it('keeps a snooze when only the priority changes', async () => {
    const id = await customerWrites(t, '5215500000009', 'Mañana lo vemos');
    const until = new Date(t.clock.now().getTime() + 7200_000).toISOString();
    await owner('PATCH', `/api/conversations/${id}`, { status: 'snoozed', snoozedUntil: until });
    const res = await owner('PATCH', `/api/conversations/${id}`, { priority: 'urgent' });
    expect(res.json()).toMatchObject({ status: 'snoozed', snoozedUntil: until, priority: 'urgent' });
    const events = (await owner('GET', `/api/conversations/${id}`)).json().events;
    expect(events.filter((e: { kind: string }) => e.kind === 'status')).toHaveLength(1);
  });

  it('refuses a snooze without a time or in the past', async () => {
    const id = await customerWrites(t, '5215500000004', 'x');
    const missing = await owner('PATCH', `/api/conversations/${id}`, { status: 'snoozed' });
    expect(missing.statusCode).toBe(400);
    expect(missing.json().error.code).toBe('snooze_time_required');
    const past = await owner('PATCH', `/api/conversations/${id}`, {
      status: 'snoozed',
      snoozedUntil: new Date(t.clock.now().getTime() - 1000).toISOString(),
    });
    expect(past.statusCode).toBe(422);
    expect(past.json().error.code).toBe('invalid_snooze_time');
  });
});

describe('teams and assignment', () => {
  let teamId: string;
  it('lets admins manage teams and refuses agents', async () => {
    const created = await asAdmin('POST', '/api/teams', { name: 'Ventas', memberIds: [agent.userId] });
    expect(created.statusCode).toBe(201);
    teamId = created.json().id;
    expect(created.json().memberIds).toEqual([agent.userId]);
    expect((await asAdmin('POST', '/api/teams', { name: 'ventas' })).json().error.code).toBe(
      'team_name_taken',
    );
    expect((await asAgent('POST', '/api/teams', { name: 'Soporte' })).statusCode).toBe(403);
    expect((await asAgent('GET', '/api/teams')).json().items).toHaveLength(1);
    const renamed = await asAdmin('PUT', `/api/teams/${teamId}`, {
      name: 'Ventas MX',
      memberIds: [agent.userId, admin.userId],
    });
    expect(renamed.json()).toMatchObject({ name: 'Ventas MX' });
    expect(renamed.json().memberIds.sort()).toEqual([agent.userId, admin.userId].sort());
    const bad = await asAdmin('PUT', `/api/teams/${teamId}`, { name: 'X', memberIds: [crypto.randomUUID()] });
    expect(bad.statusCode).toBe(422);
  });

  it('assigns to an agent and a team, transfers with a note, and records the history', async () => {
    const id = await customerWrites(t, '5215500000010', 'Quiero comprar');
    const a = await owner('POST', `/api/conversations/${id}/assign`, {
      assigneeUserId: agent.userId,
      teamId,
    });
    expect(a.json()).toMatchObject({
      assignee: { id: agent.userId, name: 'Carla Agent' },
      team: { id: teamId },
    });
    await owner('POST', `/api/conversations/${id}/assign`, {
      assigneeUserId: other.userId,
      note: 'Habla inglés',
    });
    const events = (await owner('GET', `/api/conversations/${id}`)).json().events;
    expect(events.map((e: { kind: string; toName: string }) => [e.kind, e.toName])).toEqual([
      ['team', 'Ventas MX'],
      ['assignee', 'Carla Agent'],
      ['assignee', 'Dani Agent'],
    ]);
    expect(events[2]).toMatchObject({ fromName: 'Carla Agent', note: 'Habla inglés' });
    const notMember = await owner('POST', `/api/conversations/${id}/assign`, {
      assigneeUserId: crypto.randomUUID(),
    });
    expect(notMember.json().error.code).toBe('assignee_not_member');
  });

  it('limits agents to their own and their teams’ conversations when the workspace says so', async () => {
    const mine = await customerWrites(t, '5215500000020', 'para Carla');
    const team = await customerWrites(t, '5215500000021', 'para el equipo');
    const hidden = await customerWrites(t, '5215500000022', 'para Dani');
    await owner('POST', `/api/conversations/${mine}/assign`, { assigneeUserId: agent.userId });
    await owner('POST', `/api/conversations/${team}/assign`, { teamId });
    await owner('POST', `/api/conversations/${hidden}/assign`, { assigneeUserId: other.userId });
    expect(
      (await asAgent('PATCH', '/api/workspace/settings', { conversationVisibility: 'assigned' })).statusCode,
    ).toBe(403);
    const set = await asAdmin('PATCH', '/api/workspace/settings', { conversationVisibility: 'assigned' });
    expect(set.json().conversationVisibility).toBe('assigned');

    const ids = (await asAgent('GET', '/api/conversations')).json().items.map((c: { id: string }) => c.id);
    expect(ids).toContain(mine);
    expect(ids).toContain(team);
    expect(ids).not.toContain(hidden);
    for (const [method, url, body] of [
      ['GET', `/api/conversations/${hidden}`],
      ['POST', `/api/conversations/${hidden}/read`],
      ['POST', `/api/conversations/${hidden}/messages`, { text: 'hola' }],
      ['PATCH', `/api/conversations/${hidden}`, { status: 'resolved' }],
      ['POST', `/api/conversations/${hidden}/assign`, { assigneeUserId: agent.userId }],
    ] as const) {
      const res = await asAgent(method, url, body);
      expect(res.statusCode, `${method} ${url}`).toBe(403);
      expect(res.json().error.code).toBe('forbidden');
    }
    const [msg] = await t.container.db.query<{ id: string }>(
      'SELECT id FROM messages WHERE conversation_id = $1',
      [hidden],
    );
    expect((await asAgent('POST', `/api/messages/${msg!.id}/reaction`, { emoji: '👍' })).statusCode).toBe(
      403,
    );
    expect((await asAgent('GET', `/api/conversations/${mine}`)).statusCode).toBe(200);
    expect((await asAdmin('GET', `/api/conversations/${hidden}`)).statusCode).toBe(200);
    await asAdmin('PATCH', '/api/workspace/settings', { conversationVisibility: 'all' });
    expect((await asAgent('GET', `/api/conversations/${hidden}`)).statusCode).toBe(200);
  });

  it('assigns new conversations round robin to online team members, within the cap', async () => {
    const res = await asAdmin('PATCH', '/api/workspace/settings', {
      autoAssign: true,
      autoAssignTeamId: teamId,
      autoAssignCap: 100,
    });
    expect(res.json()).toMatchObject({ autoAssign: true, autoAssignTeamId: teamId });
    // Both team members are online (they just used the API); Dani is not in the team.
    await asAgent('GET', '/api/me');
    await asAdmin('GET', '/api/me');
    const first = await customerWrites(t, '5215500000030', 'nuevo 1');
    const second = await customerWrites(t, '5215500000031', 'nuevo 2');
    const assignees = [];
    for (const id of [first, second]) {
      const c = (await owner('GET', `/api/conversations/${id}`)).json();
      expect(c.conversation.team?.id).toBe(teamId);
      assignees.push(c.conversation.assignee?.id);
      expect(c.events.at(-1)).toMatchObject({ kind: 'assignee', actor: null });
    }
    expect(assignees.sort()).toEqual([agent.userId, admin.userId].sort());

    await asAdmin('PATCH', '/api/workspace/settings', { autoAssignCap: 1 });
    await t.container.db.query(
      `UPDATE conversations SET status = 'resolved' WHERE assignee_user_id = $1 AND id <> $2`,
      [agent.userId, first === assignees[0] ? first : second],
    );
    const third = await customerWrites(t, '5215500000032', 'nuevo 3');
    const c = (await owner('GET', `/api/conversations/${third}`)).json().conversation;
    // Everyone in the team holds one open conversation: the cap leaves it unassigned.
    expect(c.assignee).toBeNull();
    await asAdmin('PATCH', '/api/workspace/settings', { autoAssign: false });
  });
});
