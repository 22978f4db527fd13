import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

/**
 * The apps/server folder: the first folder up from this module that holds `migrations`. The same
 * whether the server runs from its TypeScript sources (src/platform/) or from the built bundle
 * (dist/main.js), whose modules all share the bundle's address.
 */
function findServerRoot(): string {
  let dir = dirname(fileURLToPath(import.meta.url));
  for (;;) {
    if (existsSync(join(dir, 'migrations', 'meta', '_journal.json'))) return dir;
    const up = dirname(dir);
    if (up === dir) throw new Error('the migrations folder of apps/server was not found');
    dir = up;
  }
}

export const serverRoot = findServerRoot();
