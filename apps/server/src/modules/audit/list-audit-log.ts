import type { AuditEntry, AuditFilters, AuditList } from '@charla/contracts';
import { AppError } from '../../platform/errors';
import type { AuditDeps } from './audit.deps';

export interface AuditRow {
  id: string | number;
  created_at: Date | string;
  action: string;
  actor_user_id: string | null;
  actor_label: string | null;
  target_type: string | null;
  target_id: string | null;
  target_label: string | null;
  ip: string | null;
  details: Record<string, unknown> | string | null;
}

const PAGE = 50;
/** PostgreSQL's text of a timestamptz, e.g. `2026-12-06 09:45:12.123456+00`. */
const CURSOR_TIME = /^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}(\.\d{1,6})?[+-]\d{2}(:\d{2})?$/;

/** The WHERE clause (from `$1` = workspace) for these filters, and its parameters. */
export function auditFilterSql(workspaceId: string, f: AuditFilters): { where: string; params: unknown[] } {
  const params: unknown[] = [workspaceId];
  const where = ['workspace_id = $1'];
  const actions = f.action === undefined ? [] : [f.action].flat().filter((a) => a !== '');
  if (actions.length > 0) {
    params.push(actions);
    where.push(`action = ANY($${params.length}::text[])`);
  }
  if (f.memberId) {
    params.push(f.memberId, f.memberId);
    where.push(
      `(actor_user_id = $${params.length - 1}::uuid OR (target_type = 'member' AND target_id = $${params.length}::text))`,
    );
  }
  if (f.from) {
    params.push(new Date(f.from));
    where.push(`created_at >= $${params.length}`);
  }
  if (f.to) {
    params.push(new Date(f.to));
    where.push(`created_at < $${params.length}`);
  }
  return { where: where.join(' AND '), params };
}

export const AUDIT_COLUMNS =
  'id, created_at, action, actor_user_id, actor_label, target_type, target_id, target_label, ip, details';

export function toAuditEntry(r: AuditRow): AuditEntry {
  const details = typeof r.details === 'string' ? JSON.parse(r.details) : r.details;
  return {
    id: String(r.id),
    at: new Date(r.created_at).toISOString(),
    action: r.action,
    actor: { id: r.actor_user_id, name: r.actor_label },
    target: { type: r.target_type, id: r.target_id, label: r.target_label },
    ip: r.ip,
    details: details ?? {},
  };
}

/**
 * The workspace's audit log, newest first, 50 lines a page. The cursor is the last line's
 * (time, id): lines written meanwhile never shift a page.
 */
export async function listAuditLog(
  deps: AuditDeps,
  workspaceId: string,
  filters: AuditFilters & { cursor?: string },
): Promise<AuditList> {
  const { where, params } = auditFilterSql(workspaceId, filters);
  let after = '';
  if (filters.cursor) {
    const [at, id] = Buffer.from(filters.cursor, 'base64url').toString('utf8').split('|');
    if (!at || !id || !CURSOR_TIME.test(at) || !/^\d{1,18}$/.test(id))
      throw new AppError('invalid', 'invalid_cursor', 'The cursor is not one this API handed out.', [
        { path: 'cursor', message: 'Pass the nextCursor of the previous page, unchanged' },
      ]);
    params.push(at, id);
    after = `AND (created_at, id) < ($${params.length - 1}::timestamptz, $${params.length}::bigint)`;
  }
  params.push(PAGE + 1);
  // The cursor keeps the database's own text of the time: microseconds a Date would lose.
  const rows = await deps.db.query<AuditRow & { at_text: string } & Record<string, unknown>>(
    `SELECT ${AUDIT_COLUMNS}, created_at::text AS at_text FROM audit_log WHERE ${where} ${after}
      ORDER BY created_at DESC, id DESC LIMIT $${params.length}`,
    params,
  );
  const page = rows.slice(0, PAGE);
  const last = page.at(-1);
  return {
    items: page.map(toAuditEntry),
    nextCursor:
      rows.length > PAGE && last ? Buffer.from(`${last.at_text}|${last.id}`).toString('base64url') : null,
  };
}
