import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { freePort } from '../harness/free-port';
import { seedDataDir } from '../harness/migrated-copies';
import { inboundTextWebhook } from '../harness/payloads';
import { kill9, postSignedWebhook, sharedDatabaseEnv, startServerProcess } from '../harness/server-process';
import { createTestDatabaseUrl } from '../harness/test-db';

// An install outgrows the embedded database: `npm run db:to-postgres` copies it into PostgreSQL,
// and Charla started on PostgreSQL with the same DATA_DIR shows everything and keeps going.

const repoRoot = fileURLToPath(new URL('../../../../', import.meta.url));
const appSecret = 'move-test-app-secret-0123456789ab';
const cleanups: (() => Promise<void> | void)[] = [];
afterAll(async () => {
  for (const c of cleanups.reverse()) await c();
});

describe.runIf(process.env.CHARLA_TEST_DB_KIND === 'postgres')(
  'moving from the embedded database to PostgreSQL',
  () => {
    it('copies every conversation, and Charla on PostgreSQL signs the owner in, shows them and stores new ones', async () => {
      const dataDir = mkdtempSync(join(tmpdir(), 'charla-move-'));
      cleanups.push(() => rmSync(dataDir, { recursive: true, force: true }));
      seedDataDir(dataDir);
      const { DATABASE_URL: _, ...embedded } = sharedDatabaseEnv('', dataDir, appSecret);
      const port = await freePort();
      let server = await startServerProcess(embedded, port);
      cleanups.push(() => kill9(server.child));
      const setup = await fetch(`${server.url}/api/setup`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({
          workspaceName: 'Mudanza',
          name: 'Owner',
          email: 'o@example.com',
          password: 'a long password',
        }),
      });
      expect(setup.status).toBe(200);
      const customerWrites = async (from: string, text: string) => {
        const body = inboundTextWebhook({ phoneNumberId: '106540352242922', from, text });
        const res = await postSignedWebhook(server.url, body, appSecret);
        expect(res.status).toBe(200);
      };
      const signIn = async () => {
        const login = await fetch(`${server.url}/api/auth/login`, {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify({ email: 'o@example.com', password: 'a long password' }),
        });
        expect(login.status).toBe(200);
        return String(login.headers.get('set-cookie')).split(';')[0]!;
      };
      const lastTexts = async () => {
        const cookie = await signIn();
        const list = (await (
          await fetch(`${server.url}/api/conversations`, { headers: { cookie } })
        ).json()) as {
          items: { lastMessage: { text: string } }[];
        };
        return list.items.map((c) => c.lastMessage.text).sort();
      };
      /** Today's volume as the Reports page shows it, worked out first (the reports' cycles and histograms). */
      const todaysVolume = async () => {
        const cookie = await signIn();
        const refreshed = await fetch(`${server.url}/api/reports/refresh`, {
          method: 'POST',
          headers: { cookie },
        });
        expect(refreshed.status, await refreshed.clone().text()).toBe(200);
        const today = new Date().toISOString().slice(0, 10);
        const res = await fetch(`${server.url}/api/reports/volume?from=${today}&to=${today}`, {
          headers: { cookie },
        });
        expect(res.status).toBe(200);
        const { totals } = (await res.json()) as { totals: { inbound: number; conversations: number } };
        return { inbound: totals.inbound, conversations: totals.conversations };
      };
      for (const i of [1, 2, 3]) await customerWrites(`52155990000${i}`, `Mensaje ${i}`);
      for (const deadline = Date.now() + 20_000; (await lastTexts()).length < 3 && Date.now() < deadline; )
        await new Promise((r) => setTimeout(r, 200));
      expect(await lastTexts()).toEqual(['Mensaje 1', 'Mensaje 2', 'Mensaje 3']);
      // The reports' figures exist before the move (rows that triggers keep among them).
      expect(await todaysVolume()).toEqual({ inbound: 3, conversations: 3 });
      server.child.kill('SIGTERM');
      await new Promise((r) => server.child.once('exit', r));

      const target = (await createTestDatabaseUrl())!;
      cleanups.push(() => target.drop());
      const move = () =>
        spawnSync(process.execPath, ['apps/server/dist/move-to-postgres.js'], {
          cwd: repoRoot,
          env: { PATH: process.env.PATH ?? '', ...embedded, DATABASE_URL: target.url },
          encoding: 'utf8',
        });
      const moved = move();
      expect(moved.status, moved.stderr).toBe(0);
      expect(moved.stdout).toMatch(/Copied [\d,]+ rows in \d+ tables/);

      server = await startServerProcess({ ...embedded, DATABASE_URL: target.url }, port);
      expect(await lastTexts()).toEqual(['Mensaje 1', 'Mensaje 2', 'Mensaje 3']);
      expect(await todaysVolume()).toEqual({ inbound: 3, conversations: 3 });
      // New rows take new ids after the copied ones (the sequences moved too).
      await customerWrites('521559900001', 'Ya en PostgreSQL');
      for (
        const deadline = Date.now() + 20_000;
        Date.now() < deadline;
        await new Promise((r) => setTimeout(r, 200))
      )
        if ((await lastTexts()).includes('Ya en PostgreSQL')) break;
      expect(await lastTexts()).toEqual(['Mensaje 2', 'Mensaje 3', 'Ya en PostgreSQL']);
      expect((await fetch(`${server.url}/ready`)).status).toBe(200);

      // A second move into the same database refuses, naming why, and copies nothing.
      const again = move();
      expect(again.status).toBe(1);
      expect(again.stderr).toMatch(/already holds a workspace/);
    }, 120_000);
  },
);
