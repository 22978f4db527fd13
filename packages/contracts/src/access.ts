import { z } from 'zod';
import { EmailSchema, PasswordSchema, RoleSchema } from './auth';

/** What the sign-in page may offer: "forgot password" only when Charla can send email. */
export const AuthOptionsSchema = z.object({ passwordResetByEmail: z.boolean() });
export type AuthOptions = z.infer<typeof AuthOptionsSchema>;

/** Owners may make anyone owner; admins may set admin or agent, never touch an owner. */
export const ChangeRoleRequestSchema = z.object({ role: RoleSchema });
export type ChangeRoleRequest = z.input<typeof ChangeRoleRequestSchema>;

export const PendingInvitationSchema = z.object({
  id: z.string(),
  email: z.string(),
  role: RoleSchema,
  invitedBy: z.string().nullable(),
  createdAt: z.string(),
  expiresAt: z.string(),
});
export type PendingInvitation = z.infer<typeof PendingInvitationSchema>;

/** A one-time link for a member to choose a new password; `emailed` when Charla sent it too. */
export const PasswordResetLinkSchema = z.object({
  url: z.string(),
  expiresAt: z.string(),
  emailed: z.boolean(),
});
export type PasswordResetLink = z.infer<typeof PasswordResetLinkSchema>;

export const PasswordResetPreviewSchema = z.object({ email: z.string(), name: z.string() });
export type PasswordResetPreview = z.infer<typeof PasswordResetPreviewSchema>;

export const ResetPasswordRequestSchema = z.object({ password: PasswordSchema });
export type ResetPasswordRequest = z.input<typeof ResetPasswordRequestSchema>;

export const ForgotPasswordRequestSchema = z.object({ email: EmailSchema });
export type ForgotPasswordRequest = z.input<typeof ForgotPasswordRequestSchema>;

export const ChangePasswordRequestSchema = z.object({
  currentPassword: z.string().min(1).max(200),
  newPassword: PasswordSchema,
});
export type ChangePasswordRequest = z.input<typeof ChangePasswordRequestSchema>;

/** One signed-in browser of the caller. `id` is a public id, never the session's secret. */
export const MySessionSchema = z.object({
  id: z.string(),
  userAgent: z.string().nullable(),
  ip: z.string().nullable(),
  createdAt: z.string(),
  lastSeenAt: z.string().nullable(),
  isCurrent: z.boolean(),
});
export type MySession = z.infer<typeof MySessionSchema>;

export const TransferOwnershipResultSchema = z.object({
  /** The caller's role afterwards: ownership moves, the old owner stays on as admin. */
  role: RoleSchema,
});
export type TransferOwnershipResult = z.infer<typeof TransferOwnershipResultSchema>;
