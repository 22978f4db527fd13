import { AUDIT_ACTIONS, type AuditEntry } from '@charla/contracts';

type Translate = (key: string, values?: Record<string, unknown>) => string;

/** Every action the log records (packages/contracts); any other shows its code. */
const KNOWN = new Set<string>(AUDIT_ACTIONS);

/** A value of a settings change, in words: lists joined, booleans yes/no, empty as "nothing". */
function valueText(value: unknown, t: Translate, field: string): string {
  if (value === null || value === undefined || value === '') return t('auditLog.none');
  if (field === 'conversationVisibility' && (value === 'all' || value === 'assigned'))
    return t(`auditLog.visibility.${value}`);
  if (typeof value === 'boolean') return t(value ? 'auditLog.yes' : 'auditLog.no');
  if (Array.isArray(value)) return value.length === 0 ? t('auditLog.none') : value.join(', ');
  return String(value);
}

function roleText(role: unknown, t: Translate): string {
  return role === 'owner' || role === 'admin' || role === 'agent'
    ? t(`auditLog.roles.${role}`)
    : String(role ?? '');
}

/**
 * One line of the activity log as a sentence in the reader's language, e.g. "Ana cambió el rol de
 * Luis de agente a administrador", and what changed in detail (settings changes), if anything.
 */
export function describeAuditEntry(e: AuditEntry, t: Translate): { sentence: string; changes: string[] } {
  const d = e.details;
  const actor = e.actor.name ?? (e.actor.id ? t('auditLog.someone') : t('auditLog.charla'));
  const target =
    e.target.type === 'contact'
      ? t('auditLog.aContact')
      : (e.target.label ?? (typeof d.email === 'string' ? d.email : null) ?? t('auditLog.someone'));
  const changes: string[] = [];
  let fields = '';
  if (e.action === 'settings.changed' && d.changes && typeof d.changes === 'object') {
    // The database keeps no key order: alphabetical, so a line always reads the same.
    const entries = Object.entries(d.changes as Record<string, { from?: unknown; to?: unknown }>).sort(
      ([a], [b]) => a.localeCompare(b),
    );
    const names = entries.map(([key]) => t(`auditLog.fields.${key}`, { defaultValue: key }));
    fields = names.join(', ');
    entries.forEach(([, change], i) => {
      changes.push(
        t('auditLog.change', {
          field: names[i],
          from: valueText(change?.from, t, entries[i]![0]),
          to: valueText(change?.to, t, entries[i]![0]),
        }),
      );
    });
  }
  // A webhook's change names what changed (its address, events, description, on/off).
  if (e.action === 'webhook.updated' && Array.isArray(d.changed))
    fields = d.changed
      .map((key) => t(`auditLog.webhookFields.${key}`, { defaultValue: String(key) }))
      .join(', ');
  // Charla turning a webhook off says why, under the sentence.
  if (e.action === 'webhook.disabled' && typeof d.reason === 'string' && d.reason) changes.push(d.reason);
  const values = {
    actor,
    target,
    role: roleText(d.role, t),
    from: roleText(d.from, t),
    to: roleText(d.to, t),
    fields,
    count: d.contacts ?? '',
    messages: d.messages ?? 0,
    files: d.files ?? 0,
    version: d.version ?? '',
    previousIp: typeof d.previousIp === 'string' ? d.previousIp : '',
    action: e.action,
  };
  const key = !KNOWN.has(e.action)
    ? 'auditLog.sentence.unknown'
    : e.action === 'business_hours.changed' && e.target.type === 'workspace'
      ? 'auditLog.sentence.business_hours.changed_workspace'
      : e.action === 'api_key.used' && !values.previousIp
        ? 'auditLog.sentence.api_key.used_first'
        : e.action === 'webhook.updated' && fields
          ? 'auditLog.sentence.webhook.updated_fields'
          : `auditLog.sentence.${e.action}`;
  return { sentence: t(key, values), changes };
}
