import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../harness/test-app';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(() => t?.close());

const cookieOf = (res: { headers: Record<string, unknown> }) =>
  String(res.headers['set-cookie']).split(';')[0]!;

describe('accounts and sessions', () => {
  it('lets the owner be created once, with no default password', async () => {
    expect((await t.app.inject({ method: 'GET', url: '/api/setup' })).json()).toEqual({ needsSetup: false });
    const again = await t.app.inject({
      method: 'POST',
      url: '/api/setup',
      payload: { workspaceName: 'X', name: 'Mallory', email: 'm@example.com', password: 'another long one' },
    });
    expect(again.statusCode).toBe(409);
    expect(again.json().error.code).toBe('already_set_up');
  });

  it('sets an httpOnly SameSite session cookie and stores only an argon2id hash', async () => {
    const res = await t.app.inject({
      method: 'POST',
      url: '/api/auth/login',
      payload: { email: 'ANA@example.com', password: 'correct horse battery' },
    });
    expect(res.statusCode).toBe(200);
    expect(res.json().role).toBe('owner');
    const setCookie = String(res.headers['set-cookie']);
    expect(setCookie).toMatch(/HttpOnly/i);
    expect(setCookie).toMatch(/SameSite=Lax/i);
    const [user] = await t.container.db.query<{ password_hash: string }>('SELECT password_hash FROM users');
    expect(user!.password_hash).toMatch(/^\$argon2id\$/);
  });

  it('refuses a wrong password and requires a session for the API', async () => {
    const res = await t.app.inject({
      method: 'POST',
      url: '/api/auth/login',
      payload: { email: 'ana@example.com', password: 'wrong password' },
    });
    expect(res.statusCode).toBe(401);
    expect(res.json().error.code).toBe('invalid_credentials');
    expect((await t.app.inject({ method: 'GET', url: '/api/conversations' })).statusCode).toBe(401);
  });

  it('logs out: the old cookie stops working', async () => {
    const login = await t.app.inject({
      method: 'POST',
      url: '/api/auth/login',
      payload: { email: 'ana@example.com', password: 'correct horse battery' },
    });
    const cookie = cookieOf(login);
    expect((await t.app.inject({ method: 'GET', url: '/api/me', headers: { cookie } })).statusCode).toBe(200);
    expect(
      (await t.app.inject({ method: 'POST', url: '/api/auth/logout', headers: { cookie } })).statusCode,
    ).toBe(204);
    expect((await t.app.inject({ method: 'GET', url: '/api/me', headers: { cookie } })).statusCode).toBe(401);
  });

  it('invites an agent who joins with the link; the agent cannot invite', async () => {
    const invite = await t.app.inject({
      method: 'POST',
      url: '/api/invitations',
      headers: { cookie: t.cookie },
      payload: { email: 'pablo@example.com', role: 'agent' },
    });
    expect(invite.statusCode).toBe(200);
    const token = invite.json().url.split('/invite/')[1];
    const preview = await t.app.inject({ method: 'GET', url: `/api/invitations/${token}` });
    expect(preview.json()).toMatchObject({
      email: 'pablo@example.com',
      role: 'agent',
      workspaceName: 'Tienda Luna',
    });
    const accept = await t.app.inject({
      method: 'POST',
      url: `/api/invitations/${token}/accept`,
      payload: { name: 'Pablo', password: 'pablo password 1', locale: 'en' },
    });
    expect(accept.statusCode).toBe(200);
    expect(accept.json()).toMatchObject({ role: 'agent', user: { locale: 'en' } });
    const agentCookie = cookieOf(accept);
    const members = await t.app.inject({
      method: 'GET',
      url: '/api/members',
      headers: { cookie: agentCookie },
    });
    expect(members.json().items.map((m: { name: string }) => m.name)).toEqual(['Ana Owner', 'Pablo']);
    const agentInvite = await t.app.inject({
      method: 'POST',
      url: '/api/invitations',
      headers: { cookie: agentCookie },
      payload: { email: 'x@example.com', role: 'admin' },
    });
    expect(agentInvite.statusCode).toBe(403);
    const reuse = await t.app.inject({
      method: 'POST',
      url: `/api/invitations/${token}/accept`,
      payload: { name: 'P2', password: 'pablo password 2' },
    });
    expect(reuse.statusCode).toBe(404);
  });

  it('keeps the language a user chooses', async () => {
    const res = await t.app.inject({
      method: 'PATCH',
      url: '/api/me',
      headers: { cookie: t.cookie },
      payload: { locale: 'en' },
    });
    expect(res.statusCode).toBe(200);
    const me = await t.app.inject({ method: 'GET', url: '/api/me', headers: { cookie: t.cookie } });
    expect(me.json().user.locale).toBe('en');
    const bad = await t.app.inject({
      method: 'PATCH',
      url: '/api/me',
      headers: { cookie: t.cookie },
      payload: { locale: 'fr' },
    });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.fields[0].path).toBe('locale');
  });

  it('limits login attempts per minute', async () => {
    const codes: number[] = [];
    for (let i = 0; i < 12; i++) {
      const res = await t.app.inject({
        method: 'POST',
        url: '/api/auth/login',
        payload: { email: 'ana@example.com', password: `guess ${i}` },
      });
      codes.push(res.statusCode);
    }
    expect(codes).toContain(429);
    const limited = await t.app.inject({
      method: 'POST',
      url: '/api/auth/login',
      payload: { email: 'ana@example.com', password: 'x' },
    });
    expect(limited.json().error.code).toBe('too_many_attempts');
  });
});
