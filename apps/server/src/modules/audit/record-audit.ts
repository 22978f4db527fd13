import type { AuditAction } from '@charla/contracts';
import type { Orm } from '../../platform/db/database';
import { auditLog } from './audit.schema';

export interface AuditEntry {
  workspaceId: string;
  action: AuditAction;
  /** Who did it; null for the system or an unknown person (a failed sign-in). */
  actorUserId?: string | null;
  /** Their name or email now, so the line reads the same after they are gone. */
  actorLabel?: string | null;
  targetType?:
    | 'member'
    | 'invitation'
    | 'channel'
    | 'workspace'
    | 'contact'
    | 'session'
    | 'rule'
    | 'flow'
    | 'team'
    | 'sequence'
    | 'api_key'
    | 'webhook'
    | 'integration'
    | null;
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
