import { mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import { drizzle as drizzlePg } from 'drizzle-orm/node-postgres';
import { migrate as migratePg } from 'drizzle-orm/node-postgres/migrator';
import type { PgDatabase, PgQueryResultHKT } from 'drizzle-orm/pg-core';
import { drizzle as drizzlePglite } from 'drizzle-orm/pglite';
import { migrate as migratePglite } from 'drizzle-orm/pglite/migrator';
import pg from 'pg';
import * as schema from '../../schema';
import { restrictTree } from '../data-dir';
import { serverRoot } from '../server-root';
import { createStatementNamer, unnamed } from './prepared-statements';

export type Orm = PgDatabase<PgQueryResultHKT, typeof schema>;
export type Row = Record<string, unknown>;
export type Query = <R extends Row = Row>(text: string, params?: unknown[]) => Promise<R[]>;

/**
 * One handle over PGlite or PostgreSQL: Drizzle for ordinary queries, plain parameterised SQL
 * for the batched hot paths, transactions, and LISTEN/NOTIFY for fan-out between processes.
 */
export interface Database {
  kind: 'pglite' | 'postgres';
  orm: Orm;
  query: Query;
  /** Runs several statements without parameters (pg-boss needs this). */
  exec(text: string): Promise<Row[]>;
  transaction<T>(fn: (query: Query) => Promise<T>): Promise<T>;
  listen(channel: string, onPayload: (payload: string) => void): Promise<() => Promise<void>>;
  close(): Promise<void>;
}

const migrationsFolder = join(serverRoot, 'migrations');

export async function openDatabase(opts: {
  url?: string;
  dataDir?: string;
  /** PostgreSQL only: frequent statements as named prepared statements (see prepared-statements.ts). */
  preparedStatements?: boolean;
  /**
   * PGlite in memory only: start from a dump of a data directory (`dumpDataDir`) instead of an
   * empty one. The tests start each file from one migrated copy: half a second instead of three.
   */
  loadDataDir?: Blob;
}): Promise<Database> {
  const db = opts.url
    ? openPostgres(opts.url, opts.preparedStatements ?? true)
    : await openPglite(opts.dataDir, opts.loadDataDir);
  if (db.kind === 'pglite') await migratePglite(db.orm as never, { migrationsFolder });
  else await underMigrationLock(opts.url!, () => migratePg(db.orm as never, { migrationsFolder }));
  return db;
}

/** The advisory lock key processes take to migrate one PostgreSQL database one at a time. */
const MIGRATION_LOCK = 7_419_042_001;

/**
 * Several processes started together after an upgrade would each apply the same migrations and
 * all but one fail. Each takes a session-level advisory lock on a connection of its own first:
 * the first migrates, the others wait, then find nothing left to apply.
 */
async function underMigrationLock(url: string, migrate: () => Promise<void>): Promise<void> {
  const lock = new pg.Client({ connectionString: url });
  await lock.connect();
  try {
    await lock.query('SELECT pg_advisory_lock($1)', [MIGRATION_LOCK]);
    await migrate();
  } finally {
    await lock.query('SELECT pg_advisory_unlock($1)', [MIGRATION_LOCK]).catch(() => {});
    await lock.end();
  }
}

/**
 * Migrations this code has that the database has not applied: 0 once `openDatabase` has migrated
 * it, more when another process of an older version opened it or a migration failed. Drizzle
 * records each applied migration with its journal timestamp.
 */
export async function migrationsBehind(db: Database): Promise<number> {
  const journal = JSON.parse(readFileSync(`${migrationsFolder}/meta/_journal.json`, 'utf8')) as {
    entries: { when: number }[];
  };
  const [row] = await db.query<{ last: string | null }>(
    'SELECT max(created_at)::text AS last FROM drizzle.__drizzle_migrations',
  );
  const last = Number(row?.last ?? 0);
  return journal.entries.filter((e) => e.when > last).length;
}

async function openPglite(dataDir: string | undefined, loadDataDir: Blob | undefined): Promise<Database> {
  if (dataDir) mkdirSync(dataDir, { recursive: true, mode: 0o700 });
  const client = loadDataDir ? new PGlite({ loadDataDir }) : new PGlite(dataDir);
  await client.waitReady;
  if (dataDir) restrictTree(dataDir);
  const query: Query = async (text, params) => (await client.query(text, params as never[])).rows as never;
  return {
    kind: 'pglite',
    orm: drizzlePglite(client, { schema }) as unknown as Orm,
    query,
    async exec(text) {
      const results = await client.exec(text);
      return (results.at(-1)?.rows ?? []) as Row[];
    },
    transaction: (fn) =>
      client.transaction((tx) =>
        fn(async (text, params) => (await tx.query(text, params as never[])).rows as never),
      ),
    async listen(channel, onPayload) {
      const unsubscribe = await client.listen(channel, onPayload);
      return unsubscribe;
    },
    close: () => client.close(),
  };
}

function openPostgres(url: string, preparedStatements: boolean): Database {
  const pool = new pg.Pool({
    connectionString: url,
    max: 10,
    // A statement kept by name is still planned for its values each run: a plan made once for
    // any values (PostgreSQL's "generic plan") read every contact of a workspace to find one by
    // its phone, and halved the API's sends to new numbers (bench/README.md, "api").
    ...(preparedStatements ? { options: '-c plan_cache_mode=force_custom_plan' } : {}),
  });
  // An idle connection dropped by the server (restart, failover) must not crash the process;
  // the pool replaces it on the next query.
  pool.on('error', () => {});
  const statement = preparedStatements ? createStatementNamer() : unnamed;
  const query: Query = async (text, params) => (await pool.query(statement(text, params))).rows;
  const listeners: pg.Client[] = [];
  return {
    kind: 'postgres',
    orm: drizzlePg(pool, { schema }) as unknown as Orm,
    query,
    async exec(text) {
      const result = (await pool.query(text)) as pg.QueryResult | pg.QueryResult[];
      return (Array.isArray(result) ? (result.at(-1)?.rows ?? []) : result.rows) as Row[];
    },
    async transaction(fn) {
      const client = await pool.connect();
      try {
        await client.query('BEGIN');
        const result = await fn(async (text, params) => (await client.query(statement(text, params))).rows);
        await client.query('COMMIT');
        return result;
      } catch (err) {
        await client.query('ROLLBACK').catch(() => {});
        throw err;
      } finally {
        client.release();
      }
    },
    async listen(channel, onPayload) {
      // A dedicated connection: LISTEN is per session and the pool hands sessions around.
      const client = new pg.Client({ connectionString: url });
      await client.connect();
      client.on('notification', (n) => {
        if (n.channel === channel && n.payload !== undefined) onPayload(n.payload);
      });
      client.on('error', () => {});
      await client.query(`LISTEN "${channel.replace(/"/g, '')}"`);
      listeners.push(client);
      return async () => {
        await client.end().catch(() => {});
      };
    },
    async close() {
      await Promise.all(listeners.map((c) => c.end().catch(() => {})));
      await pool.end();
    },
  };
}
