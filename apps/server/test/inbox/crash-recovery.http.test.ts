import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { freePort } from '../harness/free-port';
import { inboundTextWebhook } from '../harness/payloads';
import { kill9, postSignedWebhook, sharedDatabaseEnv, startServerProcess } from '../harness/server-process';
import { createTestDatabaseUrl } from '../harness/test-db';

const dataDir = mkdtempSync(join(tmpdir(), 'charla-crash-'));
const appSecret = 'crash-test-app-secret-0123456789';
let dropDb: (() => Promise<void>) | null = null;

/** One configured number whose Graph calls go nowhere; on PostgreSQL when the pg project runs. */
function numberEnv(dir: string, databaseUrl: string | undefined): Record<string, string> {
  const { DATABASE_URL: _, ...env } = sharedDatabaseEnv('', dir, appSecret);
  return databaseUrl ? { ...env, DATABASE_URL: databaseUrl } : env;
}
afterAll(async () => {
  await dropDb?.();
  rmSync(dataDir, { recursive: true, force: true });
});

describe('a webhook answered 200 survives SIGKILL', () => {
  it('every message acknowledged before the kill appears after the restart', async () => {
    const pgDb = await createTestDatabaseUrl();
    dropDb = pgDb?.drop ?? null;
    const env = numberEnv(dataDir, pgDb?.url);
    const port = await freePort();
    let server = await startServerProcess(env, port);
    const setup = await fetch(`${server.url}/api/setup`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({
        workspaceName: 'Crash',
        name: 'Owner',
        email: 'o@example.com',
        password: 'a long password',
      }),
    });
    expect(setup.status).toBe(200);

    const bodies = Array.from({ length: 40 }, (_, i) =>
      inboundTextWebhook({
        phoneNumberId: '106540352242922',
        from: `52155000${String(i).padStart(5, '0')}`,
        text: `mensaje ${i}`,
      }),
    );
    const statuses = await Promise.all(
      bodies.map(async (body) => {
        const res = await postSignedWebhook(server.url, body, appSecret);
        return res.status;
      }),
    );
    // Killed the instant the last 200 arrived: no graceful shutdown, no flush.
    await kill9(server.child);
    expect(statuses.every((s) => s === 200)).toBe(true);

    server = await startServerProcess(env, port);
    try {
      const login = await fetch(`${server.url}/api/auth/login`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ email: 'o@example.com', password: 'a long password' }),
      });
      const cookie = String(login.headers.get('set-cookie')).split(';')[0]!;
      const deadline = Date.now() + 30_000;
      let texts: string[] = [];
      while (Date.now() < deadline) {
        const list = (await (
          await fetch(`${server.url}/api/conversations`, { headers: { cookie } })
        ).json()) as {
          items: { lastMessage: { text: string } }[];
        };
        texts = list.items.map((c: { lastMessage: { text: string } }) => c.lastMessage.text);
        if (texts.length === 40) break;
        await new Promise((r) => setTimeout(r, 100));
      }
      expect(texts.sort()).toEqual(bodies.map((_, i) => `mensaje ${i}`).sort());
    } finally {
      await kill9(server.child);
    }
  }, 180_000);
});

describe('SIGTERM is a graceful shutdown', () => {
  it('mid-stream of webhooks: exits 0 within 10 s, and every message acknowledged before it is there after the restart', async () => {
    const termDir = mkdtempSync(join(tmpdir(), 'charla-term-'));
    const pgDb = await createTestDatabaseUrl();
    const env = numberEnv(termDir, pgDb?.url);
    const port = await freePort();
    let server = await startServerProcess(env, port);
    try {
      const setup = await fetch(`${server.url}/api/setup`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({
          workspaceName: 'Term',
          name: 'Owner',
          email: 'o@example.com',
          password: 'a long password',
        }),
      });
      expect(setup.status).toBe(200);

      // Ten senders post one message after another until the process stops answering.
      const acked: string[] = [];
      let sent = 0;
      const post = async (text: string, from: string) => {
        const body = inboundTextWebhook({ phoneNumberId: '106540352242922', from, text });
        const res = await postSignedWebhook(server.url, body, appSecret).catch(() => null);
        if (res?.status === 200) acked.push(text);
        return res !== null && res.status !== 503;
      };
      const senders = Array.from({ length: 10 }, async (_, s) => {
        for (let i = 0; ; i++) {
          sent++;
          if (!(await post(`term ${s}-${i}`, `5215510${String(s).padStart(6, '0')}`))) return;
        }
      });
      while (acked.length < 50) await new Promise((r) => setTimeout(r, 5));
      const exited = new Promise<number | null>((resolve) =>
        server.child.once('exit', (code) => resolve(code)),
      );
      const started = Date.now();
      server.child.kill('SIGTERM');
      const code = await exited;
      const took = Date.now() - started;
      await Promise.all(senders);
      expect(code, server.output()).toBe(0);
      expect(took).toBeLessThan(10_000);
      expect(sent).toBeGreaterThan(acked.length);

      server = await startServerProcess(env, port);
      const login = await fetch(`${server.url}/api/auth/login`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ email: 'o@example.com', password: 'a long password' }),
      });
      const cookie = String(login.headers.get('set-cookie')).split(';')[0]!;
      const stored = new Set<string>();
      for (
        const deadline = Date.now() + 30_000;
        Date.now() < deadline;
        await new Promise((r) => setTimeout(r, 200))
      ) {
        stored.clear();
        for (const c of (
          (await (await fetch(`${server.url}/api/conversations`, { headers: { cookie } })).json()) as {
            items: { id: string }[];
          }
        ).items) {
          const thread = (await (
            await fetch(`${server.url}/api/conversations/${c.id}`, { headers: { cookie } })
          ).json()) as { messages: { text: string | null }[] };
          for (const m of thread.messages) if (m.text) stored.add(m.text);
        }
        if (acked.every((t) => stored.has(t))) break;
      }
      expect(acked.filter((t) => !stored.has(t))).toEqual([]);
    } finally {
      await kill9(server.child);
      await pgDb?.drop();
      rmSync(termDir, { recursive: true, force: true });
    }
  }, 180_000);
});
