export type { AuditDeps, AuditReader } from './audit.deps';
export { auditRoutes } from './audit.routes';
export { auditLog } from './audit.schema';
export { auditActor } from './audit-actor';
export { AUDIT_ACTIONS, type AuditAction, type AuditEntry, recordAudit } from './record-audit';
