import type { ContactImportMapping } from '@charla/contracts';
import type { JobAttempt } from '../../platform/jobs/job-queue';
import { listAttributeDefinitions } from './attribute-definitions';
import type { ContactsDeps } from './contacts.deps';
import { type CsvRow, readCsvRows } from './csv';
import { planImport } from './import-plan';
import { upsertContacts } from './upsert-contacts';

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
          'import',
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
