import type { Orm } from '../../platform/db/database';
import { auditLog } from './audit.schema';

/** Every action the audit log knows; the web app has a label for each (es and en). */
export const AUDIT_ACTIONS = [
  'auth.login',
  'auth.login_failed',
  'auth.logout',
  'auth.password_changed',
  'auth.password_reset_link_created',
  'auth.password_reset',
  'auth.session_ended',
  'member.joined',
  'member.role_changed',
  'member.deactivated',
  'member.reactivated',
  'member.removed',
  'member.ownership_transferred',
  'invitation.created',
  'invitation.revoked',
  'invitation.link_renewed',
  'channel.connected',
  'channel.disconnected',
  'settings.changed',
  'audit.exported',
  'contacts.exported',
  'contact.exported',
  'contact.erased',
] as const;
export type AuditAction = (typeof AUDIT_ACTIONS)[number];

export interface AuditEntry {
  workspaceId: string;
  action: AuditAction;
  /** Who did it; null for the system or an unknown person (a failed sign-in). */
  actorUserId?: string | null;
  /** Their name or email now, so the line reads the same after they are gone. */
  actorLabel?: string | null;
  targetType?: 'member' | 'invitation' | 'channel' | 'workspace' | 'contact' | 'session' | null;
  targetId?: string | null;
  targetLabel?: string | null;
  /** The client's address (request.ip, which honours TRUST_PROXY only). */
  ip?: string | null;
  /** What changed, e.g. `{ from: 'agent', to: 'admin' }`. Never a password, token or secret. */
  details?: Record<string, unknown>;
}

/** Appends lines to the workspace's audit log (in the caller's transaction when given one). */
export async function recordAudit(orm: Orm, entries: AuditEntry | AuditEntry[]): Promise<void> {
  const list = Array.isArray(entries) ? entries : [entries];
  if (list.length === 0) return;
  await orm.insert(auditLog).values(
    list.map((e) => ({
      workspaceId: e.workspaceId,
      action: e.action,
      actorUserId: e.actorUserId ?? null,
      actorLabel: e.actorLabel?.slice(0, 200) ?? null,
      targetType: e.targetType ?? null,
      targetId: e.targetId ?? null,
      targetLabel: e.targetLabel?.slice(0, 200) ?? null,
      ip: e.ip?.slice(0, 100) ?? null,
      details: e.details ?? {},
    })),
  );
}
