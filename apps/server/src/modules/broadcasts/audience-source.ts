import type { BroadcastAudience } from '@charla/contracts';
import { AppError } from '../../platform/errors';
import type { BroadcastsDeps } from './broadcasts.deps';

/**
 * The contacts of an audience as a SQL subquery (alias it), whatever its kind: columns `id`,
 * `wa_id` (digits or null), `phone`, `name`, `profile_name`, `attributes`, `opt_in_state`,
 * `created_at`, and `row_values` (the CSV row's other columns, null for filters and views).
 * `$1` is the workspace id; the returned params follow it.
 */
export interface AudienceSource {
  sql: string;
  params: unknown[];
}

const CONTACT_COLUMNS = `c.id, COALESCE(c.wa_id, NULLIF(regexp_replace(COALESCE(c.phone, ''), '[^0-9]', '', 'g'), '')) AS wa_id,
  c.phone, c.name, c.profile_name, c.attributes, c.opt_in_state, c.created_at`;

/** A valid WhatsApp address: 8 to 15 digits (E.164 without the +). */
export const VALID_WA_ID_SQL = (alias: string) => `(${alias}.wa_id ~ '^[0-9]{8,15}$')`;

export async function audienceSource(
  deps: BroadcastsDeps,
  viewer: { workspaceId: string; userId: string | null },
  audience: BroadcastAudience,
  firstParam = 2,
): Promise<AudienceSource> {
  if (audience.kind === 'csv') {
    await assertUpload(deps, viewer.workspaceId, audience.uploadId);
    return {
      sql: `SELECT DISTINCT ON (c.id) ${CONTACT_COLUMNS}, r.values AS row_values
              FROM broadcast_csv_rows r JOIN contacts c ON c.workspace_id = $1 AND c.phone_key = phone_match_key(substr(r.phone, 2))
             WHERE r.upload_id = $${firstParam} ORDER BY c.id, r.line`,
      params: [audience.uploadId],
    };
  }
  const filters =
    audience.kind === 'filters'
      ? await deps.normaliseContactFilters(viewer.workspaceId, audience.filters)
      : (
          await deps.contactViewFilters(
            {
              workspaceId: viewer.workspaceId,
              userId: viewer.userId ?? '00000000-0000-0000-0000-000000000000',
            },
            audience.viewId,
          )
        ).filters;
  const { where, params } = deps.contactFilterSql(filters, firstParam, 'c');
  return {
    sql: `SELECT ${CONTACT_COLUMNS}, NULL::jsonb AS row_values FROM contacts c WHERE c.workspace_id = $1 AND ${where}`,
    params,
  };
}

export async function assertUpload(deps: Pick<BroadcastsDeps, 'db'>, workspaceId: string, uploadId: string) {
  const [row] = await deps.db.query(
    'SELECT 1 FROM broadcast_csv_uploads WHERE workspace_id = $1 AND id = $2::uuid',
    [workspaceId, /^[0-9a-f-]{36}$/i.test(uploadId) ? uploadId : '00000000-0000-0000-0000-000000000000'],
  );
  if (!row)
    throw new AppError(
      'invalid',
      'upload_not_found',
      'The CSV audience was not found: upload the file again (POST /api/broadcasts/csv-audiences).',
      [{ path: 'audience.uploadId', message: 'unknown upload' }],
    );
}
