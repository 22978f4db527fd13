import { buildServer } from '../../server/test/harness/global-setup';
import { ensurePgliteDataDir } from '../../server/test/harness/migrated-copies';

/**
 * Once per run: the built server every end-to-end file starts (server-process.ts), and the
 * migrated embedded database each one's data dir starts from (migrated-copies.ts).
 */
export default async function setup() {
  buildServer();
  await ensurePgliteDataDir();
}
