/**
 * The write ceiling: how many rows a second the same PostgreSQL stores when nothing but storing
 * them is asked of it. Rows as wide as an inbound message (two ids, the text, the raw JSON, a
 * time) go in with multi-row INSERTs of `batch` rows, from `connections` connections at once,
 * into a table of their own with only a primary key, dropped afterwards.
 */
import { randomUUID } from 'node:crypto';
import pg from 'pg';
import { round } from './util';

export async function measureWriteCeiling(opts: {
  databaseUrl: string;
  rows: number;
  /** A sample of what each row carries: the message text and its webhook JSON. */
  text: string;
  raw: string;
  batch?: number;
  connections?: number;
}): Promise<{ rows_per_s: number; seconds: number; batch: number; connections: number }> {
  const batch = opts.batch ?? 500;
  const connections = opts.connections ?? 4;
  const table = `bench_write_ceiling_${randomUUID().replaceAll('-', '').slice(0, 8)}`;
  const pool = new pg.Pool({ connectionString: opts.databaseUrl, max: connections });
  try {
    await pool.query(
      `CREATE TABLE ${table} (id uuid PRIMARY KEY, conversation_id uuid NOT NULL, text text, raw jsonb,
                              created_at timestamptz NOT NULL DEFAULT now())`,
    );
    const conversation = randomUUID();
    let left = opts.rows;
    const started = performance.now();
    await Promise.all(
      Array.from({ length: connections }, async () => {
        while (left > 0) {
          const n = Math.min(batch, left);
          left -= n;
          const ids = Array.from({ length: n }, () => randomUUID());
          // Every row's text and JSON travel, as each message's do.
          await pool.query(
            `INSERT INTO ${table} (id, conversation_id, text, raw)
             SELECT v.id, $2, v.text, v.raw::jsonb FROM unnest($1::uuid[], $3::text[], $4::text[]) AS v(id, text, raw)`,
            [ids, conversation, ids.map(() => opts.text), ids.map(() => opts.raw)],
          );
        }
      }),
    );
    const seconds = (performance.now() - started) / 1000;
    return { rows_per_s: round(opts.rows / seconds), seconds: round(seconds, 2), batch, connections };
  } finally {
    await pool.query(`DROP TABLE IF EXISTS ${table}`).catch(() => {});
    await pool.end();
  }
}
