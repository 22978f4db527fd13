import { sha256Hex } from '../../../platform/crypto';
import type { Database } from '../../../platform/db/database';
import { createGroupCommit, groupCommitPer } from '../../../platform/group-commit';
import { recordAudit } from '../../audit';
import type { ApiCaller, ApiDeps } from '../api.deps';
import { API_KEY_PREFIX } from './create-api-key';

/** Last-used time and address are written at most this often per key, not on every request. */
const USED_EVERY_MS = 60_000;
/**
 * A key read is reused this long by the requests that follow (a busy integration makes hundreds
 * a second). Revoking in this process forgets it at once; another process may accept a revoked
 * key for at most this long.
 */
const REUSE_READ_MS = 1_000;

interface KeyRow {
  id: string;
  workspace_id: string;
  name: string;
  scopes: string[];
  expires_at: Date | null;
  revoked_at: Date | null;
  last_used_at: Date | null;
  last_used_ip: string | null;
}

export type KeyCheck =
  | { ok: true; caller: ApiCaller }
  | { ok: false; reason: 'missing' | 'unknown' | 'revoked' | 'expired' };

/**
 * The key behind `Authorization: Bearer …`: live (not revoked, not expired) or why not. Its use
 * is recorded as "last used" (time and address, at most once a minute), and a use from an
 * address other than the last one is a line in the audit log.
 */
export async function authenticateApiKey(
  deps: Pick<ApiDeps, 'db' | 'clock'>,
  token: string | undefined,
  ip: string | null,
): Promise<KeyCheck> {
  if (!token) return { ok: false, reason: 'missing' };
  if (!token.startsWith(API_KEY_PREFIX) || token.length > 100) return { ok: false, reason: 'unknown' };
  const row = await readKey(deps.db, sha256Hex(token));
  if (!row) return { ok: false, reason: 'unknown' };
  if (row.revoked_at) return { ok: false, reason: 'revoked' };
  const now = deps.clock.now();
  if (row.expires_at && new Date(row.expires_at).getTime() <= now.getTime())
    return { ok: false, reason: 'expired' };
  const seen = row.last_used_at ? new Date(row.last_used_at).getTime() : 0;
  if (now.getTime() - seen > USED_EVERY_MS || (ip !== null && ip !== row.last_used_ip)) {
    await deps.db.query('UPDATE api_keys SET last_used_at = $2, last_used_ip = $3 WHERE id = $1', [
      row.id,
      now,
      ip,
    ]);
    const previousIp = row.last_used_ip;
    row.last_used_at = now;
    row.last_used_ip = ip;
    if (ip !== previousIp) {
      await recordAudit(deps.db.orm, {
        workspaceId: row.workspace_id,
        actorLabel: row.name,
        action: 'api_key.used',
        targetType: 'api_key',
        targetId: row.id,
        targetLabel: row.name,
        ip,
        details: { previousIp },
      });
    }
  }
  return {
    ok: true,
    caller: { keyId: row.id, keyName: row.name, workspaceId: row.workspace_id, scopes: row.scopes, ip },
  };
}

/** Each database's recent key reads, by the key's hash. */
const recentReads = new WeakMap<Database, Map<string, { row: KeyRow | undefined; at: number }>>();

function recentOf(db: Database) {
  let recent = recentReads.get(db);
  if (!recent) {
    recent = new Map();
    recentReads.set(db, recent);
  }
  return recent;
}

async function readKey(db: Database, hash: string): Promise<KeyRow | undefined> {
  const recent = recentOf(db);
  const seen = recent.get(hash);
  const now = performance.now();
  if (seen && now - seen.at < REUSE_READ_MS) return seen.row;
  const row = await lookupOf(db).write(hash);
  // Unknown hashes are not kept: a caller trying keys fills no memory.
  if (row) {
    if (recent.size >= 10_000) recent.clear();
    recent.set(hash, { row, at: now });
  } else recent.delete(hash);
  return row;
}

/** This process stops reusing its recent read of a key (it was just revoked here). */
export function forgetApiKey(db: Database, keyId: string): void {
  const recent = recentOf(db);
  for (const [hash, seen] of recent) if (seen.row?.id === keyId) recent.delete(hash);
}

/** Requests in flight together share one lookup (a group read), as sessions do. */
const lookupOf = groupCommitPer((db: Database) =>
  createGroupCommit(async (hashes: string[]) => {
    const rows = await db.query<KeyRow & { hash: string } & Record<string, unknown>>(
      `SELECT id, hash, workspace_id, name, scopes, expires_at, revoked_at, last_used_at, last_used_ip
         FROM api_keys WHERE hash = ANY($1::text[])`,
      [hashes],
    );
    const byHash = new Map(rows.map((r) => [r.hash, r]));
    return hashes.map((h) => byHash.get(h));
  }),
);
