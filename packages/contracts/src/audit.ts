import { z } from 'zod';

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
  'rule.created',
  'rule.updated',
  'rule.enabled',
  'rule.disabled',
  'rule.deleted',
  'rules.reordered',
  'bot.created',
  'bot.published',
  'bot.deleted',
  'bot.started',
  'bot.stopped',
  'business_hours.changed',
  'business_hours.cleared',
  'api_key.created',
  'api_key.revoked',
  'api_key.used',
  'integration.created',
  'integration.updated',
  'integration.deleted',
  'integration.secret_rotated',
  'integration.shopify_connected',
  'integration.shopify_updated',
  'integration.shopify_disconnected',
  'webhook.created',
  'webhook.updated',
  'webhook.deleted',
  'webhook.secret_rotated',
  'webhook.disabled',
  'sequence.created',
  'sequence.updated',
  'sequence.deleted',
  'sequence.contacts_enrolled',
  'sequence.enrollment_cancelled',
] as const;
export type AuditAction = (typeof AUDIT_ACTIONS)[number];

/**
 * One line of a workspace's audit log (GET /api/audit-log). `action` is one of the server's
 * `AUDIT_ACTIONS` above (e.g. `member.role_changed`); the web app has a sentence for each known one and
 * shows the code itself for any other. `details` says what changed, never a secret.
 */
export const AuditEntrySchema = z.object({
  id: z.string(),
  at: z.string(),
  action: z.string(),
  actor: z.object({ id: z.string().nullable(), name: z.string().nullable() }),
  target: z.object({
    type: z.string().nullable(),
    id: z.string().nullable(),
    label: z.string().nullable(),
  }),
  ip: z.string().nullable(),
  details: z.record(z.string(), z.unknown()),
});
export type AuditEntry = z.infer<typeof AuditEntrySchema>;

export const AuditListSchema = z.object({
  items: z.array(AuditEntrySchema),
  nextCursor: z.string().nullable(),
});
export type AuditList = z.infer<typeof AuditListSchema>;

const when = (field: string) =>
  z
    .string()
    .max(40)
    .refine((s) => !Number.isNaN(Date.parse(s)), {
      message: `${field} is not a date: use ISO 8601, e.g. 2026-12-06 or 2026-12-06T10:00:00Z`,
    });

/** Filters of the audit log and of its CSV export; `from` is inclusive, `to` exclusive. */
export const AuditFiltersSchema = z.object({
  /** One action, or several (repeated `action=`): lines of any of them. */
  action: z.union([z.string().max(60), z.array(z.string().max(60)).max(30)]).optional(),
  /** Lines this member did, or that were done to them. */
  memberId: z.uuid().optional(),
  from: when('from').optional(),
  to: when('to').optional(),
});
export type AuditFilters = z.infer<typeof AuditFiltersSchema>;
