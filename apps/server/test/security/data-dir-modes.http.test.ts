import { mkdtempSync, readdirSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { freePort } from '../harness/free-port';
import { kill9, startServerProcess } from '../harness/server-process';

// Charla started as it is in production (`main.ts`, embedded database, simulator, generated
// secret key) in an empty DATA_DIR: nothing it writes there is readable by another local user.

const ONE_PIXEL_PNG =
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==';

let parent: string;
let dataDir: string;
let server: Awaited<ReturnType<typeof startServerProcess>>;

beforeAll(async () => {
  parent = mkdtempSync(join(tmpdir(), 'charla-modes-'));
  dataDir = join(parent, 'data');
  server = await startServerProcess(
    { DATA_DIR: dataDir, SIMULATOR_PORT: String(await freePort()), LOG_LEVEL: 'warn' },
    await freePort(),
  );
}, 90_000);

afterAll(async () => {
  if (server) await kill9(server.child);
  if (parent) rmSync(parent, { recursive: true, force: true });
});

function walk(dir: string): { path: string; mode: number; isDir: boolean }[] {
  const out = [{ path: dir, mode: statSync(dir).mode & 0o777, isDir: true }];
  for (const name of readdirSync(dir)) {
    const path = join(dir, name);
    const info = statSync(path);
    if (info.isDirectory()) out.push(...walk(path));
    else out.push({ path, mode: info.mode & 0o777, isDir: false });
  }
  return out;
}

describe('DATA_DIR', () => {
  it('is 700 and every file in it 600: database, media, secret key, simulator secrets', async () => {
    const setup = await fetch(`${server.url}/api/setup`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({
        workspaceName: 'Tienda',
        name: 'Ana',
        email: 'ana@example.com',
        password: 'correct horse battery',
      }),
    });
    expect(setup.status).toBe(200);
    const cookie = String(setup.headers.get('set-cookie')).split(';')[0]!;
    const form = new FormData();
    form.append('file', new Blob([Buffer.from(ONE_PIXEL_PNG, 'base64')], { type: 'image/png' }), 'p.png');
    const upload = await fetch(`${server.url}/api/media?kind=image`, {
      method: 'POST',
      headers: { cookie },
      body: form,
    });
    expect(upload.status, await upload.clone().text()).toBe(201);

    const deadline = Date.now() + 10_000;
    const names = () => walk(dataDir).map((e) => e.path.slice(dataDir.length + 1));
    while (!names().includes('simulator.json') && Date.now() < deadline) {
      await new Promise((r) => setTimeout(r, 100));
    }
    const entries = walk(dataDir);
    const files = entries.filter((e) => !e.isDir).map((e) => e.path.slice(dataDir.length + 1));
    expect(files).toContain('secret.key');
    expect(files).toContain('simulator.json');
    expect(files.some((f) => f.startsWith('media/'))).toBe(true);
    expect(files.some((f) => f.startsWith('db/'))).toBe(true);
    const open = entries
      .filter((e) => (e.isDir ? e.mode !== 0o700 : e.mode !== 0o600))
      .map((e) => `${e.path.slice(dataDir.length) || '/'} ${e.mode.toString(8)}`);
    expect(open).toEqual([]);
  }, 60_000);
});
