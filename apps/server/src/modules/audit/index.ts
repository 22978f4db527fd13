export { auditLog } from './audit.schema';
export { AUDIT_ACTIONS, type AuditAction, type AuditEntry, recordAudit } from './record-audit';
