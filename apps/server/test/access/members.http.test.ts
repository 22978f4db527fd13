import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { addMember, customerWrites } from '../harness/members';
import { createTestApp, type TestApp } from '../harness/test-app';
import { openSocket } from '../presence/sockets';
import { as, auditActions, ownerId, signIn } from './access-helpers';

describe('owners and admins manage members', () => {
  let t: TestApp;
  beforeEach(async () => {
    t = await createTestApp();
  });
  afterEach(async () => {
    await t.close();
  });

  const roleOf = async (userId: string, cookie = t.cookie) => {
    const items = (await as(t, cookie).get('/api/members')).json().items as {
      userId: string;
      role: string;
    }[];
    return items.find((m) => m.userId === userId)?.role;
  };

  it('changes a role, signs the member out so they come back with it, and records it', async () => {
    const carla = await addMember(t, 'agent', 'Carla Agent');
    const res = await as(t, t.cookie).patch(`/api/members/${carla.userId}`, { role: 'admin' });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toMatchObject({ role: 'admin', deactivatedAt: null });
    expect((await as(t, carla.cookie).get('/api/me')).statusCode).toBe(401);
    const again = await signIn(t, 'carlaagent@example.com', 'a long enough password');
    expect((await as(t, again).get('/api/me')).json().role).toBe('admin');
    expect(await auditActions(t)).toContainEqual(
      expect.objectContaining({
        action: 'member.role_changed',
        target_label: 'Carla Agent',
        actor_label: 'Ana Owner',
        details: { from: 'agent', to: 'admin' },
      }),
    );
  });

  it('an admin cannot change or remove an owner, nor make anyone owner; an agent manages nobody', async () => {
    const beto = await addMember(t, 'admin', 'Beto Admin');
    const carla = await addMember(t, 'agent', 'Carla Agent');
    const owner = await ownerId(t);
    const admin = as(t, beto.cookie);
    for (const res of [
      await admin.patch(`/api/members/${owner}`, { role: 'agent' }),
      await admin.post(`/api/members/${owner}/deactivate`),
      await admin.del(`/api/members/${owner}`),
      await admin.post(`/api/members/${owner}/password-reset`),
      await admin.patch(`/api/members/${carla.userId}`, { role: 'owner' }),
    ]) {
      expect(res.statusCode, res.body).toBe(403);
      expect(res.json().error.code).toBe('owner_only');
    }
    expect(await roleOf(owner)).toBe('owner');
    // An admin does manage agents and other admins.
    expect((await admin.patch(`/api/members/${carla.userId}`, { role: 'admin' })).statusCode).toBe(200);
    const agent = await addMember(t, 'agent', 'Dani Agent');
    const refused = await as(t, agent.cookie).patch(`/api/members/${carla.userId}`, { role: 'agent' });
    expect(refused.statusCode).toBe(403);
  });

  it('nobody demotes, deactivates or removes the last owner; a second owner makes it possible', async () => {
    const owner = await ownerId(t);
    const demote = await as(t, t.cookie).patch(`/api/members/${owner}`, { role: 'admin' });
    expect(demote.statusCode).toBe(409);
    expect(demote.json().error).toMatchObject({ code: 'last_owner' });
    expect(demote.json().error.message).toMatch(/transfer ownership/);
    const beto = await addMember(t, 'admin', 'Beto Admin');
    expect((await as(t, t.cookie).patch(`/api/members/${beto.userId}`, { role: 'owner' })).statusCode).toBe(
      200,
    );
    const beto2 = await signIn(t, 'betoadmin@example.com', 'a long enough password');
    // Two owners: one may now remove the other, but not the last one left.
    expect((await as(t, beto2).del(`/api/members/${owner}`)).statusCode).toBe(204);
    expect(await roleOf(owner, beto2)).toBeUndefined();
    const last = await as(t, beto2).patch(`/api/members/${beto.userId}`, { role: 'agent' });
    expect(last.json().error.code).toBe('last_owner');
  });

  it('two owners demoting each other at the same moment leave exactly one owner', async () => {
    const owner = await ownerId(t);
    const beto = await addMember(t, 'admin', 'Beto Admin');
    expect((await as(t, t.cookie).patch(`/api/members/${beto.userId}`, { role: 'owner' })).statusCode).toBe(
      200,
    );
    const betoCookie = await signIn(t, 'betoadmin@example.com', 'a long enough password');
    const results = await Promise.all([
      as(t, t.cookie).patch(`/api/members/${beto.userId}`, { role: 'admin' }),
      as(t, betoCookie).patch(`/api/members/${owner}`, { role: 'admin' }),
    ]);
    // The loser is refused: as the last owner's demoter (409), as the admin it has just become
    // (403 owner_only: its role is read again under the lock), or signed out by its demotion (401).
    const codes = results.map((r) => r.statusCode).sort();
    expect(codes[0]).toBe(200);
    expect([401, 403, 409]).toContain(codes[1]);
    const owners = await t.container.db.query(`SELECT user_id FROM workspace_members WHERE role = 'owner'`);
    expect(owners).toHaveLength(1);
  });

  it('you cannot deactivate or remove yourself', async () => {
    const owner = await ownerId(t);
    const deactivate = await as(t, t.cookie).post(`/api/members/${owner}/deactivate`);
    expect(deactivate.statusCode).toBe(409);
    expect(deactivate.json().error.code).toBe('cannot_deactivate_self');
    expect((await as(t, t.cookie).del(`/api/members/${owner}`)).json().error.code).toBe('cannot_remove_self');
  });

  it('a deactivated member is signed out, cannot sign in (told why) until reactivated', async () => {
    const carla = await addMember(t, 'agent', 'Carla Agent');
    const res = await as(t, t.cookie).post(`/api/members/${carla.userId}/deactivate`);
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json().deactivatedAt).toEqual(expect.any(String));
    expect((await as(t, carla.cookie).get('/api/me')).statusCode).toBe(401);
    const login = await t.app.inject({
      method: 'POST',
      url: '/api/auth/login',
      payload: { email: 'carlaagent@example.com', password: 'a long enough password' },
    });
    expect(login.statusCode).toBe(403);
    expect(login.json().error.code).toBe('member_deactivated');
    expect(login.json().error.message).toMatch(/deactivated.*reactivate/);
    // A wrong password still says only that the credentials do not match.
    const wrong = await t.app.inject({
      method: 'POST',
      url: '/api/auth/login',
      payload: { email: 'carlaagent@example.com', password: 'not the password' },
    });
    expect(wrong.json().error.code).toBe('invalid_credentials');

    expect(
      (await as(t, t.cookie).post(`/api/members/${carla.userId}/reactivate`)).json().deactivatedAt,
    ).toBeNull();
    const back = await signIn(t, 'carlaagent@example.com', 'a long enough password');
    expect((await as(t, back).get('/api/me')).json().role).toBe('agent');
    const actions = (await auditActions(t)).map((a) => a.action);
    expect(actions).toEqual(expect.arrayContaining(['member.deactivated', 'member.reactivated']));
  });

  it('removing an agent mid-session: their next request gets 401 and their socket closes within a second', async () => {
    const carla = await addMember(t, 'agent', 'Carla Agent');
    const socket = await openSocket(t.baseUrl, carla.cookie);
    expect((await as(t, carla.cookie).get('/api/conversations')).statusCode).toBe(200);
    const before = Date.now();
    expect((await as(t, t.cookie).del(`/api/members/${carla.userId}`)).statusCode).toBe(204);
    expect((await as(t, carla.cookie).get('/api/conversations')).statusCode).toBe(401);
    const closed = await socket.closed;
    expect(closed.at - before).toBeLessThan(1_000);
    const members = (await as(t, t.cookie).get('/api/members')).json().items;
    expect(members.map((m: { name: string }) => m.name)).not.toContain('Carla Agent');
    expect(await auditActions(t)).toContainEqual(
      expect.objectContaining({ action: 'member.removed', target_label: 'Carla Agent' }),
    );
  });

  it.each([
    ['removed', 'DELETE', 'member_removed'],
    ['deactivated', 'POST', 'member_deactivated'],
  ] as const)(
    'a %s member’s open conversations go back to the queue with a history line',
    async (_, method, note) => {
      const carla = await addMember(t, 'agent', 'Carla Agent');
      const open = await customerWrites(t, '5215511110001', 'Hola');
      const resolved = await customerWrites(t, '5215511110002', 'Gracias');
      for (const id of [open, resolved]) {
        const res = await as(t, t.cookie).post(`/api/conversations/${id}/assign`, {
          assigneeUserId: carla.userId,
        });
        expect(res.statusCode, res.body).toBe(200);
      }
      await as(t, t.cookie).patch(`/api/conversations/${resolved}`, { status: 'resolved' });

      const url =
        method === 'DELETE' ? `/api/members/${carla.userId}` : `/api/members/${carla.userId}/deactivate`;
      const res = method === 'DELETE' ? await as(t, t.cookie).del(url) : await as(t, t.cookie).post(url);
      expect(res.statusCode, res.body).toBeLessThan(300);

      const conv = (id: string) => as(t, t.cookie).get(`/api/conversations/${id}`);
      expect((await conv(open)).json().conversation.assignee).toBeNull();
      // A finished conversation keeps who handled it.
      expect((await conv(resolved)).json().conversation.assignee).toMatchObject({ id: carla.userId });
      const thread = (await conv(open)).json();
      expect(thread.events.at(-1)).toMatchObject({
        kind: 'assignee',
        from: carla.userId,
        fromName: 'Carla Agent',
        to: null,
        note,
        actor: { name: 'Ana Owner' },
      });
    },
  );

  it('transfers ownership: the member becomes owner, the old owner stays on as admin', async () => {
    const beto = await addMember(t, 'admin', 'Beto Admin');
    const owner = await ownerId(t);
    const byAdmin = await as(t, beto.cookie).post(`/api/members/${owner}/transfer-ownership`);
    expect(byAdmin.statusCode).toBe(403);
    const res = await as(t, t.cookie).post(`/api/members/${beto.userId}/transfer-ownership`);
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toEqual({ role: 'admin' });
    expect(await roleOf(beto.userId)).toBe('owner');
    expect((await as(t, t.cookie).get('/api/me')).json().role).toBe('admin');
    // The new owner is now the last one: the old owner (an admin) cannot touch them.
    expect((await as(t, t.cookie).del(`/api/members/${beto.userId}`)).json().error.code).toBe('owner_only');
    expect(await auditActions(t)).toContainEqual(
      expect.objectContaining({ action: 'member.ownership_transferred', target_label: 'Beto Admin' }),
    );
  });
});
