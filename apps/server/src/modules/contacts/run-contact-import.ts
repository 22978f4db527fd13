import type { ContactImportMapping } from '@charla/contracts';
import type { Query } from '../../platform/db/database';
import type { JobAttempt } from '../../platform/jobs/job-queue';
import { listAttributeDefinitions } from './attribute-definitions';
import type { ContactsDeps } from './contacts.deps';
import { type CsvRow, readCsvRows } from './csv';
import { type ImportedContact, planImport } from './import-plan';

const CHUNK = 500;

/**
 * The import job. The plan is a pure function of the file, so a retry recomputes it and
 * resumes after the last committed chunk: each chunk's contacts and the progress counters are
 * written in one transaction, guarded by the offset it started from.
 */
export async function runContactImport(
  deps: Pick<ContactsDeps, 'db' | 'clock'>,
  importId: string,
  attempt: JobAttempt,
): Promise<void> {
  const [job] = await deps.db.query<{
    workspace_id: string;
    status: string;
    csv: string | null;
    columns: string[];
    mapping: ContactImportMapping;
    default_country: string;
    processed_rows: number;
  }>(
    `SELECT workspace_id, status, csv, columns, mapping, default_country, processed_rows
       FROM contact_imports WHERE id = $1`,
    [importId],
  );
  if (job?.status !== 'running' || job.csv === null) return;
  try {
    const definitions = await listAttributeDefinitions(deps, job.workspace_id);
    const rows: CsvRow[] = [];
    for await (const row of readCsvRows(job.csv)) rows.push(row);
    rows.shift();
    const plan = planImport(rows, job.columns, job.mapping, definitions, job.default_country);
    for (let offset = job.processed_rows; offset < plan.length; offset += CHUNK) {
      const chunk = plan.slice(offset, offset + CHUNK);
      const contacts = chunk.flatMap((p) => (p.ok ? [p.contact] : []));
      const rejected = chunk.flatMap((p) => (p.ok ? [] : [p.rejected]));
      const advanced = await deps.db.transaction(async (query) => {
        const [claimed] = await query(
          `SELECT id FROM contact_imports WHERE id = $1 AND processed_rows = $2 AND status = 'running' FOR UPDATE`,
          [importId, offset],
        );
        if (!claimed) return false;
        const { created, updated } = await upsertContacts(
          query,
          job.workspace_id,
          contacts,
          deps.clock.now(),
        );
        await query(
          `UPDATE contact_imports
              SET processed_rows = $2, created_count = created_count + $3, updated_count = updated_count + $4,
                  rejected = rejected || $5::jsonb
            WHERE id = $1`,
          [importId, offset + chunk.length, created, updated, JSON.stringify(rejected)],
        );
        return true;
      });
      if (!advanced) return;
    }
    await deps.db.query(
      `UPDATE contact_imports SET status = 'done', finished_at = $2, csv = NULL WHERE id = $1 AND status = 'running'`,
      [importId, deps.clock.now()],
    );
  } catch (err) {
    if (attempt.isLast)
      await deps.db.query(
        `UPDATE contact_imports SET status = 'failed', error = $2, finished_at = $3, csv = NULL WHERE id = $1`,
        [importId, err instanceof Error ? err.message : String(err), deps.clock.now()],
      );
    throw err;
  }
}

const MERGE_TAGS = (current: string, incoming: string) =>
  `ARRAY(SELECT t FROM unnest(${current} || ARRAY(SELECT jsonb_array_elements_text(${incoming})))
           WITH ORDINALITY AS x(t, i) GROUP BY t ORDER BY min(i))`;

/**
 * A contact is the same person when its number's match key (phone-numbers.ts: Mexico's 521,
 * Argentina's 549, Brazil's ninth digit) or its E.164 number matches one already stored:
 * customers who wrote first keep the wa_id WhatsApp reported. Known contacts get the file's
 * name, extra tags and attributes; the rest are inserted.
 */
async function upsertContacts(
  query: Query,
  workspaceId: string,
  contacts: ImportedContact[],
  now: Date,
): Promise<{ created: number; updated: number }> {
  if (contacts.length === 0) return { created: 0, updated: 0 };
  // Oldest first: where a number was already split in two, the older contact is the one kept.
  const existing = await query<{ id: string; phone_key: string | null; phone: string | null }>(
    `SELECT id, phone_key, phone FROM contacts
      WHERE workspace_id = $1 AND (phone_key = ANY($2::text[]) OR phone = ANY($3::text[]))
      ORDER BY created_at DESC, id DESC`,
    [workspaceId, contacts.map((c) => c.matchKey), contacts.map((c) => c.phone)],
  );
  const byKey = new Map(existing.filter((e) => e.phone_key).map((e) => [e.phone_key, e.id]));
  const byPhone = new Map(existing.filter((e) => e.phone).map((e) => [e.phone, e.id]));
  const record = (c: ImportedContact, id?: string) => ({
    id,
    wa_id: c.waId,
    phone: c.phone,
    name: c.name,
    tags: c.tags,
    attributes: c.attributes,
    opt_in: c.optIn === null ? null : c.optIn ? 'opted_in' : 'opted_out',
  });
  const toUpdate: ReturnType<typeof record>[] = [];
  const toInsert: ReturnType<typeof record>[] = [];
  const claimed = new Set<string>();
  for (const c of contacts) {
    const id = byKey.get(c.matchKey) ?? byPhone.get(c.phone);
    if (id && !claimed.has(id)) {
      claimed.add(id);
      toUpdate.push(record(c, id));
    } else if (!id) toInsert.push(record(c));
  }
  const recordset = `jsonb_to_recordset($2::jsonb) AS r(id uuid, wa_id text, phone text, name text, tags jsonb, attributes jsonb, opt_in text)`;
  // A customer's own "stop" is not overridden by a file saying they agreed.
  const optInChanges = (c: string) => `
    opt_in_state = CASE WHEN r.opt_in IS NULL OR (${c}.opt_in_source = 'customer_keyword' AND ${c}.opt_in_state = 'opted_out')
                        THEN ${c}.opt_in_state ELSE r.opt_in END,
    opt_in_source = CASE WHEN r.opt_in IS NULL OR r.opt_in = ${c}.opt_in_state
                           OR (${c}.opt_in_source = 'customer_keyword' AND ${c}.opt_in_state = 'opted_out')
                         THEN ${c}.opt_in_source ELSE 'import' END,
    opt_in_at = CASE WHEN r.opt_in IS NULL OR r.opt_in = ${c}.opt_in_state
                       OR (${c}.opt_in_source = 'customer_keyword' AND ${c}.opt_in_state = 'opted_out')
                     THEN ${c}.opt_in_at ELSE $3::timestamptz END`;
  let updated = 0;
  if (toUpdate.length > 0) {
    const rows = await query(
      `UPDATE contacts c SET
         name = COALESCE(r.name, c.name),
         phone = COALESCE(c.phone, r.phone),
         tags = ${MERGE_TAGS('c.tags', 'r.tags')},
         attributes = c.attributes || r.attributes,
         ${optInChanges('c')},
         updated_at = $3::timestamptz
       FROM ${recordset}
       WHERE c.workspace_id = $1 AND c.id = r.id
       RETURNING c.id`,
      [workspaceId, JSON.stringify(toUpdate), now],
    );
    updated += rows.length;
  }
  let created = 0;
  if (toInsert.length > 0) {
    const rows = await query<{ inserted: boolean }>(
      `INSERT INTO contacts AS c (workspace_id, wa_id, phone, name, tags, attributes, opt_in_state, opt_in_source, opt_in_at)
       SELECT $1, r.wa_id, r.phone, r.name, ARRAY(SELECT jsonb_array_elements_text(r.tags)), r.attributes,
              COALESCE(r.opt_in, 'unknown'), CASE WHEN r.opt_in IS NULL THEN NULL ELSE 'import' END,
              CASE WHEN r.opt_in IS NULL THEN NULL ELSE $3::timestamptz END
         FROM ${recordset}
       ON CONFLICT (workspace_id, wa_id) DO UPDATE SET
         name = COALESCE(EXCLUDED.name, c.name),
         tags = ARRAY(SELECT t FROM unnest(c.tags || EXCLUDED.tags) WITH ORDINALITY AS x(t, i) GROUP BY t ORDER BY min(i)),
         attributes = c.attributes || EXCLUDED.attributes,
         updated_at = $3::timestamptz
       RETURNING (xmax = 0) AS inserted`,
      [workspaceId, JSON.stringify(toInsert), now],
    );
    created = rows.filter((r) => r.inserted).length;
    updated += rows.length - created;
  }
  return { created, updated };
}
