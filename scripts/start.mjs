// `npm start`: build the web app and the server if their sources changed, then run the server
// (embedded database, simulator with a sandbox number, web UI) until Ctrl+C.
import { spawnSync } from 'node:child_process';

// Each step says what it does (the first start builds the web app and creates the database,
// which takes a while on a small machine).
console.log('\n  Starting Charla');
console.log('  Checking the web app and server builds…');
for (const script of ['scripts/build-web-if-stale.mjs', 'scripts/build-server.mjs']) {
  const build = spawnSync(process.execPath, [script], { stdio: 'inherit' });
  if (build.status !== 0) process.exit(build.status ?? 1);
}
console.log('  Loading the server…');
const server = spawnSync(process.execPath, ['--enable-source-maps', 'apps/server/dist/main.js'], {
  stdio: 'inherit',
});
process.exit(server.status ?? 0);
