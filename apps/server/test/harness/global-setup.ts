import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { ensurePgliteDataDir, ensurePgliteImage, ensurePgTemplate } from './migrated-copies';

const repoRoot = fileURLToPath(new URL('../../../../', import.meta.url));

/** The built server that tests running Charla as a process start (server-process.ts). */
export function buildServer(): void {
  const run = spawnSync(process.execPath, ['scripts/build-server.mjs'], { cwd: repoRoot, stdio: 'inherit' });
  if (run.status !== 0) throw new Error('the server build failed');
}

/**
 * Vitest's global setup for the integration projects, once per run before any file starts: the
 * built server, and the migrated copies every test file's database starts from
 * (migrated-copies.ts).
 */
export default async function setup() {
  buildServer();
  await ensurePgliteImage();
  await ensurePgliteDataDir();
  const serverUrl = process.env.CHARLA_TEST_DATABASE_URL;
  if (serverUrl) await ensurePgTemplate(serverUrl);
}
