// Rule 7 of ARCHITECTURE.md: only apps/server/src/config reads the environment, and nothing
// branches on NODE_ENV. Tests, benches and the standalone simulator entry are exempt.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';

const roots = ['apps/server/src', 'apps/simulator/src', 'packages'];
const allowed = [
  /^apps\/server\/src\/config\//,
  /^apps\/simulator\/src\/main\.ts$/,
  /\.test\.ts$/,
  /node_modules/,
];
const problems = [];
function walk(dir) {
  for (const name of readdirSync(dir)) {
    const path = join(dir, name);
    if (name === 'node_modules') continue;
    if (statSync(path).isDirectory()) walk(path);
    else if (/\.tsx?$/.test(name) && !allowed.some((re) => re.test(path))) {
      const text = readFileSync(path, 'utf8');
      if (/process\.env|NODE_ENV/.test(text)) problems.push(path);
    }
  }
}
for (const r of roots) walk(r);
if (problems.length > 0) {
  console.error(
    `Only config/ may read the environment (ARCHITECTURE.md rule 7). Found in:\n  ${problems.join('\n  ')}`,
  );
  process.exit(1);
}
console.log('check-env: ok');
