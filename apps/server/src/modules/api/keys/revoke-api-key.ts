import type { ApiKey } from '@charla/contracts';
import { notFound } from '../../../platform/errors';
import { auditActor, recordAudit } from '../../audit';
import type { ApiDeps, KeyManager } from '../api.deps';
import { forgetApiKey } from './api-key-auth';
import { API_KEY_COLUMNS, type ApiKeyRow, toApiKey } from './api-key-view';
import { assertKeyManager } from './assert-key-manager';

/**
 * A revoked key answers 401 from the next request on in this process, and within a second in
 * every other one (see `REUSE_READ_MS`).
 */
export async function revokeApiKey(deps: ApiDeps, actor: KeyManager, keyId: string): Promise<ApiKey> {
  assertKeyManager(actor);
  const [row] = await deps.db.query<ApiKeyRow & Record<string, unknown>>(
    `UPDATE api_keys SET revoked_at = COALESCE(revoked_at, $3)
      WHERE workspace_id = $1 AND id = $2 RETURNING ${API_KEY_COLUMNS}`,
    [actor.workspaceId, keyId, deps.clock.now()],
  );
  if (!row) throw notFound('api_key');
  forgetApiKey(deps.db, row.id);
  await recordAudit(deps.db.orm, {
    workspaceId: actor.workspaceId,
    ...(await auditActor(deps.db.orm, actor.userId)),
    ip: actor.ip,
    action: 'api_key.revoked',
    targetType: 'api_key',
    targetId: row.id,
    targetLabel: row.name,
  });
  return toApiKey(row);
}
