import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { loadConfigOrExit } from './config/load-env-file';
import { copyDatabase } from './platform/db/copy-database';
import { openDatabase } from './platform/db/database';

/**
 * `npm run db:to-postgres`: copies the embedded database (DATA_DIR/db) into the empty PostgreSQL
 * database in DATABASE_URL. Stop Charla first. The media folder and the secret key stay where they
 * are, in DATA_DIR, and keep working: start Charla with the same DATA_DIR and DATABASE_URL set.
 */
async function main() {
  const config = loadConfigOrExit();
  if (!config.DATABASE_URL) {
    console.error(
      'Set DATABASE_URL to the new, empty PostgreSQL database to copy into, e.g.\n  DATABASE_URL=postgres://charla@127.0.0.1:5432/charla npm run db:to-postgres',
    );
    process.exit(1);
  }
  const dataDir = join(config.DATA_DIR, 'db');
  if (!existsSync(dataDir)) {
    console.error(`There is no embedded database in ${dataDir}: set DATA_DIR to the folder Charla ran with.`);
    process.exit(1);
  }
  console.log(`Opening the embedded database in ${dataDir}…`);
  const source = await openDatabase({ dataDir });
  console.log('Opening PostgreSQL and applying the migrations…');
  const target = await openDatabase({ url: config.DATABASE_URL, preparedStatements: false });
  try {
    let last = '';
    const copied = await copyDatabase(source, target, (table, rows) => {
      if (table !== last) process.stdout.write(`${last ? '\n' : ''}  ${table}`);
      last = table;
      process.stdout.write(`\r  ${table}: ${rows.toLocaleString('en')} rows`);
    });
    const total = [...copied.values()].reduce((a, b) => a + b, 0);
    console.log(
      `\n\nCopied ${total.toLocaleString('en')} rows in ${copied.size} tables.\nStart Charla with this DATABASE_URL and the same DATA_DIR (its media and secret key stay there). The embedded database in ${dataDir} is left as it was: remove it once you are satisfied.`,
    );
  } catch (err) {
    console.error(
      `\nNothing was copied (the copy is one transaction): ${err instanceof Error ? err.message : err}`,
    );
    process.exitCode = 1;
  } finally {
    await source.close();
    await target.close();
  }
}

void main();
