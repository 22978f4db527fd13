import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

/** SECRET_KEY when given; otherwise one generated once into the data dir (mode 600). */
export function resolveSecretKey(
  configured: string | undefined,
  dataDir: string,
): { key: string; generated: boolean } {
  if (configured) return { key: configured, generated: false };
  const file = join(dataDir, 'secret.key');
  if (existsSync(file)) return { key: readFileSync(file, 'utf8').trim(), generated: false };
  mkdirSync(dataDir, { recursive: true, mode: 0o700 });
  const key = randomBytes(32).toString('hex');
  writeFileSync(file, `${key}\n`, { mode: 0o600 });
  return { key, generated: true };
}
