import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeEach, describe, expect, it } from 'vitest';
import { freePort } from '../harness/free-port';
import { addMember, customerWrites } from '../harness/members';
import { kill9, sharedDatabaseEnv, startServerProcess } from '../harness/server-process';
import { createTestApp, type TestApp } from '../harness/test-app';
import { createTestDatabaseUrl } from '../harness/test-db';
import { openSocket } from '../presence/sockets';

// A realtime socket lives exactly as long as the session it was opened with.
const csrf = { 'x-charla-request': '1' };
const cookieOf = (res: { headers: Record<string, unknown> }) =>
  String(res.headers['set-cookie']).split(';')[0]!;

describe('realtime sockets end with their session', () => {
  let t: TestApp;
  beforeEach(async () => {
    t = await createTestApp();
  });
  afterEach(async () => {
    await t.close();
  });

  async function signInAgain(): Promise<string> {
    const res = await t.app.inject({
      method: 'POST',
      url: '/api/auth/login',
      payload: { email: 'ana@example.com', password: 'correct horse battery' },
    });
    expect(res.statusCode).toBe(200);
    return cookieOf(res);
  }

  it('closes the socket within a second of logging out, and it hears nothing more', async () => {
    const otherTab = await signInAgain();
    const loggedOut = await openSocket(t.baseUrl, t.cookie);
    const stays = await openSocket(t.baseUrl, otherTab);

    const before = Date.now();
    const res = await t.app.inject({
      method: 'POST',
      url: '/api/auth/logout',
      headers: { cookie: t.cookie, ...csrf },
    });
    expect(res.statusCode).toBe(204);
    const closed = await loggedOut.closed;
    expect(closed.code).toBe(4401);
    expect(closed.at - before).toBeLessThan(1_000);
    const heard = loggedOut.frames.length;

    // The session that was not logged out keeps its socket and its events; the other hears none.
    const conversationId = await customerWrites(t, '5215511110000', 'Hola');
    await stays.next(
      (f) => f.type === 'message.created' && f.conversationId === conversationId,
      'the message',
    );
    expect(loggedOut.frames.length).toBe(heard);
    expect(loggedOut.frames.some((f) => f.type === 'message.created')).toBe(false);
    await stays.close();
  });

  it('closes the socket of a session that expired while it was open', async () => {
    const socket = await openSocket(t.baseUrl, t.cookie);
    t.clock.advance(t.container.config.SESSION_DAYS * 86_400_000 + 60_000);
    const closed = await Promise.race([
      socket.closed,
      new Promise<null>((r) => setTimeout(() => r(null), 3_000)),
    ]);
    expect(closed?.code).toBe(4401);
    const me = await t.app.inject({ method: 'GET', url: '/api/me', headers: { cookie: t.cookie } });
    expect(me.statusCode).toBe(401);
  });

  it('closes the socket of a member deactivated or given another role, whichever way it happened', async () => {
    const agent = await addMember(t, 'agent', 'Carla Agent');
    const admin = await addMember(t, 'admin', 'Beto Admin');
    const agentSocket = await openSocket(t.baseUrl, agent.cookie);
    const adminSocket = await openSocket(t.baseUrl, admin.cookie);
    // Written straight to the database: even a change that announced nothing ends the sockets.
    await t.container.db.query('UPDATE workspace_members SET deactivated_at = now() WHERE user_id = $1', [
      agent.userId,
    ]);
    await t.container.db.query(`UPDATE workspace_members SET role = 'agent' WHERE user_id = $1`, [
      admin.userId,
    ]);
    const within = (p: Promise<{ code: number }>) =>
      Promise.race([p, new Promise<null>((r) => setTimeout(() => r(null), 3_000))]);
    expect((await within(agentSocket.closed))?.code).toBe(4401);
    expect((await within(adminSocket.closed))?.code).toBe(4401);
  });
});

const cleanups: (() => Promise<void> | void)[] = [];
afterAll(async () => {
  for (const c of cleanups.reverse()) await c();
});

// Sessions end on one process and the socket is held by another: the news travels on the event
// bus (NOTIFY). PGlite is one process by nature, so this runs in the PostgreSQL project only.
describe.runIf(process.env.CHARLA_TEST_DB_KIND === 'postgres')('sessions ended across processes', () => {
  it('logging out on process A closes the socket held by process B within a second', async () => {
    const database = (await createTestDatabaseUrl())!;
    cleanups.push(database.drop);
    const env = (dir: string) => sharedDatabaseEnv(database.url, dir, 'session-two-process-secret-0123');
    const dirs = [mkdtempSync(join(tmpdir(), 'charla-sa-')), mkdtempSync(join(tmpdir(), 'charla-sb-'))];
    cleanups.push(() => {
      for (const d of dirs) rmSync(d, { recursive: true, force: true });
    });
    // One after the other: the first one migrates the shared database.
    const a = await startServerProcess(env(dirs[0]!), await freePort());
    cleanups.push(() => kill9(a.child));
    const b = await startServerProcess(env(dirs[1]!), await freePort());
    cleanups.push(() => kill9(b.child));
    const setup = await fetch(`${a.url}/api/setup`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({
        workspaceName: 'Dos',
        name: 'Ana',
        email: 'a@example.com',
        password: 'a long password',
      }),
    });
    expect(setup.status).toBe(200);
    const cookie = String(setup.headers.get('set-cookie')).split(';')[0]!;

    const onB = await openSocket(b.url, cookie);
    const before = Date.now();
    const logout = await fetch(`${a.url}/api/auth/logout`, { method: 'POST', headers: { cookie, ...csrf } });
    expect(logout.status).toBe(204);
    const closed = await onB.closed;
    expect(closed.code).toBe(4401);
    expect(closed.at - before).toBeLessThan(1_000);
  });
});
