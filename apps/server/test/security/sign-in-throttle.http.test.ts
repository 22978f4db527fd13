import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addMember } from '../harness/members';
import { createTestApp, type TestApp } from '../harness/test-app';

// Failed sign-ins are counted per address and per account in the database, with growing waits:
// guessing from many addresses or at many accounts is stopped, while the owner is never locked
// out for long. Addresses come through TRUST_PROXY=1 (one proxy in front), so the test varies them
// with X-Forwarded-For as that proxy would.

const OWNER = { email: 'ana@example.com', password: 'correct horse battery' };
let t: TestApp;

beforeAll(async () => {
  t = await createTestApp({ config: { TRUST_PROXY: '1', LOGIN_MAX_ATTEMPTS_PER_MINUTE: '1000' } });
}, 60_000);
afterAll(() => t?.close());

function login(from: string, email: string, password: string) {
  return t.app.inject({
    method: 'POST',
    url: '/api/auth/login',
    headers: { 'x-forwarded-for': from },
    payload: { email, password },
  });
}

/** The attacker guesses from a fresh address each time for `minutes`, waiting out every delay. */
async function guessFromManyAddresses(email: string, minutes: number, firstOctet = 203) {
  const start = t.clock.now().getTime();
  let checked = 0;
  for (let i = 0; t.clock.now().getTime() - start < minutes * 60_000; i++) {
    const res = await login(`${firstOctet}.${Math.floor(i / 250)}.0.${(i % 250) + 1}`, email, `guess ${i}`);
    if (res.statusCode === 429) {
      t.clock.advance(Number(res.headers['retry-after']) * 1000);
    } else {
      expect(res.statusCode, res.body).toBe(401);
      checked++;
    }
  }
  // End on a counted failure, so the account is waiting right now.
  for (;;) {
    const res = await login(`${firstOctet}.255.0.1`, email, 'last guess');
    if (res.statusCode !== 429) return { checked: checked + 1 };
    t.clock.advance(Number(res.headers['retry-after']) * 1000);
  }
}

describe('sign-in throttling', () => {
  it('stops guessing one password from many addresses: the account waits longer and longer, with Retry-After', async () => {
    const agent = await addMember(t, 'agent', 'Beto');
    const email = 'beto@example.com';
    for (let i = 0; i < 5; i++)
      expect((await login(`203.0.113.${i + 1}`, email, 'wrong')).statusCode).toBe(401);
    const refused = await login('203.0.113.77', email, 'a long enough password');
    expect(refused.statusCode).toBe(429);
    expect(refused.headers['retry-after']).toBe('1');
    expect(refused.json().error.code).toBe('too_many_attempts');
    expect(refused.json().error.message).toMatch(/Try again in 1 second \(after \d\d:\d\d UTC\)/);

    // An hour of guessing from a fresh address each time checks few passwords.
    const attack = await guessFromManyAddresses(email, 60, 198);
    expect(attack.checked).toBeLessThan(20);
    // The wait is capped for the account: a quarter of an hour.
    const capped = await login('198.19.0.1', email, 'still guessing');
    expect(capped.statusCode).toBe(429);
    expect(Number(capped.headers['retry-after'])).toBeGreaterThan(10 * 60);
    expect(Number(capped.headers['retry-after'])).toBeLessThanOrEqual(15 * 60);
    expect(agent.userId).toBeTruthy();
  }, 120_000);

  it('lets the owner in from her usual address at once, and from a new one within the cap', async () => {
    // Ana signs in from the office once: that address is now her usual one.
    expect((await login('198.51.100.10', OWNER.email, OWNER.password)).statusCode).toBe(200);
    await guessFromManyAddresses(OWNER.email, 30);

    const fromOffice = await login('198.51.100.10', OWNER.email, OWNER.password);
    expect(fromOffice.statusCode, fromOffice.body).toBe(200);

    await guessFromManyAddresses(OWNER.email, 30, 100);
    const fromHotel = await login('192.0.2.50', OWNER.email, OWNER.password);
    expect(fromHotel.statusCode).toBe(429);
    const wait = Number(fromHotel.headers['retry-after']);
    expect(wait).toBeGreaterThan(0);
    expect(wait).toBeLessThanOrEqual(15 * 60);
    t.clock.advance(wait * 1000);
    expect((await login('192.0.2.50', OWNER.email, OWNER.password)).statusCode).toBe(200);
  }, 120_000);

  it('stops one address guessing at many accounts, even with the right password, and leaves other addresses alone', async () => {
    const from = '203.0.113.200';
    for (let i = 0; i < 10; i++) {
      expect((await login(from, `someone${i}@example.com`, 'password1')).statusCode).toBe(401);
    }
    const next = await login(from, 'someone-else@example.com', 'password1');
    expect(next.statusCode).toBe(429);
    const owner = await login(from, OWNER.email, OWNER.password);
    expect(owner.statusCode).toBe(429);
    expect((await login('198.51.100.10', OWNER.email, OWNER.password)).statusCode).toBe(200);
    // The address's waits grow past the account's cap: it is the attacker's own.
    let wait = 0;
    for (let i = 0; i < 30; i++) {
      const res = await login(from, `x${i}@example.com`, 'password1');
      if (res.statusCode === 429) {
        wait = Number(res.headers['retry-after']);
        t.clock.advance(wait * 1000);
      }
    }
    expect(wait).toBeGreaterThan(15 * 60);
  }, 120_000);

  it('records sign-ins and failures with the address the proxy saw, never the password', async () => {
    const failed = await login('6.6.6.6, 198.51.100.33', OWNER.email, 'not-the-password-xyz');
    expect(failed.statusCode).toBe(401);
    const ok = await login('6.6.6.6, 198.51.100.33', OWNER.email, OWNER.password);
    expect(ok.statusCode).toBe(200);
    const rows = await t.container.db.query<{
      action: string;
      ip: string;
      details: unknown;
      actor_label: string;
    }>(
      `SELECT action, ip, details, actor_label FROM audit_log
        WHERE action IN ('auth.login', 'auth.login_failed') AND ip = '198.51.100.33' ORDER BY id`,
    );
    expect(rows.map((r) => r.action)).toEqual(['auth.login_failed', 'auth.login']);
    expect(JSON.stringify(rows)).not.toContain('not-the-password');
    expect(JSON.stringify(rows)).not.toContain(OWNER.password);
    // The client's own leftmost value is not believed.
    const [forged] = await t.container.db.query(`SELECT 1 FROM audit_log WHERE ip = '6.6.6.6'`);
    expect(forged).toBeUndefined();
  });

  it('throttles guessing invitation links per address', async () => {
    const from = '203.0.113.250';
    const accept = (token: string) =>
      t.app.inject({
        method: 'POST',
        url: `/api/invitations/${token}/accept`,
        headers: { 'x-forwarded-for': from },
        payload: { name: 'Mallory', password: 'a long enough password' },
      });
    for (let i = 0; i < 10; i++) expect((await accept(`guessed-token-${i}`)).statusCode).toBe(404);
    const refused = await accept('guessed-token-x');
    expect(refused.statusCode).toBe(429);
    expect(Number(refused.headers['retry-after'])).toBeGreaterThan(0);
  });
});

describe('without TRUST_PROXY', () => {
  let plain: TestApp;
  beforeAll(async () => {
    plain = await createTestApp();
  }, 60_000);
  afterAll(() => plain?.close());

  const attempt = (from: string, email: string) =>
    plain.app.inject({
      method: 'POST',
      url: '/api/auth/login',
      headers: { 'x-forwarded-for': from },
      payload: { email, password: 'wrong password' },
      remoteAddress: '127.0.0.1',
    });

  it('ignores X-Forwarded-For: a forged address neither escapes the per-minute limit nor resets the count', async () => {
    const codes: number[] = [];
    for (let i = 0; i < 12; i++) codes.push((await attempt(`10.9.8.${i}`, `who${i}@example.com`)).statusCode);
    // LOGIN_MAX_ATTEMPTS_PER_MINUTE (10) applies to the socket's address, whatever the header says.
    expect(codes.slice(0, 10).every((c) => c === 401)).toBe(true);
    expect(codes.slice(10)).toEqual([429, 429]);
    // And the shared count is the socket's too: the eleventh failure from "new" addresses waits.
    const [row] = await plain.container.db.query<{ key: string; failures: number }>(
      `SELECT key, failures FROM auth_throttle WHERE key LIKE 'ip:%'`,
    );
    expect(row).toEqual({ key: 'ip:127.0.0.1', failures: 10 });
  });
});
