import { createHash, randomBytes } from 'node:crypto';
import { cpSync, existsSync, readdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { PGlite } from '@electric-sql/pglite';
import { drizzle } from 'drizzle-orm/pglite';
import { migrate } from 'drizzle-orm/pglite/migrator';
import pg from 'pg';
import { openDatabase } from '../../src/platform/db/database';

/**
 * Every test file used to start from an empty database and apply every migration: three seconds
 * of CPU a file on PGlite, one on PostgreSQL. The suite's global setup migrates once, keyed by
 * the migrations' contents, and each file starts from a copy: a PGlite dump loaded in half a
 * second, or a PostgreSQL database created from a template. A changed migration makes a new key,
 * so no file runs on a stale schema; the copies of older keys are removed.
 */
const migrationsFolder = fileURLToPath(new URL('../../migrations', import.meta.url));

function migrationsKey(): string {
  const hash = createHash('sha256');
  for (const dir of [migrationsFolder, join(migrationsFolder, 'meta')]) {
    for (const name of readdirSync(dir).sort()) {
      if (!name.endsWith('.sql') && name !== '_journal.json') continue;
      hash.update(name).update(readFileSync(join(dir, name)));
    }
  }
  return hash.digest('hex').slice(0, 12);
}

const PGLITE_PREFIX = 'charla-test-pglite-';
const TEMPLATE_PREFIX = 'charla_template_';

export const pgliteImagePath = () => join(tmpdir(), `${PGLITE_PREFIX}${migrationsKey()}.tar`);
export const pgTemplateName = () => `${TEMPLATE_PREFIX}${migrationsKey()}`;

/** The migrated PGlite dump for this run's migrations, written once (atomically: by rename). */
export async function ensurePgliteImage(): Promise<void> {
  const path = pgliteImagePath();
  if (existsSync(path)) return;
  const db = new PGlite();
  try {
    await migrate(drizzle(db) as never, { migrationsFolder });
    const dump = await db.dumpDataDir('none');
    const partial = `${path}.${randomBytes(4).toString('hex')}`;
    writeFileSync(partial, Buffer.from(await dump.arrayBuffer()));
    renameSync(partial, path);
  } finally {
    await db.close();
  }
  for (const name of readdirSync(tmpdir())) {
    if (name.startsWith(PGLITE_PREFIX) && join(tmpdir(), name) !== path)
      rmSync(join(tmpdir(), name), { force: true });
  }
}

const PGDATA_PREFIX = 'charla-test-pgdata-';
const pgliteDataDirPath = () => join(tmpdir(), `${PGDATA_PREFIX}${migrationsKey()}`);

/**
 * The same for tests that start Charla as a process on PGlite: a migrated data directory on
 * disk, which `seedDataDir` copies where the process will find its database.
 */
export async function ensurePgliteDataDir(): Promise<void> {
  const path = pgliteDataDirPath();
  if (existsSync(path)) return;
  const building = `${path}.${randomBytes(4).toString('hex')}`;
  const db = await openDatabase({ dataDir: building });
  await db.close();
  try {
    renameSync(building, path);
  } catch {
    rmSync(building, { recursive: true, force: true }); // another run finished first
  }
  for (const name of readdirSync(tmpdir())) {
    if (name.startsWith(PGDATA_PREFIX) && join(tmpdir(), name) !== path)
      rmSync(join(tmpdir(), name), { recursive: true, force: true });
  }
}

/** Puts a migrated embedded database in a new DATA_DIR (as `db`), when the global setup made one. */
export function seedDataDir(dataDir: string): void {
  const path = pgliteDataDirPath();
  if (existsSync(path)) cpSync(path, join(dataDir, 'db'), { recursive: true });
}

/** A PGlite database for one test file, from the migrated dump when there is one. */
export async function openPgliteCopy() {
  const path = pgliteImagePath();
  if (!existsSync(path)) return openDatabase({});
  return openDatabase({ loadDataDir: new Blob([readFileSync(path)]) });
}

async function withServer<T>(serverUrl: string, fn: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: serverUrl });
  await client.connect();
  try {
    return await fn(client);
  } finally {
    await client.end();
  }
}

const urlOf = (serverUrl: string, name: string) => {
  const url = new URL(serverUrl);
  url.pathname = `/${name}`;
  return url.toString();
};

/**
 * The migrated template database on the PostgreSQL server, built under a temporary name and
 * renamed when complete, so a run that starts meanwhile never copies a half-migrated one.
 */
export async function ensurePgTemplate(serverUrl: string): Promise<void> {
  const name = pgTemplateName();
  const exists = await withServer(serverUrl, async (c) => {
    const { rows } = await c.query<{ datname: string }>(
      `SELECT datname FROM pg_database WHERE datname LIKE '${TEMPLATE_PREFIX}%'`,
    );
    // Templates of older migrations; one in use by a run of an older checkout stays.
    for (const { datname } of rows) {
      if (datname !== name && !datname.includes('_building_'))
        await c.query(`DROP DATABASE IF EXISTS ${datname}`).catch(() => {});
    }
    return rows.some((r) => r.datname === name);
  });
  if (exists) return;
  const building = `${name}_building_${randomBytes(4).toString('hex')}`;
  await withServer(serverUrl, (c) => c.query(`CREATE DATABASE ${building}`));
  const db = await openDatabase({ url: urlOf(serverUrl, building), preparedStatements: false });
  await db.close();
  await withServer(serverUrl, async (c) => {
    try {
      await c.query(`ALTER DATABASE ${building} RENAME TO ${name}`);
    } catch {
      // Another run finished its template first.
      await c.query(`DROP DATABASE IF EXISTS ${building}`);
    }
  });
}

/** A new database on the server: a copy of the migrated template when there is one. */
export async function createPgCopy(serverUrl: string, name: string): Promise<void> {
  await withServer(serverUrl, async (c) => {
    const template = pgTemplateName();
    const { rows } = await c.query('SELECT 1 FROM pg_database WHERE datname = $1', [template]);
    await c.query(`CREATE DATABASE ${name}${rows.length ? ` TEMPLATE ${template}` : ''}`);
  });
}
