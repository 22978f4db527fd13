import {
  type ContactImport,
  type StartContactImportRequest,
  StartContactImportRequestSchema,
} from '@charla/contracts';
import { toPgSafeText } from '../../platform/db/pg-safe';
import { AppError, notFound } from '../../platform/errors';
import type { AuthContext } from '../auth';
import { listAttributeDefinitions } from './attribute-definitions';
import { IMPORT_COLUMNS, type ImportRow, toContactImport } from './contact-import-view';
import { requireAdmin } from './contact-view';
import type { ContactsDeps } from './contacts.deps';
import { decodeCsvBytes, parseCsv } from './csv';
import { checkMapping } from './import-plan';

export const IMPORT_CONTACTS_JOB = 'inbox.import-contacts';
export const MAX_IMPORT_BYTES = 5 * 1024 * 1024;
const SAMPLE_ROWS = 5;

type Deps = Pick<ContactsDeps, 'db' | 'clock' | 'jobs'>;

/** Step 1: keeps the file and answers its columns and first rows so the user can map them. */
export async function previewContactImport(
  deps: Deps,
  auth: AuthContext,
  file: { filename: string | null; bytes: Uint8Array },
): Promise<ContactImport> {
  requireAdmin(auth, 'import contacts');
  if (file.bytes.byteLength > MAX_IMPORT_BYTES)
    throw new AppError('too_large', 'file_too_large', 'The file is larger than 5 MB; split it in parts.');
  const text = toPgSafeText(decodeCsvBytes(file.bytes));
  const { rows } = parseCsv(text);
  const [header, ...data] = rows;
  const columns = (header?.fields ?? []).map((c) => c.trim());
  if (!header || columns.every((c) => c === ''))
    throw new AppError('unprocessable', 'csv_empty', 'The file has no header row.');
  if (new Set(columns).size !== columns.length || columns.some((c) => c === ''))
    throw new AppError('unprocessable', 'csv_bad_header', 'Every column needs a name, each a different one.');
  if (data.length === 0)
    throw new AppError('unprocessable', 'csv_no_rows', 'The file has no rows after the header.');
  const [row] = await deps.db.query<ImportRow & Record<string, unknown>>(
    `INSERT INTO contact_imports (workspace_id, created_by_user_id, filename, csv, columns, sample_rows, total_rows,
                                  created_at)
     VALUES ($1, $2, $3, $4, $5::jsonb, $6::jsonb, $7, $8) RETURNING ${IMPORT_COLUMNS}`,
    [
      auth.workspaceId,
      auth.userId,
      file.filename ? toPgSafeText(file.filename).slice(0, 200) : null,
      text,
      JSON.stringify(columns),
      JSON.stringify(data.slice(0, SAMPLE_ROWS).map((r) => r.fields)),
      data.length,
      deps.clock.now(),
    ],
  );
  if (!row) throw new Error('contact import not stored');
  return toContactImport(row);
}

/** Step 2: checks the mapping against the file and the attributes, then queues the job. */
export async function startContactImport(
  deps: Deps,
  auth: AuthContext,
  importId: string,
  request: StartContactImportRequest,
): Promise<ContactImport> {
  requireAdmin(auth, 'import contacts');
  const input = StartContactImportRequestSchema.parse(request);
  const current = await getContactImport(deps, auth.workspaceId, importId);
  if (current.status !== 'previewed')
    throw new AppError('conflict', 'import_already_started', 'This import has already started.');
  const problems = checkMapping(
    current.columns,
    input.mapping,
    await listAttributeDefinitions(deps, auth.workspaceId),
  );
  if (problems.length > 0)
    throw new AppError(
      'unprocessable',
      'invalid_mapping',
      `The column mapping is not valid: ${problems.map((p) => `${p.path}: ${p.message}`).join('; ')}`,
      problems,
    );
  const [row] = await deps.db.query<ImportRow & Record<string, unknown>>(
    `UPDATE contact_imports SET status = 'running', mapping = $3::jsonb, default_country = $4
      WHERE workspace_id = $1 AND id = $2 AND status = 'previewed' RETURNING ${IMPORT_COLUMNS}`,
    [auth.workspaceId, importId, JSON.stringify(input.mapping), input.defaultCountry],
  );
  if (!row) throw new AppError('conflict', 'import_already_started', 'This import has already started.');
  await deps.jobs.send(IMPORT_CONTACTS_JOB, { importId }, { singletonKey: importId });
  return toContactImport(row);
}

export async function getContactImport(
  deps: Pick<ContactsDeps, 'db'>,
  workspaceId: string,
  importId: string,
): Promise<ContactImport> {
  const [row] = await deps.db.query<ImportRow & Record<string, unknown>>(
    `SELECT ${IMPORT_COLUMNS} FROM contact_imports WHERE workspace_id = $1 AND id = $2`,
    [workspaceId, importId],
  );
  if (!row) throw notFound('import');
  return toContactImport(row);
}
