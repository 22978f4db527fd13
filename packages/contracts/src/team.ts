import { z } from 'zod';
import { CountryCodeSchema, TimeZoneNameSchema } from './auth';

export const TeamSchema = z.object({
  id: z.string(),
  name: z.string(),
  /** Member user ids. */
  memberIds: z.array(z.string()),
});
export type Team = z.infer<typeof TeamSchema>;

export const TeamRequestSchema = z.object({
  name: z.string().trim().min(1).max(60),
  memberIds: z.array(z.uuid()).max(500).default([]),
});
export type TeamRequest = z.input<typeof TeamRequestSchema>;

/** all: agents see every conversation; assigned: only those assigned to them or to their teams. */
export const ConversationVisibilitySchema = z.enum(['all', 'assigned']);
export type ConversationVisibility = z.infer<typeof ConversationVisibilitySchema>;

export const WorkspaceSettingsSchema = z.object({
  conversationVisibility: ConversationVisibilitySchema,
  /** New conversations go round robin to online members of `autoAssignTeamId` (any agent when null). */
  autoAssign: z.boolean(),
  autoAssignTeamId: z.string().nullable(),
  /** Members with this many open or pending conversations are skipped. */
  autoAssignCap: z.number().int().min(1).max(1000),
  /** A customer message that is exactly one of these (any case, accents, spaces) opts them out. */
  optOutKeywords: z.array(z.string().trim().min(1).max(40)).max(30),
  /** ...and one of these opts them back in. */
  optInKeywords: z.array(z.string().trim().min(1).max(40)).max(30),
  /** Confirm it to the customer with a short reply (in the owner's language). */
  optOutAutoReply: z.boolean(),
  /** IANA zone the team works in: scheduled broadcasts and their times are shown in it. */
  timezone: TimeZoneNameSchema,
  /** Marketing broadcasts go only to contacts who opted in; those whose consent is unknown are left out. */
  marketingOptedInOnly: z.boolean(),
  /**
   * ISO 3166 alpha-2 country (`MX`) a phone number typed without + is read in (contacts added by
   * hand, imports, phone fields); null when none is chosen. Proposed at setup from the time zone.
   */
  defaultCountry: CountryCodeSchema.nullable(),
  /**
   * Ask the customer to rate a conversation (1-5, then an optional comment) when a member resolves
   * it: as a list inside the 24-hour window, as `csatTemplateId` after it.
   */
  csatEnabled: z.boolean(),
  /** An approved template of the workspace; null: no survey once the window has closed. */
  csatTemplateId: z.string().uuid().nullable(),
});
export type WorkspaceSettings = z.infer<typeof WorkspaceSettingsSchema>;

export const UpdateWorkspaceSettingsRequestSchema = WorkspaceSettingsSchema.partial();
export type UpdateWorkspaceSettingsRequest = z.input<typeof UpdateWorkspaceSettingsRequestSchema>;
