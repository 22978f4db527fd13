/**
 * `npm run bench`: every benchmark, one after the other, each starting its own Charla, and the
 * machine's ceilings measured in the same run beside their figures.
 *
 *   npm run bench                      # every bench at the sizes of the issues' targets (about 40 minutes)
 *   npm run bench -- --quick           # smaller sizes, a few minutes: a look, not a figure
 *   npm run bench -- --only inbound,bots
 *
 * Runs `bench/inbound.ts` first: it measures the HTTP ceiling (a bare Fastify endpoint checking
 * the same signed webhooks) and the write ceiling (multi-row INSERTs into the same PostgreSQL).
 * Then each bench prints its JSON line; this script prints every line again on stdout with the
 * commit measured, the machine and those ceilings added, so each figure travels with what the
 * machine allowed that day. Progress and the benches' own logs go to stderr. Exits 1 when a bench
 * failed (the others still run).
 */
import { execFileSync, spawn } from 'node:child_process';
import { cpus, totalmem } from 'node:os';
import { parseArgs } from 'node:util';

const log = (msg: string) => process.stderr.write(`[bench] ${msg}\n`);

/** Each bench and its arguments: full size (the issues' targets) and quick. */
const BENCHES: { name: string; file: string; full: string[]; quick: string[] }[] = [
  { name: 'inbound', file: 'inbound.ts', full: [], quick: ['--n', '5000', '--warmup', '1000'] },
  {
    name: 'inbound-batched',
    file: 'inbound.ts',
    full: ['--per-post', '10', '--n', '100000'],
    quick: ['--per-post', '10', '--n', '20000', '--warmup', '2000'],
  },
  { name: 'bots', file: 'bots.ts', full: [], quick: ['--customers', '300', '--warmup', '100'] },
  { name: 'api', file: 'api.ts', full: [], quick: ['--n', '2000', '--warmup', '200'] },
  { name: 'send', file: 'send.ts', full: [], quick: ['--part', 'burst', '--replies', '1000'] },
  { name: 'broadcast', file: 'broadcast.ts', full: [], quick: ['--n', '10000'] },
  { name: 'inbox', file: 'inbox.ts', full: [], quick: ['--conversations', '10000', '--messages', '200000'] },
  {
    name: 'analytics',
    file: 'analytics.ts',
    full: ['--n', '10', '--warmup', '1', '--rounds', '1'],
    quick: [
      '--messages',
      '200000',
      '--conversations',
      '10000',
      '--contacts',
      '6000',
      '--n',
      '3',
      '--rounds',
      '1',
    ],
  },
];

function parseOptions() {
  const { values } = parseArgs({
    options: { quick: { type: 'boolean' }, only: { type: 'string' } },
    strict: true,
  });
  const only = values.only?.split(',').map((s) => s.trim());
  const unknown = only?.filter((name) => !BENCHES.some((b) => b.name === name)) ?? [];
  if (unknown.length > 0)
    throw new Error(
      `--only: no bench named ${unknown.join(', ')} (${BENCHES.map((b) => b.name).join(', ')})`,
    );
  return { quick: values.quick ?? false, only };
}

/** Runs one bench; answers the JSON lines it printed on stdout (its logs pass through to stderr). */
function runBench(file: string, args: string[]): Promise<{ lines: Record<string, unknown>[]; code: number }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, ['--import', 'tsx', `bench/${file}`, ...args], {
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    let out = '';
    child.stdout.on('data', (d: Buffer) => {
      out += d.toString();
    });
    child.on('exit', (code) => {
      const lines = out
        .split('\n')
        .filter((l) => l.startsWith('{'))
        .map((l) => JSON.parse(l) as Record<string, unknown>);
      resolve({ lines, code: code ?? 1 });
    });
  });
}

async function main() {
  const opts = parseOptions();
  const commit = execFileSync('git', ['rev-parse', '--short', 'HEAD'], { encoding: 'utf8' }).trim();
  const dirty = execFileSync('git', ['status', '--porcelain', '--untracked-files=no'], {
    encoding: 'utf8',
  }).trim();
  const machine = {
    cores: cpus().length,
    cpu: cpus()[0]?.model ?? 'unknown',
    memory_gib: Math.round(totalmem() / 2 ** 30),
    node: process.version,
  };
  let ceilings: Record<string, unknown> | null = null;
  let failed = 0;
  for (const bench of BENCHES) {
    if (opts.only && !opts.only.includes(bench.name)) continue;
    const args = opts.quick ? bench.quick : bench.full;
    log(`${bench.name}: npx tsx bench/${bench.file} ${args.join(' ')}`);
    const started = Date.now();
    const { lines, code } = await runBench(bench.file, args);
    if (code !== 0) {
      failed++;
      log(`${bench.name} failed (exit ${code})`);
    }
    for (const line of lines) {
      if (line.bench === 'inbound' && ceilings === null)
        ceilings = {
          http_messages_per_s: line.http_ceiling_messages_per_s,
          write_rows_per_s: line.write_ceiling_rows_per_s,
          measured_by: bench.name,
        };
      process.stdout.write(
        `${JSON.stringify({
          run: bench.name,
          commit: dirty ? `${commit}+changes` : commit,
          quick: opts.quick,
          run_seconds: Math.round((Date.now() - started) / 1000),
          ...line,
          machine,
          ceilings,
        })}\n`,
      );
    }
  }
  process.exit(failed > 0 ? 1 : 0);
}

main().catch((err) => {
  log(String(err?.stack ?? err));
  process.exit(1);
});
