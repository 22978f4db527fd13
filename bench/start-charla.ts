/**
 * What the benches share: a fresh PostgreSQL database on the local server, Charla started in this
 * process the way `main.ts` starts it, or Charla as its own OS process (so its memory can be
 * measured apart from the bench and the simulator).
 */
import { type ChildProcess, spawn, spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { fileURLToPath } from 'node:url';
import { buildApp } from '@charla/server/src/app';
import { loadConfig } from '@charla/server/src/config/config';
import { type Container, createContainer } from '@charla/server/src/container';
import pg from 'pg';

const repoRoot = fileURLToPath(new URL('../', import.meta.url));

/** A fresh database on the local server (CHARLA_BENCH_DATABASE_URL); refuses anything but 127.0.0.1. */
export async function createPgDatabase(): Promise<{ url: string; name: string; drop(): Promise<void> }> {
  const adminUrl = process.env.CHARLA_BENCH_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
  const parsed = new URL(adminUrl);
  if (parsed.hostname !== '127.0.0.1') {
    throw new Error(`CHARLA_BENCH_DATABASE_URL must point at 127.0.0.1 (got ${parsed.hostname})`);
  }
  const name = `charla_bench_${randomBytes(6).toString('hex')}`;
  const admin = new pg.Client({ connectionString: adminUrl });
  await admin.connect();
  try {
    await admin.query(`CREATE DATABASE ${name}`);
  } finally {
    await admin.end();
  }
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  return {
    url: url.toString(),
    name,
    async drop() {
      const c = new pg.Client({ connectionString: adminUrl });
      await c.connect();
      try {
        // pg-pool's end() resolves before its sockets are closed; a forced drop while they are
        // still closing kills them with an 'error' no one listens to any more. Let them go first.
        for (let i = 0; i < 100; i++) {
          const { rows } = await c.query<{ n: number }>(
            'SELECT count(*)::int AS n FROM pg_stat_activity WHERE datname = $1',
            [name],
          );
          if ((rows[0]?.n ?? 0) === 0) break;
          await new Promise((r) => setTimeout(r, 50));
        }
        await c.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      } finally {
        await c.end();
      }
    },
  };
}

type Logger = Parameters<typeof createContainer>[1]['logger'];

/**
 * Charla in this process, as `main.ts` builds it: container, app, `listen` on `port` (default 0)
 * of 127.0.0.1, without the simulator. `env` adds settings (e.g. a number to connect and the Graph
 * base URL). `beforeApp` may swap parts of the container first. Workers start only with
 * `workers: true`. `close()` closes the app, then the container.
 */
export async function startCharlaInProcess(opts: {
  dataDir: string;
  databaseUrl?: string | undefined;
  logger: Logger;
  workers?: boolean;
  port?: number;
  env?: Record<string, string>;
  beforeApp?: (container: Container) => void | Promise<void>;
}) {
  const port = opts.port ?? 0;
  const config = loadConfig({
    DATA_DIR: opts.dataDir,
    PORT: String(port),
    SIMULATOR_ENABLED: 'false',
    LOG_LEVEL: 'warn',
    SECRET_KEY: randomBytes(32).toString('hex'),
    ...opts.env,
    ...(opts.databaseUrl ? { DATABASE_URL: opts.databaseUrl } : {}),
  });
  const container = await createContainer(config, { logger: opts.logger, simulatorUrl: null });
  let app: Awaited<ReturnType<typeof buildApp>> | null = null;
  const close = async () => {
    await app?.close();
    await container.close();
  };
  try {
    await opts.beforeApp?.(container);
    app = await buildApp(container);
    if (opts.workers) await container.startWorkers();
    const address = await app.listen({ host: '127.0.0.1', port });
    return { container, app, address, close };
  } catch (err) {
    await close().catch(() => {});
    throw err;
  }
}

/**
 * Charla as its own OS process, run as `npm start` runs it (the built server,
 * `node apps/server/dist/main.js`, built first if a source changed), with exactly the given
 * environment (plus PATH, HOME, PORT and HOST=127.0.0.1), ready once `/health` answers.
 * `nodeArgs` go to node before the script (e.g. `--cpu-prof`).
 */
export async function startCharlaProcess(env: Record<string, string>, port: number, nodeArgs: string[] = []) {
  const build = spawnSync(process.execPath, ['scripts/build-server.mjs'], {
    cwd: repoRoot,
    stdio: 'inherit',
  });
  if (build.status !== 0) throw new Error('the server build failed');
  let output = '';
  const child = spawn(process.execPath, [...nodeArgs, '--enable-source-maps', 'apps/server/dist/main.js'], {
    cwd: repoRoot,
    env: {
      PATH: process.env.PATH ?? '',
      HOME: process.env.HOME ?? '',
      ...env,
      PORT: String(port),
      HOST: '127.0.0.1',
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const keep = (d: Buffer) => {
    output = (output + d.toString()).slice(-20_000);
  };
  child.stdout?.on('data', keep);
  child.stderr?.on('data', keep);
  const url = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + 60_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`Charla exited early:\n${output}`);
    try {
      if ((await fetch(`${url}/health`)).ok) break;
    } catch {
      // not listening yet
    }
    if (Date.now() > deadline) {
      child.kill('SIGKILL');
      throw new Error(`Charla did not answer /health within 60 s:\n${output}`);
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  return {
    child,
    url,
    output: () => output,
    /** Resident memory now and its high-water mark, in bytes, from /proc (Linux). */
    memory: () => readMemory(child.pid),
    /** CPU time (user + system) the process has used so far, in seconds. */
    cpuSeconds: () => readCpuSeconds(child.pid),
    stop: () => stopProcess(child),
  };
}

/** A TCP port nothing listens on right now (for a server whose address must be known before it starts). */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = createServer();
    srv.once('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const address = srv.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      srv.close(() => resolve(port));
    });
  });
}

export function readMemory(pid: number | undefined): { rss: number; hwm: number } {
  if (pid === undefined) return { rss: 0, hwm: 0 };
  try {
    const status = readFileSync(`/proc/${pid}/status`, 'utf8');
    const kb = (key: string) => Number(new RegExp(`^${key}:\\s+(\\d+) kB`, 'm').exec(status)?.[1] ?? 0);
    return { rss: kb('VmRSS') * 1024, hwm: kb('VmHWM') * 1024 };
  } catch {
    return { rss: 0, hwm: 0 };
  }
}

/** utime + stime from /proc/<pid>/stat (fields 14 and 15, in clock ticks of 1/100 s on Linux). */
export function readCpuSeconds(pid: number | undefined): number {
  if (pid === undefined) return 0;
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    // The command name (field 2) may hold spaces; count fields after its closing parenthesis.
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return (Number(fields[11]) + Number(fields[12])) / 100;
  } catch {
    return 0;
  }
}

/** SIGTERM (Charla shuts down cleanly), SIGKILL after 10 s. */
function stopProcess(child: ChildProcess): Promise<void> {
  return new Promise((resolve) => {
    if (child.exitCode !== null || child.signalCode !== null) return resolve();
    const timer = setTimeout(() => child.kill('SIGKILL'), 10_000);
    child.once('exit', () => {
      clearTimeout(timer);
      resolve();
    });
    child.kill('SIGTERM');
  });
}

export type { Container };

/**
 * CPU seconds spent so far by Charla's process, the PostgreSQL backends serving `database` (each
 * backend's own time, so only the bench database's work counts) and the bench's own process (the
 * client and the simulator): read before and after a run, the difference is what the run cost each.
 * With Charla in the bench's process (PGlite), `charlaPid` is undefined and its time is the bench's.
 */
export function cpuMeter(opts: { charlaPid?: number; pg?: { client: pg.Client; database: string } }) {
  return async (): Promise<{ charla: number; postgres: number; bench: number }> => {
    let postgres = 0;
    if (opts.pg) {
      const { rows } = await opts.pg.client.query<{ pid: number }>(
        'SELECT pid FROM pg_stat_activity WHERE datname = $1 AND pid <> pg_backend_pid()',
        [opts.pg.database],
      );
      for (const { pid } of rows) postgres += readCpuSeconds(pid);
    }
    const own = process.cpuUsage();
    return {
      charla: readCpuSeconds(opts.charlaPid),
      postgres,
      bench: (own.user + own.system) / 1e6,
    };
  };
}
