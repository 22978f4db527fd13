import { bigint, index, jsonb, pgTable, text, uuid } from 'drizzle-orm/pg-core';
import { createdAt } from '../../platform/db/columns';
import { workspaceIdColumn } from '../auth/auth.schema';

/**
 * What happened to a workspace's access and settings, for the owner to read and export: sign-ins
 * (with the address), member and role changes, invitations, numbers connected and disconnected,
 * settings changed, exports. Never a secret: no passwords, tokens or app secrets in `details`.
 */
export const auditLog = pgTable(
  'audit_log',
  {
    id: bigint('id', { mode: 'number' }).primaryKey().generatedAlwaysAsIdentity(),
    workspaceId: workspaceIdColumn(),
    /** Who did it: null for the system or an unknown person (a failed sign-in). */
    actorUserId: uuid('actor_user_id'),
    /** Their name or email at the time, so the line still reads after they are removed. */
    actorLabel: text('actor_label'),
    /** e.g. `auth.login`, `auth.login_failed`, `member.role_changed`, `channel.connected`. */
    action: text('action').notNull(),
    targetType: text('target_type'),
    targetId: text('target_id'),
    targetLabel: text('target_label'),
    ip: text('ip'),
    details: jsonb('details').notNull().default({}),
    createdAt: createdAt(),
  },
  (t) => [index('audit_log_workspace_time_idx').on(t.workspaceId, t.createdAt.desc(), t.id.desc())],
);
