import { chmodSync, lstatSync, mkdirSync, readdirSync } from 'node:fs';
import { join } from 'node:path';

/**
 * DATA_DIR holds the embedded database, customers' files, the generated secret key and the
 * simulator's sandbox secrets: only Charla's own user may read it. The folder is created (or
 * tightened, for installs made before) with mode 700, which closes everything inside to other
 * local users, and the process umask makes every file it writes from now on 600 (folders 700),
 * the embedded database's included.
 */
export function prepareDataDir(dir: string): void {
  process.umask(0o077);
  mkdirSync(dir, { recursive: true, mode: 0o700 });
  chmodSync(dir, 0o700);
}

/**
 * Folders 700 and files 600 under `dir`. The embedded database unpacks its first files with the
 * modes of its bundled archive (666): they are tightened each time it opens.
 */
export function restrictTree(dir: string): void {
  const info = lstatSync(dir);
  if (info.isSymbolicLink()) return;
  if (info.isDirectory()) {
    if ((info.mode & 0o777) !== 0o700) chmodSync(dir, 0o700);
    for (const name of readdirSync(dir)) restrictTree(join(dir, name));
  } else if ((info.mode & 0o777) !== 0o600) {
    chmodSync(dir, 0o600);
  }
}
