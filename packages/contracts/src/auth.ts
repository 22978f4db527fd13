import { z } from 'zod';

export const RoleSchema = z.enum(['owner', 'admin', 'agent']);
export type Role = z.infer<typeof RoleSchema>;

export const LocaleSchema = z.enum(['es', 'en']);
export type Locale = z.infer<typeof LocaleSchema>;

export const PasswordSchema = z
  .string()
  .min(10, 'Use at least 10 characters')
  .max(200, 'Use at most 200 characters');

export const EmailSchema = z
  .email()
  .max(254)
  .transform((s) => s.toLowerCase());

/**
 * An IANA time zone name (`Europe/Madrid`). The server checks it names a real zone and answers
 * 422 otherwise; scheduled broadcasts are read in the workspace's zone.
 */
export const TimeZoneNameSchema = z.string().trim().min(1).max(64);

/** ISO 3166 alpha-2 country code (`MX`, `ES`); written in any case, kept in capitals. */
export const CountryCodeSchema = z
  .string()
  .trim()
  .regex(/^[A-Za-z]{2}$/, 'two letters, e.g. MX')
  .transform((s) => s.toUpperCase());

export const SetupStatusSchema = z.object({ needsSetup: z.boolean() });
export type SetupStatus = z.infer<typeof SetupStatusSchema>;

export const SetupRequestSchema = z.object({
  workspaceName: z.string().trim().min(1).max(80),
  name: z.string().trim().min(1).max(80),
  email: EmailSchema,
  password: PasswordSchema,
  locale: LocaleSchema.default('es'),
  /** The workspace's time zone; the web form sends the browser's. UTC when absent. */
  timezone: TimeZoneNameSchema.optional(),
  /** The workspace's default country for phone numbers; proposed from `timezone` when absent. */
  defaultCountry: CountryCodeSchema.nullable().optional(),
});
export type SetupRequest = z.input<typeof SetupRequestSchema>;

export const LoginRequestSchema = z.object({ email: EmailSchema, password: z.string().min(1).max(200) });
export type LoginRequest = z.input<typeof LoginRequestSchema>;

export const MeSchema = z.object({
  user: z.object({ id: z.string(), name: z.string(), email: z.string(), locale: LocaleSchema }),
  workspace: z.object({
    id: z.string(),
    name: z.string(),
    timezone: z.string(),
    /** Where a phone number typed without + is read (ISO alpha-2); null when none is chosen. */
    defaultCountry: z.string().nullable(),
  }),
  role: RoleSchema,
});
export type Me = z.infer<typeof MeSchema>;

export const MemberSchema = z.object({
  userId: z.string(),
  name: z.string(),
  email: z.string(),
  role: RoleSchema,
  joinedAt: z.string(),
  /** Set while an owner or admin has deactivated the member: they cannot sign in. */
  deactivatedAt: z.string().nullable(),
});
export type Member = z.infer<typeof MemberSchema>;

export const InviteRequestSchema = z.object({ email: EmailSchema, role: z.enum(['admin', 'agent']) });
export type InviteRequest = z.input<typeof InviteRequestSchema>;

export const InvitationSchema = z.object({
  id: z.string(),
  email: z.string(),
  role: RoleSchema,
  /** Link to share with the invitee; the token in it is shown only once. */
  url: z.string(),
  expiresAt: z.string(),
  /** Charla emailed the link too (SMTP is configured). */
  emailed: z.boolean().optional(),
});
export type Invitation = z.infer<typeof InvitationSchema>;

export const InvitationPreviewSchema = z.object({
  email: z.string(),
  role: RoleSchema,
  workspaceName: z.string(),
});
export type InvitationPreview = z.infer<typeof InvitationPreviewSchema>;

export const AcceptInvitationRequestSchema = z.object({
  name: z.string().trim().min(1).max(80),
  password: PasswordSchema,
  locale: LocaleSchema.default('es'),
});
export type AcceptInvitationRequest = z.input<typeof AcceptInvitationRequestSchema>;

export const UpdateMeRequestSchema = z.object({ locale: LocaleSchema });
export type UpdateMeRequest = z.input<typeof UpdateMeRequestSchema>;
