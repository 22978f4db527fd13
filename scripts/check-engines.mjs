// Every package the lock file installs runs on the oldest Node.js Charla supports (package.json
// "engines"), so `npm ci` on it prints no unsupported-engine warning. A dependency that raises its
// own requirement fails here: pin the last version that still runs there (see "overrides" for
// the ones other packages bring in), or raise Charla's requirement and say so in README.md.
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const semver = createRequire(join(root, 'package.json'))('semver');
const manifest = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8'));
const lock = JSON.parse(readFileSync(join(root, 'package-lock.json'), 'utf8'));

const oldest = semver.minVersion(manifest.engines.node).version;
const problems = [];
for (const [path, pkg] of Object.entries(lock.packages)) {
  const wanted = pkg.engines?.node;
  if (!path || !wanted || pkg.link) continue;
  if (!semver.satisfies(oldest, wanted, { includePrerelease: true })) {
    const name = path.slice(path.lastIndexOf('node_modules/') + 'node_modules/'.length);
    problems.push(`${name}@${pkg.version} needs Node.js ${wanted} (${path})`);
  }
}
if (problems.length > 0) {
  console.error(
    `Charla supports Node.js ${manifest.engines.node}, but npm ci would warn about:\n  ${problems.join('\n  ')}\nPin a version that supports Node.js ${oldest} or raise "engines" and README's requirement.`,
  );
  process.exit(1);
}
console.log(`check-engines: every locked package runs on Node.js ${oldest}`);
