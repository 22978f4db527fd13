import type { BroadcastAudience, BroadcastVariables } from '@charla/contracts';
import type { Query } from '../../platform/db/database';
import { type AudienceSource, VALID_WA_ID_SQL } from './audience-source';
import { UNKNOWN_CONSENT_SQL } from './marketing-consent';
import { variablesSql } from './variables-sql';

/**
 * Writes the audience into broadcast_recipients with one INSERT ... SELECT (never loading the
 * contacts into memory): one row per contact (unique), opted-out contacts and invalid numbers
 * left out and counted, each row's template values resolved from the contact, and rows with a
 * variable that has no value and no fallback stored as `skipped` with the reason. With
 * `optedInOnly` (a marketing template, and the workspace sends marketing only to opted-in
 * contacts) the contacts whose consent is unknown are left out too, and counted. Idempotent.
 */
export async function materialiseAudience(
  query: Query,
  broadcast: { id: string; workspaceId: string; audience: BroadcastAudience; variables: BroadcastVariables },
  source: AudienceSource,
  optedInOnly = false,
): Promise<{ excludedOptedOut: number; excludedInvalid: number; excludedNoConsent: number }> {
  if (broadcast.audience.kind === 'csv') {
    // Numbers of the file that are not contacts yet become contacts, so replies find them. A
    // number is known in any of its forms (phone_match_key: Mexico's 521, Argentina's 549,
    // Brazil's ninth digit), so the contact WhatsApp reported is reached, not a copy of it.
    await query(
      `INSERT INTO contacts (workspace_id, wa_id, phone, name)
       SELECT DISTINCT ON (phone_match_key(substr(r.phone, 2)))
              $1::uuid, substr(r.phone, 2), r.phone, NULLIF(btrim(r.values ->> 'name'), '')
         FROM broadcast_csv_rows r
        WHERE r.upload_id = $2
          AND NOT EXISTS (SELECT 1 FROM contacts c
                           WHERE c.workspace_id = $1 AND c.phone_key = phone_match_key(substr(r.phone, 2)))
        ORDER BY phone_match_key(substr(r.phone, 2)), r.line
       ON CONFLICT (workspace_id, wa_id) DO NOTHING`,
      [broadcast.workspaceId, broadcast.audience.uploadId],
    );
  }
  const params: unknown[] = [broadcast.workspaceId, ...source.params];
  const p = (value: unknown) => {
    params.push(value);
    return `$${params.length}`;
  };
  const { values, missing } = variablesSql(broadcast.variables, p);
  const id = p(broadcast.id);
  const onlyOptedIn = `${p(optedInOnly)}::boolean`;
  await query(
    `INSERT INTO broadcast_recipients (broadcast_id, workspace_id, contact_id, wa_id, values, state, error_reason)
     SELECT ${id}::uuid, $1::uuid, x.id, x.wa_id, x.values,
            CASE WHEN x.missing = '' THEN 'queued' ELSE 'skipped' END,
            CASE WHEN x.missing = '' THEN NULL ELSE 'No value and no fallback for ' || x.missing END
       FROM (SELECT c.id, c.wa_id, c.created_at, ${values} AS values, ${missing} AS missing
               FROM (${source.sql}) c
              WHERE c.opt_in_state <> 'opted_out' AND ${VALID_WA_ID_SQL('c')}
                AND NOT (${onlyOptedIn} AND ${UNKNOWN_CONSENT_SQL})) x
      ORDER BY x.created_at, x.id
     ON CONFLICT (broadcast_id, contact_id) DO NOTHING`,
    params,
  );
  const [counts] = await query<{ opted_out: number; invalid: number; no_consent: number }>(
    `SELECT count(*) FILTER (WHERE c.opt_in_state = 'opted_out')::int AS opted_out,
            count(*) FILTER (WHERE c.opt_in_state <> 'opted_out' AND NOT COALESCE(${VALID_WA_ID_SQL('c')}, false))::int AS invalid,
            count(*) FILTER (WHERE ${UNKNOWN_CONSENT_SQL})::int AS no_consent
       FROM (${source.sql}) c`,
    [broadcast.workspaceId, ...source.params],
  );
  let invalid = counts?.invalid ?? 0;
  if (broadcast.audience.kind === 'csv') {
    const [u] = await query<{ invalid: number }>('SELECT invalid FROM broadcast_csv_uploads WHERE id = $1', [
      broadcast.audience.uploadId,
    ]);
    invalid += u?.invalid ?? 0;
  }
  return {
    excludedOptedOut: counts?.opted_out ?? 0,
    excludedInvalid: invalid,
    excludedNoConsent: optedInOnly ? (counts?.no_consent ?? 0) : 0,
  };
}
