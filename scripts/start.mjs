// `npm start`: build the web app if its sources changed, then run the server (embedded
// database, simulator with a sandbox number, web UI) until Ctrl+C.
import { spawnSync } from 'node:child_process';

// Each step says what it does (the first start builds the web app and creates the database,
// which takes a while on a small machine).
console.log('\n  Starting Charla');
console.log('  Checking the web app build…');
const build = spawnSync(process.execPath, ['scripts/build-web-if-stale.mjs'], { stdio: 'inherit' });
if (build.status !== 0) process.exit(build.status ?? 1);
console.log('  Loading the server…');
const server = spawnSync(process.execPath, ['--import', 'tsx', 'apps/server/src/main.ts'], {
  stdio: 'inherit',
});
process.exit(server.status ?? 0);
