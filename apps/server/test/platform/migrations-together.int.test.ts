import pg from 'pg';
import { describe, expect, it } from 'vitest';
import { migrationsBehind, openDatabase } from '../../src/platform/db/database';
import { createJobQueue } from '../../src/platform/jobs/job-queue';

const serverUrl = process.env.CHARLA_TEST_DATABASE_URL;

// An upgrade restarts every process at once, each applying the new migrations at start.
describe.runIf(process.env.CHARLA_TEST_DB_KIND === 'postgres')(
  'processes migrating one database together',
  () => {
    it('three opening an empty database at once all start, their job queues too, and every migration is applied once', async () => {
      const name = `charla_test_together_${Date.now()}`;
      const admin = new pg.Client({ connectionString: serverUrl });
      await admin.connect();
      await admin.query(`CREATE DATABASE ${name}`);
      const url = new URL(serverUrl!);
      url.pathname = `/${name}`;
      try {
        const opened = await Promise.allSettled(
          [0, 1, 2].map(() => openDatabase({ url: url.toString(), preparedStatements: false })),
        );
        const failures = opened.filter((o) => o.status === 'rejected').map((o) => String(o.reason));
        const dbs = opened.flatMap((o) => (o.status === 'fulfilled' ? [o.value] : []));
        const errors: unknown[] = [];
        const queues = dbs.map((db) => createJobQueue(db, (err) => errors.push(err)));
        try {
          expect(failures).toEqual([]);
          // Each process then starts its job queue: pg-boss makes its schema the first time.
          const started = await Promise.allSettled(queues.map((q) => q.start()));
          expect(started.filter((o) => o.status === 'rejected').map((o) => String(o.reason))).toEqual([]);
          expect(await migrationsBehind(dbs[0]!)).toBe(0);
          const rows = await dbs[0]!.query<{ hash: string; n: string }>(
            'SELECT hash, count(*)::text AS n FROM drizzle.__drizzle_migrations GROUP BY hash HAVING count(*) > 1',
          );
          expect(rows).toEqual([]);
        } finally {
          for (const q of queues) await q.stop().catch(() => {});
          for (const db of dbs) await db.close();
        }
      } finally {
        await admin.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
        await admin.end();
      }
    }, 60_000);
  },
);
