import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { addMember } from '../harness/members';
import { createTestApp, type TestApp } from '../harness/test-app';
import { as, signIn } from './access-helpers';
import { startSmtpInbox } from './smtp-inbox';

describe('with SMTP configured, Charla emails invitations and reset links', () => {
  let t: TestApp;
  let inbox: Awaited<ReturnType<typeof startSmtpInbox>>;
  beforeEach(async () => {
    inbox = await startSmtpInbox();
    t = await createTestApp({
      config: { SMTP_URL: inbox.url, SMTP_FROM: 'Tienda Luna <avisos@example.com>' },
    });
  });
  afterEach(async () => {
    await t.close();
    await inbox.close();
  });

  const forgot = (email: string) =>
    t.app.inject({ method: 'POST', url: '/api/auth/forgot-password', payload: { email } });
  const linkIn = (text: string) => /(http\S+\/reset-password\/\S+)/.exec(text)?.[1];

  it('the sign-in page offers "forgot password"', async () => {
    const res = await t.app.inject({ method: 'GET', url: '/api/auth/options' });
    expect(res.json()).toEqual({ passwordResetByEmail: true });
  });

  it('an invitation is emailed in the inviter’s language, and its link works', async () => {
    const res = await as(t, t.cookie).post('/api/invitations', { email: 'eva@example.com', role: 'agent' });
    expect(res.json().emailed).toBe(true);
    const mail = await t.waitFor(
      async () => inbox.received.find((m) => m.to.includes('eva@example.com')),
      'the email',
    );
    expect(mail.subject).toBe('Ana Owner te invita a Tienda Luna en Charla');
    expect(mail.text).toContain('como agente');
    expect(mail.text).toContain(res.json().url);
  });

  it('an admin’s reset link is emailed to the member in their own language', async () => {
    const carla = await addMember(t, 'agent', 'Carla Agent');
    await as(t, carla.cookie).patch('/api/me', { locale: 'en' });
    const res = await as(t, t.cookie).post(`/api/members/${carla.userId}/password-reset`);
    expect(res.json().emailed).toBe(true);
    const mail = await t.waitFor(
      async () =>
        inbox.received.find((m) => m.to.includes('carlaagent@example.com') && /password/.test(m.subject)),
      'the email',
    );
    expect(mail.subject).toBe('Choose a new password for Tienda Luna on Charla');
    expect(linkIn(mail.text)).toBe(res.json().url);
  });

  it('"forgot password" emails a working link, and answers the same for an unknown email', async () => {
    await addMember(t, 'agent', 'Carla Agent');
    const known = await forgot('carlaagent@example.com');
    const unknown = await forgot('nobody@example.com');
    expect(known.statusCode).toBe(204);
    expect(unknown.statusCode).toBe(204);
    expect(unknown.body).toBe(known.body);
    const mail = await t.waitFor(
      async () =>
        inbox.received.find((m) => m.to.includes('carlaagent@example.com') && /contraseña/.test(m.subject)),
      'the reset email',
    );
    expect(inbox.received.some((m) => m.to.includes('nobody@example.com'))).toBe(false);
    const url = linkIn(mail.text)!;
    const reset = await t.app.inject({
      method: 'POST',
      url: `/api/password-resets/${url.split('/').at(-1)}`,
      payload: { password: 'chosen after forgetting' },
    });
    expect(reset.statusCode, reset.body).toBe(204);
    await signIn(t, 'carlaagent@example.com', 'chosen after forgetting');
  });

  it('"forgot password" is throttled per email, whether or not it has an account', async () => {
    for (const email of ['carlaagent@example.com', 'nobody@example.com']) {
      const codes: number[] = [];
      for (let i = 0; i < 7; i++) codes.push((await forgot(email)).statusCode);
      expect(codes.slice(0, 5)).toEqual([204, 204, 204, 204, 204]);
      expect(codes.at(-1)).toBe(429);
    }
  });
});

describe('without SMTP', () => {
  let t: TestApp;
  beforeEach(async () => {
    t = await createTestApp();
  });
  afterEach(async () => {
    await t.close();
  });

  it('"forgot password" is not offered, and the route says to ask an admin', async () => {
    expect((await t.app.inject({ method: 'GET', url: '/api/auth/options' })).json()).toEqual({
      passwordResetByEmail: false,
    });
    const res = await t.app.inject({
      method: 'POST',
      url: '/api/auth/forgot-password',
      payload: { email: 'ana@example.com' },
    });
    expect(res.statusCode).toBe(404);
    expect(res.json().error).toMatchObject({
      code: 'email_not_configured',
      message: expect.stringMatching(/admin/),
    });
  });
});
