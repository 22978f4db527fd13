import { randomBytes } from 'node:crypto';
import type { CreateApiKeyRequest, CreatedApiKey } from '@charla/contracts';
import { sha256Hex } from '../../../platform/crypto';
import { AppError } from '../../../platform/errors';
import { auditActor, recordAudit } from '../../audit';
import type { ApiDeps, KeyManager } from '../api.deps';
import { API_KEY_COLUMNS, type ApiKeyRow, toApiKey } from './api-key-view';
import { assertKeyManager } from './assert-key-manager';

/** Every key starts so, which lets secret scanners and people recognise a leaked one. */
export const API_KEY_PREFIX = 'chk_';

/**
 * A new key: 32 random bytes, shown once in the answer; only its SHA-256 is stored. Recorded in
 * the audit log with its name and scopes (never the key).
 */
export async function createApiKey(
  deps: ApiDeps,
  actor: KeyManager,
  input: CreateApiKeyRequest,
): Promise<CreatedApiKey> {
  assertKeyManager(actor);
  const expiresAt = input.expiresAt ? new Date(input.expiresAt) : null;
  if (expiresAt && expiresAt.getTime() <= deps.clock.now().getTime()) {
    throw new AppError('invalid', 'validation_failed', 'The expiry date is in the past; pick a later one.', [
      { path: 'expiresAt', message: 'must be in the future' },
    ]);
  }
  const key = `${API_KEY_PREFIX}${randomBytes(32).toString('base64url')}`;
  const scopes = [...new Set(input.scopes)];
  const [row] = await deps.db.query<ApiKeyRow & Record<string, unknown>>(
    `INSERT INTO api_keys (workspace_id, name, prefix, hash, scopes, expires_at, created_by, created_at)
     VALUES ($1, $2, $3, $4, $5::text[], $6, $7, $8) RETURNING ${API_KEY_COLUMNS}`,
    [
      actor.workspaceId,
      input.name,
      key.slice(0, API_KEY_PREFIX.length + 6),
      sha256Hex(key),
      scopes,
      expiresAt,
      actor.userId,
      deps.clock.now(),
    ],
  );
  await recordAudit(deps.db.orm, {
    workspaceId: actor.workspaceId,
    ...(await auditActor(deps.db.orm, actor.userId)),
    ip: actor.ip,
    action: 'api_key.created',
    targetType: 'api_key',
    targetId: row!.id,
    targetLabel: input.name,
    details: { scopes, expiresAt: expiresAt?.toISOString() ?? null },
  });
  return { ...toApiKey(row!), key };
}
