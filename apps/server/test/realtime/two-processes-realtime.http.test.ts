import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { freePort } from '../harness/free-port';
import { inboundTextWebhook } from '../harness/payloads';
import { kill9, postSignedWebhook, sharedDatabaseEnv, startServerProcess } from '../harness/server-process';
import { createTestDatabaseUrl } from '../harness/test-db';
import { type Frame, openSocket } from '../presence/sockets';

const appSecret = 'realtime-two-process-secret-0123';
const phoneNumberId = '106540352242922';
const cleanups: (() => Promise<void> | void)[] = [];
afterAll(async () => {
  for (const c of cleanups.reverse()) await c();
});
const json = { 'content-type': 'application/json' };
const cookieOf = (res: Response) => String(res.headers.get('set-cookie')).split(';')[0]!;

// A customer's message arrives on process A; the sockets are held by process B, which applies the
// same rule to its own sockets. PostgreSQL only (PGlite is one process by nature).
describe.runIf(process.env.CHARLA_TEST_DB_KIND === 'postgres')('realtime visibility across processes', () => {
  it('a restricted agent on B hears only their conversation of what arrived on A; the owner hears both', async () => {
    const database = (await createTestDatabaseUrl())!;
    cleanups.push(database.drop);
    const env = (dir: string) => sharedDatabaseEnv(database.url, dir, appSecret);
    const dirs = [mkdtempSync(join(tmpdir(), 'charla-ra-')), mkdtempSync(join(tmpdir(), 'charla-rb-'))];
    cleanups.push(() => {
      for (const d of dirs) rmSync(d, { recursive: true, force: true });
    });
    const a = await startServerProcess(env(dirs[0]!), await freePort());
    cleanups.push(() => kill9(a.child));
    const b = await startServerProcess(env(dirs[1]!), await freePort());
    cleanups.push(() => kill9(b.child));

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
    const owner = cookieOf(setup);
    const call = (method: string, path: string, body: object, cookie = owner) =>
      fetch(`${a.url}${path}`, { method, headers: { ...json, cookie }, body: JSON.stringify(body) });
    const invite = (await (
      await call('POST', '/api/invitations', { email: 'c@example.com', role: 'agent' })
    ).json()) as {
      url: string;
    };
    const accepted = await fetch(`${b.url}/api/invitations/${invite.url.split('/').at(-1)}/accept`, {
      method: 'POST',
      headers: json,
      body: JSON.stringify({ name: 'Carla', password: 'a long password' }),
    });
    const agent = {
      id: ((await accepted.json()) as { user: { id: string } }).user.id,
      cookie: cookieOf(accepted),
    };

    const customerWrites = async (from: string, text: string) => {
      const body = inboundTextWebhook({ phoneNumberId, from, text });
      const res = await postSignedWebhook(a.url, body, appSecret);
      expect(res.status).toBe(200);
    };
    const conversationOf = async (from: string) => {
      for (let i = 0; i < 150; i++) {
        const list = (await (
          await fetch(`${a.url}/api/conversations`, { headers: { cookie: owner } })
        ).json()) as {
          items: { id: string; contact: { waId: string } }[];
        };
        const found = list.items.find((c) => c.contact.waId === from);
        if (found) return found.id;
        await new Promise((r) => setTimeout(r, 100));
      }
      throw new Error(`no conversation for ${from}`);
    };
    await customerWrites('5215500000201', 'Hola, soy de Carla');
    await customerWrites('5215500000202', 'Hola, esto no es de Carla');
    const mine = await conversationOf('5215500000201');
    const hidden = await conversationOf('5215500000202');
    await call('POST', `/api/conversations/${mine}/assign`, { assigneeUserId: agent.id });
    await call('PATCH', '/api/workspace/settings', { conversationVisibility: 'assigned' });

    const agentOnB = await openSocket(b.url, agent.cookie);
    const ownerOnB = await openSocket(b.url, owner);
    cleanups.push(
      () => agentOnB.close(),
      () => ownerOnB.close(),
    );
    const about = (id: string) => (f: Frame) => f.type === 'message.created' && f.conversationId === id;
    await customerWrites('5215500000202', 'Dato privado');
    await customerWrites('5215500000201', '¿Y mi pedido?');
    await ownerOnB.next(about(hidden), 'owner on B: the hidden conversation', 10_000);
    await ownerOnB.next(about(mine), "owner on B: Carla's conversation", 10_000);
    await agentOnB.next(about(mine), 'agent on B: their conversation', 10_000);
    expect(agentOnB.frames.filter((f) => f.conversationId === hidden)).toEqual([]);
  }, 90_000);
});
