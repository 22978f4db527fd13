import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { addMember } from '../harness/members';
import { createTestApp, type TestApp } from '../harness/test-app';
import { as, auditActions, signIn } from './access-helpers';

describe('password reset links made by an admin', () => {
  let t: TestApp;
  beforeEach(async () => {
    t = await createTestApp();
  });
  afterEach(async () => {
    await t.close();
  });

  const tokenOf = (url: string) => url.split('/').at(-1)!;
  const reset = (url: string, password: string) =>
    t.app.inject({ method: 'POST', url: `/api/password-resets/${tokenOf(url)}`, payload: { password } });

  it('the member opens the link, chooses a password, and every session of theirs ends', async () => {
    const carla = await addMember(t, 'agent', 'Carla Agent');
    const made = await as(t, t.cookie).post(`/api/members/${carla.userId}/password-reset`);
    expect(made.statusCode, made.body).toBe(200);
    const link = made.json();
    expect(link).toMatchObject({ emailed: false, url: expect.stringContaining('/reset-password/') });
    expect(new Date(link.expiresAt).getTime() - t.clock.now().getTime()).toBe(3_600_000);

    const preview = await t.app.inject({ method: 'GET', url: `/api/password-resets/${tokenOf(link.url)}` });
    expect(preview.json()).toEqual({ email: 'carlaagent@example.com', name: 'Carla Agent' });
    // Until the link is used, the old password still works.
    await signIn(t, 'carlaagent@example.com', 'a long enough password');

    const res = await reset(link.url, 'her own new password');
    expect(res.statusCode, res.body).toBe(204);
    expect((await as(t, carla.cookie).get('/api/me')).statusCode).toBe(401);
    await signIn(t, 'carlaagent@example.com', 'her own new password');
    // One time only.
    const again = await reset(link.url, 'someone else password');
    expect(again.statusCode).toBe(404);
    expect(again.json().error.code).toBe('reset_link_not_found');

    const lines = await auditActions(t);
    expect(lines.map((l) => l.action)).toEqual(
      expect.arrayContaining(['auth.password_reset_link_created', 'auth.password_reset']),
    );
    expect(JSON.stringify(lines)).not.toContain(tokenOf(link.url));
  });

  it('a link older than an hour no longer works', async () => {
    const carla = await addMember(t, 'agent', 'Carla Agent');
    const link = (await as(t, t.cookie).post(`/api/members/${carla.userId}/password-reset`)).json();
    t.clock.advance(61 * 60_000);
    const res = await reset(link.url, 'her own new password');
    expect(res.statusCode).toBe(404);
    expect(res.json().error.message).toMatch(/expired/);
  });

  it('the token is never stored: only its hash', async () => {
    const carla = await addMember(t, 'agent', 'Carla Agent');
    const link = (await as(t, t.cookie).post(`/api/members/${carla.userId}/password-reset`)).json();
    const rows = await t.container.db.query('SELECT * FROM password_resets');
    expect(JSON.stringify(rows)).not.toContain(tokenOf(link.url));
  });

  it('guessing links from one address is throttled with growing waits', async () => {
    const carla = await addMember(t, 'agent', 'Carla Agent');
    const link = (await as(t, t.cookie).post(`/api/members/${carla.userId}/password-reset`)).json();
    let last = 0;
    for (let i = 0; i < 12; i++) {
      last = (await reset(`/x/${'g'.repeat(20)}${i}`, 'guessed password 1')).statusCode;
    }
    expect(last).toBe(429);
    // Even the right link waits while the address is throttled.
    const blocked = await reset(link.url, 'her own new password');
    expect(blocked.statusCode).toBe(429);
    expect(blocked.json().error.code).toBe('too_many_attempts');
    t.clock.advance(60 * 60_000 - 1);
    expect((await reset(link.url, 'her own new password')).statusCode).toBe(204);
  });

  it('an agent cannot make reset links', async () => {
    const carla = await addMember(t, 'agent', 'Carla Agent');
    const beto = await addMember(t, 'agent', 'Beto Agent');
    expect((await as(t, beto.cookie).post(`/api/members/${carla.userId}/password-reset`)).statusCode).toBe(
      403,
    );
  });
});
