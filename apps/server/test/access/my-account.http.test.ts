import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../harness/test-app';
import { openSocket } from '../presence/sockets';
import { as, auditActions, signIn } from './access-helpers';

const ana = { email: 'ana@example.com', password: 'correct horse battery' };

describe('my password and my sessions', () => {
  let t: TestApp;
  beforeEach(async () => {
    t = await createTestApp();
  });
  afterEach(async () => {
    await t.close();
  });

  it('changing my password needs the current one and signs out my other browsers, not this one', async () => {
    const phone = await signIn(t, ana.email, ana.password);
    const phoneSocket = await openSocket(t.baseUrl, phone);
    const wrong = await as(t, t.cookie).post('/api/me/password', {
      currentPassword: 'not it',
      newPassword: 'a brand new password',
    });
    expect(wrong.statusCode).toBe(422);
    expect(wrong.json().error).toMatchObject({
      code: 'wrong_password',
      fields: [{ path: 'currentPassword', message: expect.any(String) }],
    });
    expect((await as(t, phone).get('/api/me')).statusCode).toBe(200);

    const ok = await as(t, t.cookie).post('/api/me/password', {
      currentPassword: ana.password,
      newPassword: 'a brand new password',
    });
    expect(ok.statusCode, ok.body).toBe(204);
    expect((await as(t, t.cookie).get('/api/me')).statusCode).toBe(200);
    expect((await as(t, phone).get('/api/me')).statusCode).toBe(401);
    expect((await phoneSocket.closed).code).toBe(4401);
    const old = await t.app.inject({ method: 'POST', url: '/api/auth/login', payload: ana });
    expect(old.statusCode).toBe(401);
    await signIn(t, ana.email, 'a brand new password');
    const lines = await auditActions(t);
    expect(lines).toContainEqual(expect.objectContaining({ action: 'auth.password_changed' }));
    expect(JSON.stringify(lines)).not.toMatch(/brand new|correct horse/);
  });

  it('the new password must be long enough, and says so', async () => {
    const res = await as(t, t.cookie).post('/api/me/password', {
      currentPassword: ana.password,
      newPassword: 'short',
    });
    expect(res.statusCode).toBe(400);
    expect(res.json().error.fields).toEqual([expect.objectContaining({ path: 'newPassword' })]);
  });

  it('lists my sessions with device, address and times, by public id only', async () => {
    const phone = await t.app.inject({
      method: 'POST',
      url: '/api/auth/login',
      headers: { 'user-agent': 'Mozilla/5.0 (iPhone) Safari' },
      payload: ana,
    });
    expect(phone.statusCode).toBe(200);
    const res = await as(t, t.cookie).get('/api/me/sessions');
    expect(res.statusCode).toBe(200);
    const items = res.json().items;
    expect(items).toHaveLength(2);
    expect(items[0]).toMatchObject({ isCurrent: true, ip: '127.0.0.1' });
    expect(items[1]).toMatchObject({
      isCurrent: false,
      userAgent: 'Mozilla/5.0 (iPhone) Safari',
      ip: '127.0.0.1',
      createdAt: expect.any(String),
      lastSeenAt: expect.any(String),
    });
    const rowIds = await t.container.db.query<{ id: string }>('SELECT id FROM sessions');
    for (const { id } of rowIds) expect(res.body).not.toContain(id);
  });

  it('ends one session, or all the others, at once', async () => {
    const phone = await signIn(t, ana.email, ana.password);
    const laptop = await signIn(t, ana.email, ana.password);
    const phoneId = (await as(t, phone).get('/api/me/sessions')).json().items[0].id;
    expect((await as(t, t.cookie).del(`/api/me/sessions/${phoneId}`)).statusCode).toBe(204);
    expect((await as(t, phone).get('/api/me')).statusCode).toBe(401);
    expect((await as(t, laptop).get('/api/me')).statusCode).toBe(200);
    expect((await as(t, t.cookie).del(`/api/me/sessions/${phoneId}`)).statusCode).toBe(404);

    expect((await as(t, t.cookie).del('/api/me/sessions')).statusCode).toBe(204);
    expect((await as(t, laptop).get('/api/me')).statusCode).toBe(401);
    expect((await as(t, t.cookie).get('/api/me/sessions')).json().items).toHaveLength(1);
    expect(await auditActions(t)).toContainEqual(expect.objectContaining({ action: 'auth.session_ended' }));
  });

  it('cannot end another member’s session with its id', async () => {
    const res = await t.app.inject({
      method: 'POST',
      url: '/api/invitations',
      headers: { cookie: t.cookie },
      payload: { email: 'carla@example.com', role: 'admin' },
    });
    const accepted = await t.app.inject({
      method: 'POST',
      url: `/api/invitations/${String(res.json().url).split('/').at(-1)}/accept`,
      payload: { name: 'Carla', password: 'a long enough password' },
    });
    const carla = String(accepted.headers['set-cookie']).split(';')[0]!;
    const anasId = (await as(t, t.cookie).get('/api/me/sessions')).json().items[0].id;
    expect((await as(t, carla).del(`/api/me/sessions/${anasId}`)).statusCode).toBe(404);
    expect((await as(t, t.cookie).get('/api/me')).statusCode).toBe(200);
  });

  it('last seen is written at most once a minute', async () => {
    const seen = async () =>
      (
        await t.container.db.query<{ last_seen_at: Date }>('SELECT last_seen_at FROM sessions')
      )[0]!.last_seen_at.getTime();
    await as(t, t.cookie).get('/api/me');
    const first = await seen();
    t.clock.advance(30_000);
    await as(t, t.cookie).get('/api/me');
    expect(await seen()).toBe(first);
    t.clock.advance(31_000);
    await as(t, t.cookie).get('/api/me');
    expect(await seen()).toBe(first + 61_000);
  });
});
