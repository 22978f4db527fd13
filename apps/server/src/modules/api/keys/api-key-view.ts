import type { ApiKey, ApiScope } from '@charla/contracts';

export interface ApiKeyRow {
  id: string;
  name: string;
  prefix: string;
  scopes: string[];
  expires_at: Date | null;
  created_at: Date;
  created_by: string | null;
  revoked_at: Date | null;
  last_used_at: Date | null;
  last_used_ip: string | null;
}

export const API_KEY_COLUMNS =
  'id, name, prefix, scopes, expires_at, created_at, created_by, revoked_at, last_used_at, last_used_ip';

const iso = (d: Date | null) => (d ? new Date(d).toISOString() : null);

export function toApiKey(row: ApiKeyRow): ApiKey {
  return {
    id: row.id,
    name: row.name,
    prefix: row.prefix,
    scopes: row.scopes as ApiScope[],
    expiresAt: iso(row.expires_at),
    createdAt: iso(row.created_at)!,
    createdBy: row.created_by,
    revokedAt: iso(row.revoked_at),
    lastUsedAt: iso(row.last_used_at),
    lastUsedIp: row.last_used_ip,
  };
}
