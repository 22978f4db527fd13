// Builds apps/web when its sources (or the contracts it imports) changed since the last build.
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const web = join(root, 'apps/web');
const dist = join(web, 'dist', 'index.html');

function newest(path) {
  const s = statSync(path);
  if (!s.isDirectory()) return s.mtimeMs;
  return Math.max(s.mtimeMs, ...readdirSync(path).map((n) => newest(join(path, n))));
}

const sources = [
  join(web, 'src'),
  join(web, 'index.html'),
  join(web, 'vite.config.ts'),
  join(root, 'packages/contracts/src'),
];
const stale =
  !existsSync(dist) || Math.max(...sources.filter(existsSync).map(newest)) > statSync(dist).mtimeMs;
if (stale) {
  console.log('Building the web app…');
  // Always a production build, even when a test runner (NODE_ENV=test) asks for it.
  const build = spawnSync('npm', ['run', 'build', '-w', '@charla/web'], {
    stdio: 'inherit',
    cwd: root,
    env: { ...process.env, NODE_ENV: 'production' },
  });
  if (build.status !== 0) process.exit(build.status ?? 1);
}
