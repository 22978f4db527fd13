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
import { decodeCsvBytes, readCsvRows } from './csv';
import { checkMapping, checkNewAttributes } from './import-plan';

export const IMPORT_CONTACTS_JOB = 'inbox.import-contacts';
export const MAX_IMPORT_BYTES = 5 * 1024 * 1024;
export const MAX_IMPORT_ROWS = 100_000;
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
  let header: string[] | null = null;
  const sample: string[][] = [];
  let total = 0;
  for await (const row of readCsvRows(text)) {
    if (header === null) header = row.fields;
    else if (++total <= SAMPLE_ROWS) sample.push(row.fields);
    if (total > MAX_IMPORT_ROWS)
      throw new AppError(
        'unprocessable',
        'csv_too_many_rows',
        `The file has more than ${MAX_IMPORT_ROWS} rows; split it in parts.`,
      );
  }
  const columns = (header ?? []).map((c) => c.trim());
  if (!header || columns.every((c) => c === ''))
    throw new AppError('unprocessable', 'csv_empty', 'The file has no header row.');
  if (new Set(columns).size !== columns.length || columns.some((c) => c === ''))
    throw new AppError('unprocessable', 'csv_bad_header', 'Every column needs a name, each a different one.');
  if (total === 0)
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
      JSON.stringify(sample),
      total,
      deps.clock.now(),
    ],
  );
  if (!row) throw new Error('contact import not stored');
  return toContactImport(row);
}

/**
 * Step 2: checks the mapping against the file and the attributes, creates the attributes the
 * user made from unmapped columns, and queues the job; the attributes and the start are one
 * transaction, so a refused start leaves no attribute behind.
 */
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
  const definitions = await listAttributeDefinitions(deps, auth.workspaceId);
  const created = checkNewAttributes(current.columns, input.mapping, input.newAttributes, definitions);
  if (!created.ok)
    throw new AppError(
      'unprocessable',
      'invalid_new_attribute',
      `A new attribute is not valid: ${created.problems.map((p) => p.message).join('; ')}`,
      created.problems,
    );
  const mapping = {
    ...input.mapping,
    attributes: {
      ...input.mapping.attributes,
      ...Object.fromEntries(created.attributes.map((a) => [a.column, a.key])),
    },
  };
  const problems = checkMapping(current.columns, mapping, [...definitions, ...created.attributes]);
  if (problems.length > 0)
    throw new AppError(
      'unprocessable',
      'invalid_mapping',
      `The column mapping is not valid: ${problems.map((p) => `${p.path}: ${p.message}`).join('; ')}`,
      problems,
    );
  const row = await deps.db.transaction(async (query) => {
    for (const a of created.attributes) {
      const [inserted] = await query(
        `INSERT INTO contact_attribute_definitions (workspace_id, key, label, type, options)
         VALUES ($1, $2, $3, $4, $5::jsonb) ON CONFLICT (workspace_id, key) DO NOTHING RETURNING id`,
        [auth.workspaceId, a.key, a.label, a.type, a.options ? JSON.stringify(a.options) : null],
      );
      if (!inserted)
        throw new AppError(
          'conflict',
          'attribute_exists',
          `Column "${a.column}": an attribute with the key "${a.key}" exists.`,
          [{ path: `newAttributes.${a.column}`, message: 'key already used' }],
        );
    }
    const [started] = await query<ImportRow & Record<string, unknown>>(
      `UPDATE contact_imports SET status = 'running', mapping = $3::jsonb, default_country = $4
        WHERE workspace_id = $1 AND id = $2 AND status = 'previewed' RETURNING ${IMPORT_COLUMNS}`,
      [auth.workspaceId, importId, JSON.stringify(mapping), input.defaultCountry],
    );
    if (!started)
      throw new AppError('conflict', 'import_already_started', 'This import has already started.');
    return started;
  });
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
