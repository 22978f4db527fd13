import type { AudiencePreview, AudiencePreviewRequest } from '@charla/contracts';
import type { AuthContext } from '../auth';
import { audienceSource, VALID_WA_ID_SQL } from './audience-source';
import { assertChannel } from './broadcast-input';
import type { BroadcastsDeps } from './broadcasts.deps';
import { isOptedInOnly, UNKNOWN_CONSENT_SQL } from './marketing-consent';
import { assertManager } from './save-broadcast';

/**
 * Who a broadcast would reach, before anything is written: counts and a sample. With a marketing
 * template (`templateId`) and the workspace sending marketing only to opted-in contacts, those
 * whose consent is unknown are left out of `eligible`; either way they are counted, for the warning.
 */
export async function previewAudience(
  deps: BroadcastsDeps,
  actor: Pick<AuthContext, 'workspaceId' | 'userId' | 'role'>,
  request: AudiencePreviewRequest,
): Promise<AudiencePreview> {
  assertManager(actor);
  await assertChannel(deps, actor.workspaceId, request.channelId);
  const template = request.templateId ? await deps.findTemplate(actor.workspaceId, request.templateId) : null;
  const optedInOnly = await isOptedInOnly(deps.db.query, actor.workspaceId, template?.category);
  if (request.audience.kind === 'csv')
    return previewCsv(deps, actor.workspaceId, request.audience.uploadId, optedInOnly);
  const source = await audienceSource(deps, actor, request.audience);
  const params = [actor.workspaceId, ...source.params];
  const [counts] = await deps.db.query<{
    total: number;
    opted_out: number;
    invalid: number;
    unknown: number;
  }>(
    `SELECT count(*)::int AS total,
            count(*) FILTER (WHERE c.opt_in_state = 'opted_out')::int AS opted_out,
            count(*) FILTER (WHERE c.opt_in_state <> 'opted_out' AND NOT COALESCE(${VALID_WA_ID_SQL('c')}, false))::int AS invalid,
            count(*) FILTER (WHERE ${UNKNOWN_CONSENT_SQL})::int AS unknown
       FROM (${source.sql}) c`,
    params,
  );
  const sample = await deps.db.query<{ name: string | null; phone: string }>(
    `SELECT COALESCE(c.name, c.profile_name) AS name, '+' || c.wa_id AS phone FROM (${source.sql}) c
      WHERE c.opt_in_state <> 'opted_out' AND ${VALID_WA_ID_SQL('c')}
        AND NOT (${optedInOnly ? 'true' : 'false'} AND ${UNKNOWN_CONSENT_SQL})
      ORDER BY c.created_at, c.id LIMIT 5`,
    params,
  );
  const total = counts?.total ?? 0;
  const optedOut = counts?.opted_out ?? 0;
  const invalid = counts?.invalid ?? 0;
  const unknownConsent = counts?.unknown ?? 0;
  return {
    total,
    eligible: total - optedOut - invalid - (optedInOnly ? unknownConsent : 0),
    optedOut,
    invalid,
    duplicates: 0,
    unknownConsent,
    optedInOnly,
    sample,
  };
}

/** A CSV's rows: rejected lines are invalid, repeated numbers duplicates, known opted-out contacts excluded. */
async function previewCsv(
  deps: BroadcastsDeps,
  workspaceId: string,
  uploadId: string,
  optedInOnly: boolean,
): Promise<AudiencePreview> {
  await audienceSource(deps, { workspaceId, userId: null }, { kind: 'csv', uploadId });
  const [row] = await deps.db.query<{
    rows: number;
    invalid: number;
    valid: number;
    distinct: number;
    opted_out: number;
    opted_in: number;
  }>(
    `SELECT u.rows, u.invalid, u.valid,
            (SELECT count(DISTINCT phone_match_key(substr(r.phone, 2)))::int FROM broadcast_csv_rows r WHERE r.upload_id = u.id) AS distinct,
            (SELECT count(DISTINCT c.id)::int FROM broadcast_csv_rows r
               JOIN contacts c ON c.workspace_id = u.workspace_id AND c.phone_key = phone_match_key(substr(r.phone, 2))
              WHERE r.upload_id = u.id AND c.opt_in_state = 'opted_out') AS opted_out,
            (SELECT count(DISTINCT c.id)::int FROM broadcast_csv_rows r
               JOIN contacts c ON c.workspace_id = u.workspace_id AND c.phone_key = phone_match_key(substr(r.phone, 2))
              WHERE r.upload_id = u.id AND c.opt_in_state = 'opted_in') AS opted_in
       FROM broadcast_csv_uploads u WHERE u.workspace_id = $1 AND u.id = $2`,
    [workspaceId, uploadId],
  );
  const sample = await deps.db.query<{ name: string | null; phone: string }>(
    `SELECT COALESCE(r.values ->> 'name', c.name, c.profile_name) AS name, r.phone
       FROM broadcast_csv_rows r LEFT JOIN contacts c ON c.workspace_id = $1 AND c.phone_key = phone_match_key(substr(r.phone, 2))
      WHERE r.upload_id = $2 AND c.opt_in_state IS DISTINCT FROM 'opted_out'
        AND (NOT $3::boolean OR c.opt_in_state = 'opted_in') ORDER BY r.line LIMIT 5`,
    [workspaceId, uploadId, optedInOnly],
  );
  const r = row ?? { rows: 0, invalid: 0, valid: 0, distinct: 0, opted_out: 0, opted_in: 0 };
  // Numbers that are not contacts yet become contacts of unknown consent when the broadcast starts.
  const unknownConsent = r.distinct - r.opted_out - r.opted_in;
  return {
    total: r.rows,
    eligible: r.distinct - r.opted_out - (optedInOnly ? unknownConsent : 0),
    unknownConsent,
    optedInOnly,
    optedOut: r.opted_out,
    invalid: r.invalid,
    duplicates: r.valid - r.distinct,
    sample,
  };
}
