import type { AuditFilters } from '@charla/contracts';
import type { AuditDeps, AuditReader } from './audit.deps';
import { auditActor } from './audit-actor';
import { AUDIT_COLUMNS, type AuditRow, auditFilterSql, toAuditEntry } from './list-audit-log';
import { recordAudit } from './record-audit';

const HEADER = ['time', 'actor', 'actor_id', 'action', 'target_type', 'target_id', 'target', 'ip', 'details'];
const CHUNK = 500;

/** A spreadsheet never runs a value as a formula; commas, quotes and newlines are quoted. */
function csvField(value: string): string {
  const safe = /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
  return /[",;\r\n]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
}
const csvLine = (fields: string[]) => `${fields.map(csvField).join(',')}\r\n`;

/**
 * Every line of the audit log these filters keep, newest first, as CSV (UTF-8 with a BOM so Excel
 * reads accents right), read in chunks so a long log is never held whole. The export is itself a
 * line (`audit.exported`, with its filters), written first: the file holds the lines up to it.
 */
export async function exportAuditLog(
  deps: AuditDeps,
  auth: AuditReader,
  filters: AuditFilters,
  ip: string | null,
): Promise<AsyncIterable<string>> {
  const [top] = await deps.db.query<{ id: string | null }>(
    'SELECT max(id)::text AS id FROM audit_log WHERE workspace_id = $1',
    [auth.workspaceId],
  );
  await recordAudit(deps.db.orm, {
    workspaceId: auth.workspaceId,
    action: 'audit.exported',
    ...(await auditActor(deps.db.orm, auth.userId)),
    ip,
    details: { filters },
  });
  const { where, params } = auditFilterSql(auth.workspaceId, filters);
  params.push(top?.id ?? '0');
  const upTo = `AND id <= $${params.length}::bigint`;
  return (async function* () {
    yield `\uFEFF${csvLine(HEADER)}`;
    let after: { at: string; id: string } | null = null;
    for (;;) {
      const page = [...params];
      let cond = '';
      if (after) {
        page.push(after.at, after.id);
        cond = `AND (created_at, id) < ($${page.length - 1}::timestamptz, $${page.length}::bigint)`;
      }
      page.push(CHUNK);
      const rows = await deps.db.query<AuditRow & { at_text: string } & Record<string, unknown>>(
        `SELECT ${AUDIT_COLUMNS}, created_at::text AS at_text FROM audit_log
          WHERE ${where} ${upTo} ${cond} ORDER BY created_at DESC, id DESC LIMIT $${page.length}`,
        page,
      );
      if (rows.length === 0) return;
      yield rows
        .map((r) => {
          const e = toAuditEntry(r);
          return csvLine([
            e.at,
            e.actor.name ?? '',
            e.actor.id ?? '',
            e.action,
            e.target.type ?? '',
            e.target.id ?? '',
            e.target.label ?? '',
            e.ip ?? '',
            Object.keys(e.details).length > 0 ? JSON.stringify(e.details) : '',
          ]);
        })
        .join('');
      if (rows.length < CHUNK) return;
      const last = rows.at(-1)!;
      after = { at: last.at_text, id: String(last.id) };
    }
  })();
}
