import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { buildServer } from '../../server/test/harness/global-setup';
import { ensurePgliteDataDir } from '../../server/test/harness/migrated-copies';

const root = fileURLToPath(new URL('../../../', import.meta.url));

/**
 * Once per run, before any file starts (files run side by side): the production web build if
 * its sources changed, the built server every file starts (server-process.ts), and the migrated
 * embedded database each one's data dir starts from (migrated-copies.ts).
 */
export default async function setup() {
  const web = spawnSync(process.execPath, ['scripts/build-web-if-stale.mjs'], {
    cwd: root,
    stdio: 'inherit',
  });
  if (web.status !== 0) throw new Error('web build failed');
  buildServer();
  await ensurePgliteDataDir();
}
