import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addMember, customerWrites, type Member } from '../harness/members';
import { createTestApp, type TestApp } from '../harness/test-app';
import { openSocket, type TestSocket } from '../presence/sockets';

let t: TestApp;
let admin: Member;
let carla: Member;
let dani: Member;
let eva: Member;
let fede: Member;
let ventas: string;
let soporte: string;
const sockets: TestSocket[] = [];

const as = (cookie: () => string) => (method: 'GET' | 'POST' | 'PATCH', url: string, payload?: object) =>
  t.app.inject({ method, url, headers: { cookie: cookie() }, ...(payload ? { payload } : {}) });
const owner = as(() => t.cookie);
const asAdmin = as(() => admin.cookie);

/** The member opens Charla in a browser: their realtime socket brings them online. */
async function comesOnline(m: Member): Promise<TestSocket> {
  const socket = await openSocket(t.baseUrl, m.cookie);
  sockets.push(socket);
  return socket;
}

const conversation = async (id: string) => (await owner('GET', `/api/conversations/${id}`)).json();
const assigneeOf = async (id: string) => (await conversation(id)).conversation.assignee?.id ?? null;
const assignedTo = (id: string, userId: string) =>
  t.waitFor(async () => (await assigneeOf(id)) === userId, `${id} assigned to ${userId}`);

beforeAll(async () => {
  t = await createTestApp();
  admin = await addMember(t, 'admin', 'Beto Admin');
  carla = await addMember(t, 'agent', 'Carla Agent');
  dani = await addMember(t, 'agent', 'Dani Agent');
  eva = await addMember(t, 'agent', 'Eva Agent');
  fede = await addMember(t, 'agent', 'Fede Agent');
  ventas = (
    await asAdmin('POST', '/api/teams', {
      name: 'Ventas',
      memberIds: [carla.userId, dani.userId, fede.userId],
    })
  ).json().id;
  soporte = (await asAdmin('POST', '/api/teams', { name: 'Soporte', memberIds: [eva.userId] })).json().id;
  expect((await asAdmin('POST', `/api/members/${fede.userId}/deactivate`)).statusCode).toBe(200);
  // Nobody of the teams is online; Fede looks online but is deactivated.
  await t.container.db.query('UPDATE workspace_members SET last_seen_at = NULL WHERE user_id <> $1', [
    fede.userId,
  ]);
  await t.container.db.query('UPDATE workspace_members SET last_seen_at = $2 WHERE user_id = $1', [
    fede.userId,
    t.clock.now(),
  ]);
  const settings = await asAdmin('PATCH', '/api/workspace/settings', {
    autoAssign: true,
    autoAssignTeamId: ventas,
    autoAssignCap: 2,
  });
  expect(settings.statusCode).toBe(200);
});
afterAll(async () => {
  for (const s of sockets) await s.close();
  await t?.close();
});

describe('the routing queue', () => {
  const c: string[] = [];

  it('keeps conversations waiting while nobody is online, and says since when', async () => {
    const arrivedAt = t.clock.now().getTime();
    c.push(await customerWrites(t, '5215560000001', 'Primero en llegar'));
    t.clock.advance(60_000);
    c.push(await customerWrites(t, '5215560000002', 'Segundo'));
    t.clock.advance(60_000);
    c.push(await customerWrites(t, '5215560000003', 'Tercero'));
    t.clock.advance(120_000);
    const first = (await conversation(c[0]!)).conversation;
    expect(first).toMatchObject({ assignee: null, waitingSince: new Date(arrivedAt).toISOString() });
    const list = (await owner('GET', '/api/conversations')).json().items as {
      id: string;
      waitingSince: string | null;
    }[];
    expect(list.filter((x) => c.includes(x.id)).every((x) => x.waitingSince !== null)).toBe(true);
  });

  it('gives the first agent to come online the oldest waiting ones, up to the cap, and records each wait', async () => {
    await comesOnline(carla);
    await assignedTo(c[0]!, carla.userId);
    await assignedTo(c[1]!, carla.userId);
    // The cap is 2: the third keeps waiting.
    expect(await assigneeOf(c[2]!)).toBeNull();
    const thread = await conversation(c[0]!);
    expect(thread.conversation.waitingSince).toBeNull();
    expect(thread.events.at(-1)).toMatchObject({ kind: 'assignee', actor: null });

    const waits = await t.container.db.query<{
      conversation_id: string;
      waited_ms: string | number;
      assigned_by: string;
      team_id: string | null;
      assignee_user_id: string;
    }>('SELECT * FROM conversation_queue_waits ORDER BY queued_at');
    expect(
      waits.map((w) => [
        w.conversation_id,
        Number(w.waited_ms),
        w.assigned_by,
        w.team_id,
        w.assignee_user_id,
      ]),
    ).toEqual([
      [c[0], 240_000, 'queue', ventas, carla.userId],
      [c[1], 180_000, 'queue', ventas, carla.userId],
    ]);
  });

  it('hands the next oldest to an agent who resolves one of theirs', async () => {
    t.clock.advance(30_000);
    const res = await as(() => carla.cookie)('PATCH', `/api/conversations/${c[0]}`, { status: 'resolved' });
    expect(res.statusCode).toBe(200);
    await assignedTo(c[2]!, carla.userId);
    const [wait] = await t.container.db.query<{ waited_ms: string | number }>(
      'SELECT waited_ms FROM conversation_queue_waits WHERE conversation_id = $1',
      [c[2]],
    );
    expect(Number(wait?.waited_ms)).toBe(150_000);
  });

  it("gives a team's queue only to that team's members", async () => {
    // Carla is full: both wait, the first moved to Soporte's queue.
    c.push(await customerWrites(t, '5215560000004', 'Tengo un problema'));
    expect((await asAdmin('POST', `/api/conversations/${c[3]}/assign`, { teamId: soporte })).statusCode).toBe(
      200,
    );
    t.clock.advance(10_000);
    c.push(await customerWrites(t, '5215560000005', 'Quiero comprar'));
    expect(await assigneeOf(c[3]!)).toBeNull();
    expect(await assigneeOf(c[4]!)).toBeNull();

    // Dani (Ventas) takes the later Ventas conversation, never Soporte's older one.
    const daniSocket = await comesOnline(dani);
    await assignedTo(c[4]!, dani.userId);
    expect(await assigneeOf(c[3]!)).toBeNull();
    await comesOnline(eva);
    await assignedTo(c[3]!, eva.userId);
    await daniSocket.close();
  });

  it('never picks a deactivated member, in the queue or in a rule’s round robin', async () => {
    await t.waitFor(
      async () =>
        (
          await t.container.db.query(
            'SELECT 1 FROM workspace_members WHERE user_id = $1 AND last_seen_at IS NULL',
            [dani.userId],
          )
        ).length === 1,
      'Dani offline',
    );
    const rule = await owner('POST', '/api/automation/rules', {
      enabled: true,
      name: 'Ruleta de ventas',
      trigger: { type: 'message_received' },
      conditions: [{ type: 'keywords', keywords: ['ruleta'], mode: 'contains' }],
      actions: [{ type: 'assign', to: 'round_robin', teamId: ventas }],
    });
    expect(rule.statusCode, rule.body).toBe(201);
    // Carla is full, Dani gone: only Fede, deactivated, looks online in Ventas.
    await t.container.db.query('UPDATE workspace_members SET last_seen_at = $2 WHERE user_id = $1', [
      fede.userId,
      t.clock.now(),
    ]);
    const id = await customerWrites(t, '5215560000006', 'Quiero la ruleta');
    const events = await t.waitFor(async () => {
      const thread = await conversation(id);
      const skipped = (thread.events as { to: string | null; note: string | null }[]).find(
        (e) => e.to === 'skipped',
      );
      return skipped ? thread.events : null;
    }, 'the rule to run');
    expect(events).toContainEqual(expect.objectContaining({ to: 'skipped', note: 'nobody_online' }));
    expect(await assigneeOf(id)).toBeNull();
    const fedes = await t.container.db.query('SELECT 1 FROM conversations WHERE assignee_user_id = $1', [
      fede.userId,
    ]);
    expect(fedes).toHaveLength(0);
  });
});
