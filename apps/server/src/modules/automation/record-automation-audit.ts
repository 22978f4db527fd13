import { type AuditEntry, auditActor, recordAudit } from '../audit';
import type { AutomationActor, AutomationDeps } from './automation.deps';

/**
 * A line of the audit log for a member's (or an API key's) change to automation (rules, bots, business hours,
 * sequences): who, from which address, and what it was called, recorded once the change committed.
 */
export async function recordAutomationAudit(
  deps: AutomationDeps,
  actor: AutomationActor,
  line: Pick<AuditEntry, 'action' | 'targetType' | 'targetId' | 'targetLabel' | 'details'>,
): Promise<void> {
  await recordAudit(deps.db.orm, {
    workspaceId: actor.workspaceId,
    ...(actor.label
      ? { actorUserId: null, actorLabel: actor.label }
      : await auditActor(deps.db.orm, actor.userId)),
    ip: actor.ip ?? null,
    ...line,
  });
}
