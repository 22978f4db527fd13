import type { ApiKey } from '@charla/contracts';
import type { ApiDeps, KeyManager } from '../api.deps';
import { API_KEY_COLUMNS, type ApiKeyRow, toApiKey } from './api-key-view';
import { assertKeyManager } from './assert-key-manager';

/** The workspace's keys, newest first, revoked ones included (marked) so their use stays readable. */
export async function listApiKeys(deps: ApiDeps, actor: KeyManager): Promise<ApiKey[]> {
  assertKeyManager(actor);
  const rows = await deps.db.query<ApiKeyRow & Record<string, unknown>>(
    `SELECT ${API_KEY_COLUMNS} FROM api_keys WHERE workspace_id = $1 ORDER BY created_at DESC, id`,
    [actor.workspaceId],
  );
  return rows.map(toApiKey);
}
