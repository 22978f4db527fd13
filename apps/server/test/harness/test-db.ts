import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { type Database, openDatabase } from '../../src/platform/db/database';

/**
 * A fresh, migrated database for one test file: PGlite in memory by default, or a new
 * database on the PostgreSQL server in CHARLA_TEST_DATABASE_URL when the `integration-pg`
 * project runs (CHARLA_TEST_DB_KIND=postgres). Dropped when closed.
 */
/** For tests that start Charla as a process: a fresh PostgreSQL database URL, or null for PGlite. */
export async function createTestDatabaseUrl(): Promise<{ url: string; drop(): Promise<void> } | null> {
  if (process.env.CHARLA_TEST_DB_KIND !== 'postgres') return null;
  const serverUrl = process.env.CHARLA_TEST_DATABASE_URL!;
  const name = `charla_test_${randomBytes(6).toString('hex')}`;
  const admin = new pg.Client({ connectionString: serverUrl });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${name}`);
  await admin.end();
  const url = new URL(serverUrl);
  url.pathname = `/${name}`;
  return {
    url: url.toString(),
    async drop() {
      const dropper = new pg.Client({ connectionString: serverUrl });
      await dropper.connect();
      await dropper.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await dropper.end();
    },
  };
}

export async function createTestDatabase(): Promise<Database> {
  if (process.env.CHARLA_TEST_DB_KIND !== 'postgres') return openDatabase({});
  const serverUrl = process.env.CHARLA_TEST_DATABASE_URL;
  if (!serverUrl) throw new Error('CHARLA_TEST_DATABASE_URL is required for the PostgreSQL test run');
  const name = `charla_test_${randomBytes(6).toString('hex')}`;
  const admin = new pg.Client({ connectionString: serverUrl });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${name}`);
  await admin.end();
  const url = new URL(serverUrl);
  url.pathname = `/${name}`;
  const db = await openDatabase({ url: url.toString() });
  const close = db.close.bind(db);
  db.close = async () => {
    await close();
    const dropper = new pg.Client({ connectionString: serverUrl });
    await dropper.connect();
    await dropper.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
    await dropper.end();
  };
  return db;
}
