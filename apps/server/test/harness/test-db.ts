import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { type Database, openDatabase } from '../../src/platform/db/database';
import { createPgCopy, openPgliteCopy } from './migrated-copies';

/**
 * A fresh database on the PostgreSQL server in CHARLA_TEST_DATABASE_URL (a copy of the migrated
 * template, migrated-copies.ts) when the `integration-pg` project runs
 * (CHARLA_TEST_DB_KIND=postgres), or null for PGlite. Tests that start Charla as a process use
 * the URL directly.
 */
export async function createTestDatabaseUrl(): Promise<{ url: string; drop(): Promise<void> } | null> {
  if (process.env.CHARLA_TEST_DB_KIND !== 'postgres') return null;
  const serverUrl = process.env.CHARLA_TEST_DATABASE_URL;
  if (!serverUrl) throw new Error('CHARLA_TEST_DATABASE_URL is required for the PostgreSQL test run');
  const name = `charla_test_${randomBytes(6).toString('hex')}`;
  await createPgCopy(serverUrl, name);
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

/**
 * A fresh, migrated database for one test file (PGlite in memory, or PostgreSQL as above), dropped
 * when closed. It starts from the migrated copy and still runs the migrations, which finds none.
 */
export async function createTestDatabase(): Promise<Database> {
  const server = await createTestDatabaseUrl();
  if (!server) return openPgliteCopy();
  const db = await openDatabase({ url: server.url });
  const close = db.close.bind(db);
  db.close = async () => {
    await close();
    await server.drop();
  };
  return db;
}
