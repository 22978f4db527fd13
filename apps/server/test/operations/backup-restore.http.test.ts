import { spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { cpSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Thread } from '@charla/contracts';
import pg from 'pg';
import { afterAll, describe, expect, it } from 'vitest';
import { freePort } from '../harness/free-port';
import { kill9, startServerProcess } from '../harness/server-process';
import { createTestApp, type TestApp } from '../harness/test-app';

// The backup docs/deploy.md describes, done and restored: `pg_dump` of the database and a copy
// of the media folder, restored with `pg_restore` into a new database beside a new data folder,
// then a Charla process started on them shows the same conversation and serves the same file.

const hasTools = ['pg_dump', 'pg_restore'].every((bin) => spawnSync(bin, ['--version']).status === 0);
const cleanups: (() => Promise<void> | void)[] = [];
afterAll(async () => {
  for (const c of cleanups.reverse()) await c();
});

const run = (bin: string, args: string[]) => {
  const res = spawnSync(bin, args, { encoding: 'utf8' });
  if (res.status !== 0) throw new Error(`${bin} failed: ${res.stderr}`);
};

describe.runIf(process.env.CHARLA_TEST_DB_KIND === 'postgres' && hasTools)('backup and restore', () => {
  it('pg_dump and the media folder, restored into a new database and folder, give back the conversation and its file', async () => {
    const t: TestApp = await createTestApp();
    cleanups.push(() => t.close());
    const photo = Buffer.concat([Buffer.from('89504e470d0a1a0a', 'hex'), randomBytes(2048)]);
    const waId = '5215561230001';
    t.simulator.sendAsCustomer({
      phoneNumberId: t.sandbox.phoneNumberId,
      waId,
      message: { type: 'image', image: {} },
      media: { base64: photo.toString('base64'), mimeType: 'image/png' },
    });
    t.simulator.sendAsCustomer({ phoneNumberId: t.sandbox.phoneNumberId, waId, text: 'Antes de la copia' });
    const api = (url: string) => t.app.inject({ method: 'GET', url, headers: { cookie: t.cookie } });
    const thread = await t.waitFor(async () => {
      const conv = (await api('/api/conversations'))
        .json()
        .items.find((c: { contact: { waId: string } }) => c.contact.waId === waId);
      if (!conv) return null;
      const th: Thread = (await api(`/api/conversations/${conv.id}`)).json();
      const ready = th.messages.some(
        (m) => (m.content as { media?: { state: string } }).media?.state === 'ready',
      );
      return ready && th.messages.some((m) => m.text === 'Antes de la copia') ? th : null;
    }, 'the photo and the text');

    // The backup.
    const backup = mkdtempSync(join(tmpdir(), 'charla-backup-'));
    cleanups.push(() => rmSync(backup, { recursive: true, force: true }));
    const [{ name: source }] = (await t.container.db.query<{ name: string }>(
      'SELECT current_database() AS name',
    )) as [{ name: string }];
    const sourceUrl = new URL(process.env.CHARLA_TEST_DATABASE_URL!);
    sourceUrl.pathname = `/${source}`;
    run('pg_dump', ['--format=custom', `--file=${join(backup, 'charla.dump')}`, sourceUrl.toString()]);
    cpSync(join(t.container.config.DATA_DIR, 'media'), join(backup, 'media'), { recursive: true });

    // The restore, on a new database and a new data folder.
    const name = `charla_test_restored_${randomBytes(4).toString('hex')}`;
    const server = new pg.Client({ connectionString: process.env.CHARLA_TEST_DATABASE_URL });
    await server.connect();
    await server.query(`CREATE DATABASE ${name}`);
    cleanups.push(async () => {
      await server.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await server.end();
    });
    const restoredUrl = new URL(process.env.CHARLA_TEST_DATABASE_URL!);
    restoredUrl.pathname = `/${name}`;
    run('pg_restore', ['--no-owner', `--dbname=${restoredUrl}`, join(backup, 'charla.dump')]);
    const dataDir = mkdtempSync(join(tmpdir(), 'charla-restored-'));
    cleanups.push(() => rmSync(dataDir, { recursive: true, force: true }));
    cpSync(join(backup, 'media'), join(dataDir, 'media'), { recursive: true });

    const restored = await startServerProcess(
      {
        DATA_DIR: dataDir,
        DATABASE_URL: restoredUrl.toString(),
        // The same key: the numbers' secrets in the database are sealed with it.
        SECRET_KEY: 'ab'.repeat(32),
        SIMULATOR_PORT: String(await freePort()),
        LOG_LEVEL: 'warn',
      },
      await freePort(),
    );
    cleanups.push(() => kill9(restored.child));
    const login = await fetch(`${restored.url}/api/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ email: 'ana@example.com', password: 'correct horse battery' }),
    });
    expect(login.status).toBe(200);
    const cookie = String(login.headers.get('set-cookie')).split(';')[0]!;
    const get = (url: string) => fetch(`${restored.url}${url}`, { headers: { cookie } });
    const again = (await (await get(`/api/conversations/${thread.conversation.id}`)).json()) as Thread;
    expect(again.messages.map((m) => [m.id, m.text])).toEqual(thread.messages.map((m) => [m.id, m.text]));
    const media = again.messages
      .map((m) => (m.content as { media?: { url: string } }).media)
      .find((m) => m !== undefined)!;
    const file = await get(media.url);
    expect(file.status).toBe(200);
    expect(Buffer.from(await file.arrayBuffer()).equals(photo)).toBe(true);
    // The numbers' secrets open with the same key: the channel list reads them.
    expect((await get('/api/channels')).status).toBe(200);
    expect((await fetch(`${restored.url}/ready`)).status).toBe(200);
  }, 120_000);
});
