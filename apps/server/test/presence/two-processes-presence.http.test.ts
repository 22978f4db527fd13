import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { freePort } from '../harness/free-port';
import { inboundTextWebhook } from '../harness/payloads';
import { kill9, postSignedWebhook, sharedDatabaseEnv, startServerProcess } from '../harness/server-process';
import { createTestDatabaseUrl } from '../harness/test-db';
import { openSocket, presenceIs, type TestSocket } from './sockets';

const appSecret = 'two-process-app-secret-012345678';
const cleanups: (() => Promise<void> | void)[] = [];
afterAll(async () => {
  for (const c of cleanups.reverse()) await c();
});

// Presence travels on the event bus (NOTIFY): an agent on process A is seen from process B.
// PGlite is one process by nature, so this runs in the PostgreSQL project only.
describe.runIf(process.env.CHARLA_TEST_DB_KIND === 'postgres')('presence across two processes', () => {
  it('shows viewing and typing on A to a browser connected to B, and the end of it', async () => {
    const database = (await createTestDatabaseUrl())!;
    cleanups.push(database.drop);
    const env = (dir: string) => sharedDatabaseEnv(database.url, dir, appSecret);
    const dirs = [mkdtempSync(join(tmpdir(), 'charla-pa-')), mkdtempSync(join(tmpdir(), 'charla-pb-'))];
    cleanups.push(() => {
      for (const d of dirs) rmSync(d, { recursive: true, force: true });
    });
    const a = await startServerProcess(env(dirs[0]!), await freePort());
    cleanups.push(() => kill9(a.child));
    const json = { 'content-type': 'application/json' };
    const setup = await fetch(`${a.url}/api/setup`, {
      method: 'POST',
      headers: json,
      body: JSON.stringify({
        workspaceName: 'Dos',
        name: 'Ana',
        email: 'a@example.com',
        password: 'a long password',
      }),
    });
    expect(setup.status).toBe(200);
    const ana = { id: ((await setup.json()) as { user: { id: string } }).user.id, cookie: cookieOf(setup) };
    const invite = await fetch(`${a.url}/api/invitations`, {
      method: 'POST',
      headers: { ...json, cookie: ana.cookie },
      body: JSON.stringify({ email: 'b@example.com', role: 'admin' }),
    });
    const token = ((await invite.json()) as { url: string }).url.split('/').at(-1);
    const b = await startServerProcess(env(dirs[1]!), await freePort());
    cleanups.push(() => kill9(b.child));
    const accepted = await fetch(`${b.url}/api/invitations/${token}/accept`, {
      method: 'POST',
      headers: json,
      body: JSON.stringify({ name: 'Beto', password: 'a long password' }),
    });
    expect(accepted.status).toBe(200);
    const betoCookie = cookieOf(accepted);

    const body = inboundTextWebhook({
      phoneNumberId: '106540352242922',
      from: '5215500001111',
      text: 'Hola',
    });
    const posted = await postSignedWebhook(a.url, body, appSecret);
    expect(posted.status).toBe(200);
    let conv = '';
    const deadline = Date.now() + 15_000;
    while (!conv && Date.now() < deadline) {
      const list = await fetch(`${b.url}/api/conversations`, { headers: { cookie: betoCookie } });
      conv = ((await list.json()) as { items: { id: string }[] }).items[0]?.id ?? '';
      if (!conv) await new Promise((r) => setTimeout(r, 100));
    }
    expect(conv).not.toBe('');

    const onA: TestSocket = await openSocket(a.url, ana.cookie);
    const onB: TestSocket = await openSocket(b.url, betoCookie);
    cleanups.push(
      () => onA.close(),
      () => onB.close(),
    );
    onA.send({ type: 'presence.viewing', conversationId: conv });
    await onB.next(presenceIs(conv, [ana.id]), 'Ana viewing, heard on B');
    onA.send({ type: 'presence.typing', conversationId: conv });
    await onB.next(presenceIs(conv, [ana.id], [ana.id]), 'Ana typing, heard on B');
    await onA.close();
    await onB.next(presenceIs(conv, []), 'Ana gone, heard on B');
  }, 90_000);
});

const cookieOf = (res: Response) => String(res.headers.get('set-cookie')).split(';')[0]!;
