import type { CsvAudienceUpload } from '@charla/contracts';
import { toPgSafeText } from '../../platform/db/pg-safe';
import { AppError } from '../../platform/errors';
import type { AuthContext } from '../auth';
import type { BroadcastsDeps } from './broadcasts.deps';
import { assertManager } from './save-broadcast';

const PHONE_HEADERS = [
  'phone',
  'telefono',
  'teléfono',
  'número',
  'numero',
  'whatsapp',
  'mobile',
  'móvil',
  'movil',
  'celular',
];
const CHUNK = 1000;

/**
 * A CSV audience: a phone column (found by its header) and any other columns, usable as
 * variable sources by their header. Numbers are normalised to E.164 like the contacts import
 * (`defaultCountry` for national numbers); bad rows are reported with their line and reason.
 */
export async function uploadCsvAudience(
  deps: BroadcastsDeps,
  actor: Pick<AuthContext, 'workspaceId' | 'role'>,
  file: { filename: string | null; bytes: Uint8Array },
  defaultCountry: string,
): Promise<CsvAudienceUpload> {
  assertManager(actor);
  const country = defaultCountry.trim().toUpperCase();
  if (!/^[A-Z]{2}$/.test(country))
    throw new AppError(
      'invalid',
      'validation_failed',
      'defaultCountry must be a two-letter country code such as ES or MX.',
      [{ path: 'defaultCountry', message: 'two letters, e.g. ES' }],
    );
  // A NUL in a cell (PostgreSQL refuses it) is kept as U+FFFD, as in the contacts import.
  const rows = deps.readCsv(file.bytes).map((r) => ({ ...r, fields: r.fields.map((f) => toPgSafeText(f)) }));
  const header = rows[0]?.fields.map((f) => f.trim()) ?? [];
  const phoneIndex = header.findIndex((h) => PHONE_HEADERS.includes(h.toLowerCase()));
  if (phoneIndex < 0)
    throw new AppError(
      'invalid',
      'phone_column_missing',
      `The file has no phone column: name one of its columns "phone" (found: ${header.join(', ') || 'no header'}).`,
      [{ path: 'file', message: 'no phone column' }],
    );
  const columns = header.map((h) => h.toLowerCase().replace(/\s+/g, '_'));
  const others = columns.filter((_, i) => i !== phoneIndex);
  const rejected: CsvAudienceUpload['rejected'] = [];
  const valid: { line: number; phone: string; values: Record<string, string> }[] = [];
  for (const row of rows.slice(1)) {
    if (row.fields.every((f) => f.trim() === '')) continue;
    const raw = (row.fields[phoneIndex] ?? '').trim();
    if (!raw) {
      rejected.push({
        line: row.line,
        reason: 'The phone number is empty',
        code: 'missing_phone',
        value: null,
      });
      continue;
    }
    const number = deps.normalizePhone(raw, country);
    if (!number.ok) {
      rejected.push({
        line: row.line,
        reason: `"${raw.slice(0, 40)}" is not a valid phone number for ${country}: ${number.reason}`,
        code: 'invalid_phone',
        value: raw.slice(0, 40),
        params: { country },
      });
      continue;
    }
    const values: Record<string, string> = {};
    columns.forEach((c, i) => {
      if (i !== phoneIndex && row.fields[i]?.trim()) values[c] = row.fields[i]!.trim();
    });
    valid.push({ line: row.line, phone: number.phone, values });
  }
  const total = valid.length + rejected.length;
  const id = await deps.db.transaction(async (query) => {
    const [upload] = await query<{ id: string }>(
      `INSERT INTO broadcast_csv_uploads (workspace_id, filename, columns, rows, valid, invalid, rejected, created_at)
       VALUES ($1, $2, $3::jsonb, $4, $5, $6, $7::jsonb, $8) RETURNING id`,
      [
        actor.workspaceId,
        file.filename,
        JSON.stringify(others),
        total,
        valid.length,
        rejected.length,
        JSON.stringify(rejected.slice(0, 1000)),
        deps.clock.now(),
      ],
    );
    for (let i = 0; i < valid.length; i += CHUNK) {
      const part = valid.slice(i, i + CHUNK);
      await query(
        `INSERT INTO broadcast_csv_rows (upload_id, line, phone, values)
         SELECT $1, * FROM unnest($2::int[], $3::text[], $4::jsonb[])`,
        [
          upload!.id,
          part.map((r) => r.line),
          part.map((r) => r.phone),
          part.map((r) => JSON.stringify(r.values)),
        ],
      );
    }
    return upload!.id;
  });
  return {
    uploadId: id,
    rows: total,
    valid: valid.length,
    invalid: rejected.length,
    columns: others,
    rejected: rejected.slice(0, 1000),
  };
}
