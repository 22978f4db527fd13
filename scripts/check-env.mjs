// Rule 7 of ARCHITECTURE.md: only apps/server/src/config reads the environment, and nothing
// branches on NODE_ENV. Tests, benches and the standalone simulator entry are exempt.
// Also: README's settings table names every key .env.example documents (a test keeps
// .env.example equal to the keys the config schema reads).
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

const keysIn = (text) => new Set([...text.matchAll(/`([A-Z][A-Z0-9_]+)`/g)].map((m) => m[1]));
const envKeys = [...readFileSync('.env.example', 'utf8').matchAll(/^#?\s*([A-Z][A-Z0-9_]+)=/gm)].map(
  (m) => m[1],
);
const readme = readFileSync('README.md', 'utf8');
const table = readme.slice(readme.indexOf('| key | what |')).split(/\n\s*\n/)[0];
const missing = envKeys.filter((k) => !keysIn(table).has(k));
if (missing.length > 0) {
  console.error(
    `README.md's settings table ("| key | what |") does not name: ${missing.join(', ')}. Add a row for each (see .env.example).`,
  );
  process.exit(1);
}

if (problems.length > 0) {
  console.error(
    `Only config/ may read the environment (ARCHITECTURE.md rule 7). Found in:\n  ${problems.join('\n  ')}`,
  );
  process.exit(1);
}
console.log('check-env: ok');
