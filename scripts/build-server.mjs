// Builds the server into one JavaScript file, apps/server/dist/main.js (and the database move,
// dist/move-to-postgres.js), so production runs plain Node.js instead of compiling TypeScript at
// every start. Charla's own packages (@charla/*) are
// bundled in; everything from node_modules stays an import. Rebuilds only when a source changed
// (server, simulator, packages), so `npm start` after a pull builds once.
import { existsSync, readdirSync, statSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const out = join(root, 'apps/server/dist/main.js');

function newest(path) {
  const s = statSync(path);
  if (!s.isDirectory()) return s.mtimeMs;
  return Math.max(s.mtimeMs, ...readdirSync(path).map((n) => newest(join(path, n))));
}

const sources = [
  'apps/server/src',
  'apps/simulator/src',
  'packages/cloud-api/src',
  'packages/contracts/src',
  'package-lock.json',
  'scripts/build-server.mjs',
].map((p) => join(root, p));
const fresh = existsSync(out) && Math.max(...sources.filter(existsSync).map(newest)) <= statSync(out).mtimeMs;

if (!fresh || process.argv.includes('--force')) {
  const started = performance.now();
  await build({
    entryPoints: [join(root, 'apps/server/src/main.ts'), join(root, 'apps/server/src/move-to-postgres.ts')],
    outdir: join(root, 'apps/server/dist'),
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node20',
    sourcemap: 'linked',
    logLevel: 'warning',
    // Code from node_modules is loaded as installed (native modules, WebAssembly and files
    // beside them); Charla's workspace packages are TypeScript and are compiled in.
    plugins: [
      {
        name: 'node-modules-external',
        setup(b) {
          b.onResolve({ filter: /^[^./]/ }, (args) =>
            args.path.startsWith('@charla/') ? undefined : { path: args.path, external: true },
          );
        },
      },
    ],
  });
  console.log(`Built the server (${Math.round(performance.now() - started)} ms)`);
}
