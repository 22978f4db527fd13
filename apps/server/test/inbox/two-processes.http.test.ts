import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { afterAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { freePort } from '../harness/free-port';
import { inboundTextWebhook, newWamid } from '../harness/payloads';
import { kill9, postSignedWebhook, sharedDatabaseEnv, startServerProcess } from '../harness/server-process';
import { createTestDatabaseUrl } from '../harness/test-db';

const appSecret = 'two-process-app-secret-012345678';
const cleanups: (() => Promise<void> | void)[] = [];
afterAll(async () => {
  for (const c of cleanups.reverse()) await c();
});

// Two identical processes behind a load balancer share one PostgreSQL (ARCHITECTURE.md §7).
// PGlite is one process by nature, so this runs in the PostgreSQL project only.
describe.runIf(process.env.CHARLA_TEST_DB_KIND === 'postgres')(
  'two Charla processes on one PostgreSQL',
  () => {
    it('store every webhook delivered to either process exactly once, duplicates included', async () => {
      const database = (await createTestDatabaseUrl())!;
      cleanups.push(database.drop);
      const env = (dir: string) => sharedDatabaseEnv(database.url, dir, appSecret);
      const dirs = [mkdtempSync(join(tmpdir(), 'charla-a-')), mkdtempSync(join(tmpdir(), 'charla-b-'))];
      cleanups.push(() => {
        for (const d of dirs) rmSync(d, { recursive: true, force: true });
      });
      const a = await startServerProcess(env(dirs[0]!), await freePort());
      cleanups.push(() => kill9(a.child));
      const setup = await fetch(`${a.url}/api/setup`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({
          workspaceName: 'Dos',
          name: 'Owner',
          email: 'o@example.com',
          password: 'a long password',
        }),
      });
      expect(setup.status).toBe(200);
      const b = await startServerProcess(env(dirs[1]!), await freePort());
      cleanups.push(() => kill9(b.child));

      // A browser signed in on process B listens while the webhooks land on both processes.
      const cookie = String(setup.headers.get('set-cookie')).split(';')[0]!;
      const socket = new WebSocket(`${b.url.replace('http', 'ws')}/api/realtime`, { headers: { cookie } });
      cleanups.push(() => socket.close());
      const heard = new Set<string>();
      socket.on('message', (data) => {
        const event = JSON.parse(String(data)) as { type: string; messageId?: string };
        if (event.type === 'message.created' && event.messageId) heard.add(event.messageId);
      });
      await new Promise((resolve, reject) => {
        socket.once('open', resolve);
        socket.once('error', reject);
      });

      const wamids = Array.from({ length: 300 }, () => newWamid());
      const bodies = wamids.map((wamid, i) =>
        inboundTextWebhook({
          phoneNumberId: '106540352242922',
          from: `52155${String(i % 30).padStart(8, '0')}`,
          text: `m${i}`,
          wamid,
        }),
      );
      // Each body goes to one process, and a third of them again to the other (Meta's retries).
      const posts = bodies.flatMap((body, i) => {
        const targets = i % 3 === 0 ? [a.url, b.url] : [i % 2 ? a.url : b.url];
        return targets.map((url) => ({ url, body }));
      });
      const statuses = await Promise.all(
        posts.map(async ({ url, body }) => {
          const res = await postSignedWebhook(url, body, appSecret);
          return res.status;
        }),
      );
      expect(statuses.every((s) => s === 200)).toBe(true);

      const client = new pg.Client({ connectionString: database.url });
      await client.connect();
      cleanups.push(() => client.end());
      const deadline = Date.now() + 30_000;
      let stored: { external_id: string; n: string }[] = [];
      while (Date.now() < deadline) {
        stored = (await client.query('SELECT external_id, count(*) AS n FROM messages GROUP BY external_id'))
          .rows;
        if (stored.length >= wamids.length) break;
        await new Promise((r) => setTimeout(r, 100));
      }
      expect(stored.map((r) => r.external_id).sort()).toEqual([...wamids].sort());
      expect(stored.every((r) => Number(r.n) === 1)).toBe(true);
      const conversations = await client.query(
        'SELECT count(*)::int AS n, sum(unread_count)::int AS unread FROM conversations',
      );
      expect(conversations.rows[0]).toEqual({ n: 30, unread: 300 });
      // LISTEN/NOTIFY carried every new message to B's browser, whichever process stored it.
      const ids = (await client.query<{ id: string }>('SELECT id FROM messages')).rows.map((r) => r.id);
      const wsDeadline = Date.now() + 10_000;
      while (ids.some((id) => !heard.has(id)) && Date.now() < wsDeadline) {
        await new Promise((r) => setTimeout(r, 50));
      }
      expect(ids.filter((id) => !heard.has(id))).toEqual([]);
    }, 120_000);
  },
);
