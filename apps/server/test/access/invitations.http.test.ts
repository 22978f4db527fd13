import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { addMember } from '../harness/members';
import { createTestApp, type TestApp } from '../harness/test-app';
import { as, auditActions, signIn } from './access-helpers';

describe('pending invitations', () => {
  let t: TestApp;
  beforeEach(async () => {
    t = await createTestApp();
  });
  afterEach(async () => {
    await t.close();
  });

  const invite = async (email: string) => {
    const res = await as(t, t.cookie).post('/api/invitations', { email, role: 'agent' });
    expect(res.statusCode, res.body).toBe(200);
    return res.json() as { id: string; url: string };
  };
  const tokenOf = (url: string) => url.split('/').at(-1)!;
  const accept = (url: string) =>
    t.app.inject({
      method: 'POST',
      url: `/api/invitations/${tokenOf(url)}/accept`,
      payload: { name: 'Eva Nueva', password: 'a long enough password' },
    });

  it('lists the invitations nobody accepted yet, and not the accepted ones', async () => {
    await invite('eva@example.com');
    await addMember(t, 'agent', 'Carla Agent');
    const res = await as(t, t.cookie).get('/api/invitations');
    expect(res.statusCode).toBe(200);
    expect(res.json().items).toEqual([
      expect.objectContaining({ email: 'eva@example.com', role: 'agent', invitedBy: 'Ana Owner' }),
    ]);
    expect(JSON.stringify(res.json())).not.toMatch(/token|\/invite\//);
  });

  it('a revoked invitation’s link stops working at once', async () => {
    const inv = await invite('eva@example.com');
    expect((await as(t, t.cookie).del(`/api/invitations/${inv.id}`)).statusCode).toBe(204);
    const preview = await t.app.inject({ method: 'GET', url: `/api/invitations/${tokenOf(inv.url)}` });
    expect(preview.statusCode).toBe(404);
    expect((await accept(inv.url)).statusCode).toBe(404);
    expect((await as(t, t.cookie).get('/api/invitations')).json().items).toEqual([]);
    const again = await as(t, t.cookie).del(`/api/invitations/${inv.id}`);
    expect(again.statusCode).toBe(404);
    expect(again.json().error.message).toMatch(/revoked/);
  });

  it('a new link replaces the old one, which stops working; the new one lets them join', async () => {
    const inv = await invite('eva@example.com');
    const res = await as(t, t.cookie).post(`/api/invitations/${inv.id}/renew`);
    expect(res.statusCode, res.body).toBe(200);
    const renewed = res.json();
    expect(renewed).toMatchObject({ id: inv.id, email: 'eva@example.com', emailed: false });
    expect(renewed.url).not.toBe(inv.url);
    expect((await accept(inv.url)).statusCode).toBe(404);
    const joined = await accept(renewed.url);
    expect(joined.statusCode, joined.body).toBe(200);
    const actions = (await auditActions(t)).map((a) => a.action);
    expect(actions).toEqual(
      expect.arrayContaining(['invitation.created', 'invitation.link_renewed', 'member.joined']),
    );
  });

  it('an expired invitation can be given a new link that works for another week', async () => {
    const inv = await invite('eva@example.com');
    t.clock.advance(8 * 86_400_000);
    expect((await accept(inv.url)).statusCode).toBe(404);
    const renewed = (await as(t, t.cookie).post(`/api/invitations/${inv.id}/renew`)).json();
    expect((await accept(renewed.url)).statusCode).toBe(200);
  });

  it('an agent cannot list, revoke or renew invitations', async () => {
    const inv = await invite('eva@example.com');
    const carla = await addMember(t, 'agent', 'Carla Agent');
    const agent = as(t, carla.cookie);
    expect((await agent.get('/api/invitations')).statusCode).toBe(403);
    expect((await agent.del(`/api/invitations/${inv.id}`)).statusCode).toBe(403);
    expect((await agent.post(`/api/invitations/${inv.id}/renew`)).statusCode).toBe(403);
    expect((await accept(inv.url)).statusCode).toBe(200);
  });

  it('someone removed can be invited again and signs in with the password they choose', async () => {
    const carla = await addMember(t, 'agent', 'Carla Agent');
    expect((await as(t, t.cookie).del(`/api/members/${carla.userId}`)).statusCode).toBe(204);
    const inv = await invite('carlaagent@example.com');
    const res = await t.app.inject({
      method: 'POST',
      url: `/api/invitations/${tokenOf(inv.url)}/accept`,
      payload: { name: 'Carla Otra Vez', password: 'another long password' },
    });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json().user.id).toBe(carla.userId);
    const cookie = await signIn(t, 'carlaagent@example.com', 'another long password');
    expect((await as(t, cookie).get('/api/me')).json().user.name).toBe('Carla Otra Vez');
  });
});
