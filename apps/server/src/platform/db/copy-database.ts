import type { Database, Query } from './database';

/** Rows read and written at a time: a few MB of JSON at most for the widest tables. */
const BATCH = 2_000;

interface Table {
  name: string;
  /** Every column but the generated ones (the target computes those itself). */
  columns: string[];
}

/**
 * Copies every row of Charla's tables (schema `public`) from one migrated database to another,
 * empty one migrated to the same version: the move from the embedded database to PostgreSQL.
 * Tables go parents first (foreign keys), rows in batches through JSON, identity values kept,
 * and every sequence set past the highest value copied. Background jobs (pg-boss's schema) are
 * not copied: the recurring ones are scheduled again at start. Returns the rows copied per table.
 */
export async function copyDatabase(
  source: Database,
  target: Database,
  progress: (table: string, rows: number) => void = () => {},
): Promise<Map<string, number>> {
  const [workspaces] = await target.query<{ n: string }>('SELECT count(*) AS n FROM workspaces');
  if (Number(workspaces?.n ?? 0) > 0)
    throw new Error(
      'The target database already holds a workspace: give an empty database (CREATE DATABASE …), so nothing in it is mixed with what is copied.',
    );
  const tables = await tablesInOrder(source);
  const copied = new Map<string, number>();
  await target.transaction(async (write) => {
    // Rows kept by triggers (the reports' histograms, from the cycles) are copied as they are: the
    // triggers must not add them a second time. Off for this transaction's copy only.
    const triggered = await tablesWithTriggers(write);
    for (const name of triggered) await write(`ALTER TABLE "${name}" DISABLE TRIGGER USER`);
    for (const table of tables) {
      const cols = table.columns.map((c) => `"${c}"`).join(', ');
      const insert = `INSERT INTO "${table.name}" (${cols}) OVERRIDING SYSTEM VALUE
                      SELECT ${cols} FROM json_populate_recordset(NULL::"${table.name}", $1::json)`;
      let rows = 0;
      await source.transaction(async (read) => {
        await read(
          `DECLARE rows_out NO SCROLL CURSOR FOR SELECT row_to_json(t)::text AS r FROM "${table.name}" t`,
        );
        for (;;) {
          const batch = await read<{ r: string }>(`FETCH ${BATCH} FROM rows_out`);
          if (batch.length === 0) break;
          await write(insert, [`[${batch.map((b) => b.r).join(',')}]`]);
          rows += batch.length;
          progress(table.name, rows);
        }
        await read('CLOSE rows_out');
      });
      copied.set(table.name, rows);
    }
    for (const name of triggered) await write(`ALTER TABLE "${name}" ENABLE TRIGGER USER`);
    const sequences = await write<{ table_name: string; column_name: string; seq: string }>(
      `SELECT c.relname AS table_name, a.attname AS column_name,
              pg_get_serial_sequence(format('%I', c.relname), a.attname) AS seq
         FROM pg_attribute a JOIN pg_class c ON c.oid = a.attrelid
         JOIN pg_namespace n ON n.oid = c.relnamespace
        WHERE n.nspname = 'public' AND c.relkind = 'r' AND a.attnum > 0 AND NOT a.attisdropped
          AND pg_get_serial_sequence(format('%I', c.relname), a.attname) IS NOT NULL`,
    );
    for (const s of sequences) {
      await write(
        `SELECT setval($1, coalesce((SELECT max("${s.column_name}") FROM "${s.table_name}"), 0) + 1, false)`,
        [s.seq],
      );
    }
  });
  return copied;
}

/** Charla's tables that have triggers of their own (not the ones PostgreSQL makes for foreign keys). */
async function tablesWithTriggers(query: Query) {
  const rows = await query<{ name: string }>(
    `SELECT DISTINCT c.relname AS name FROM pg_trigger t JOIN pg_class c ON c.oid = t.tgrelid
       JOIN pg_namespace n ON n.oid = c.relnamespace
      WHERE n.nspname = 'public' AND NOT t.tgisinternal ORDER BY 1`,
  );
  return rows.map((r) => r.name);
}

/** Charla's tables, each after every table it references. */
async function tablesInOrder(db: Database): Promise<Table[]> {
  const columns = await db.query<{ table_name: string; column_name: string }>(
    `SELECT c.relname AS table_name, a.attname AS column_name
       FROM pg_attribute a JOIN pg_class c ON c.oid = a.attrelid
       JOIN pg_namespace n ON n.oid = c.relnamespace
      WHERE n.nspname = 'public' AND c.relkind = 'r' AND NOT c.relispartition
        AND a.attnum > 0 AND NOT a.attisdropped AND a.attgenerated = ''
      ORDER BY c.relname, a.attnum`,
  );
  const references = await db.query<{ child: string; parent: string }>(
    `SELECT c.relname AS child, p.relname AS parent
       FROM pg_constraint k JOIN pg_class c ON c.oid = k.conrelid JOIN pg_class p ON p.oid = k.confrelid
       JOIN pg_namespace n ON n.oid = c.relnamespace
      WHERE k.contype = 'f' AND n.nspname = 'public' AND k.conrelid <> k.confrelid`,
  );
  const byTable = new Map<string, string[]>();
  for (const c of columns) byTable.set(c.table_name, [...(byTable.get(c.table_name) ?? []), c.column_name]);
  const parents = new Map<string, Set<string>>();
  for (const r of references) parents.set(r.child, (parents.get(r.child) ?? new Set()).add(r.parent));
  const ordered: Table[] = [];
  const placed = new Set<string>();
  const visiting = new Set<string>();
  const place = (name: string) => {
    if (placed.has(name)) return;
    if (visiting.has(name)) throw new Error(`tables reference each other in a cycle through ${name}`);
    visiting.add(name);
    for (const parent of parents.get(name) ?? []) place(parent);
    visiting.delete(name);
    placed.add(name);
    ordered.push({ name, columns: byTable.get(name) ?? [] });
  };
  for (const name of [...byTable.keys()].sort()) place(name);
  return ordered;
}
