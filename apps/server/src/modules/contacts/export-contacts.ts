import { auditActor, recordAudit } from '../audit';
import type { AuthContext } from '../auth';
import { listAttributeDefinitions } from './attribute-definitions';
import { type ContactRow, requireAdmin } from './contact-view';
import type { ContactsDeps } from './contacts.deps';
import { toCsv } from './csv';

/**
 * Every contact of the workspace as CSV: fixed columns, then one column per attribute (by key),
 * tags joined with `, `. The same file imports back with the obvious mapping.
 */
export async function exportContacts(
  deps: Pick<ContactsDeps, 'db'>,
  auth: AuthContext,
  ip: string | null = null,
): Promise<string> {
  requireAdmin(auth, 'export contacts');
  const definitions = await listAttributeDefinitions(deps, auth.workspaceId);
  const rows = await deps.db.query<ContactRow & Record<string, unknown>>(
    `SELECT name, profile_name, phone, wa_id, tags, attributes, notes, opt_in_state, opt_in_source, opt_in_at, created_at
       FROM contacts WHERE workspace_id = $1 ORDER BY created_at, id`,
    [auth.workspaceId],
  );
  const header = [
    'phone',
    'wa_id',
    'name',
    'profile_name',
    'tags',
    'opt_in',
    'opt_in_source',
    'opt_in_at',
    'notes',
    'created_at',
    ...definitions.map((d) => d.key),
  ];
  const lines = rows.map((r) => [
    r.phone ?? '',
    r.wa_id ?? '',
    r.name ?? '',
    r.profile_name ?? '',
    (r.tags ?? []).join(', '),
    r.opt_in_state,
    r.opt_in_source ?? '',
    r.opt_in_at ? new Date(r.opt_in_at).toISOString() : '',
    r.notes ?? '',
    new Date(r.created_at).toISOString(),
    ...definitions.map((d) => {
      const v = r.attributes?.[d.key];
      return v === undefined || v === null ? '' : String(v);
    }),
  ]);
  await recordAudit(deps.db.orm, {
    workspaceId: auth.workspaceId,
    action: 'contacts.exported',
    ...(await auditActor(deps.db.orm, auth.userId)),
    ip,
    details: { contacts: rows.length },
  });
  return `\uFEFF${toCsv([header, ...lines])}`;
}
