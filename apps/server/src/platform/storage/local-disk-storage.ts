import { randomBytes } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { mkdir, open, rename, rm, stat } from 'node:fs/promises';
import { dirname, join, resolve, sep } from 'node:path';
import { assertMediaKey, type MediaStorage } from './media-storage';

/** MediaStorage in a folder (DATA_DIR/media): one file per key, written atomically. */
export function createLocalDiskStorage(root: string): MediaStorage {
  const base = resolve(root);
  const pathOf = (key: string) => {
    assertMediaKey(key);
    const path = resolve(base, key);
    if (!path.startsWith(base + sep)) throw new Error(`Media storage key escapes the folder: ${key}`);
    return path;
  };
  return {
    async put(key, bytes) {
      const path = pathOf(key);
      // Customers' files are for Charla's user only (700 folders, 600 files), whatever the umask.
      await mkdir(dirname(path), { recursive: true, mode: 0o700 });
      // Written beside the target, flushed, then renamed: a reader never sees half a file.
      const tmp = join(dirname(path), `.${randomBytes(6).toString('hex')}.tmp`);
      const handle = await open(tmp, 'w', 0o600);
      try {
        await handle.writeFile(bytes);
        await handle.sync();
      } finally {
        await handle.close();
      }
      await rename(tmp, path);
    },
    async get(key, range) {
      const path = pathOf(key);
      try {
        const info = await stat(path);
        return {
          stream: createReadStream(path, range && { start: range.start, end: range.end }),
          size: info.size,
        };
      } catch (err) {
        if ((err as NodeJS.ErrnoException).code === 'ENOENT') return null;
        throw err;
      }
    },
    async size(key) {
      try {
        return (await stat(pathOf(key))).size;
      } catch (err) {
        if ((err as NodeJS.ErrnoException).code === 'ENOENT') return null;
        throw err;
      }
    },
    async delete(key) {
      await rm(pathOf(key), { force: true });
    },
  };
}
