export type { AuditDeps, AuditReader } from './audit.deps';
export { auditRoutes } from './audit.routes';
export { auditLog } from './audit.schema';
export { auditActor } from './audit-actor';
export { type AuditEntry, recordAudit } from './record-audit';
