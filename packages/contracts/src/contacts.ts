import { z } from 'zod';

export const ContactAttributeTypeSchema = z.enum(['text', 'number', 'date', 'boolean', 'list']);
export type ContactAttributeType = z.infer<typeof ContactAttributeTypeSchema>;

/** A custom field the workspace defines once; every contact's value is checked against its type. */
export const ContactAttributeDefinitionSchema = z.object({
  id: z.string(),
  /** Stable key used in the API, imports and exports (`plan`, `birthday`). */
  key: z.string(),
  label: z.string(),
  type: ContactAttributeTypeSchema,
  /** The allowed values of a `list` attribute; null for the other types. */
  options: z.array(z.string()).nullable(),
});
export type ContactAttributeDefinition = z.infer<typeof ContactAttributeDefinitionSchema>;

export const CreateContactAttributeRequestSchema = z.object({
  key: z
    .string()
    .regex(/^[a-z][a-z0-9_]{0,39}$/, 'lowercase letters, digits and _, starting with a letter (max 40)'),
  label: z.string().trim().min(1).max(80),
  type: ContactAttributeTypeSchema,
  options: z.array(z.string().trim().min(1).max(80)).min(1).max(100).optional(),
});
export type CreateContactAttributeRequest = z.infer<typeof CreateContactAttributeRequestSchema>;

/** Key and type never change (stored values, imports and filters rely on them). */
export const UpdateContactAttributeRequestSchema = z.object({
  label: CreateContactAttributeRequestSchema.shape.label.optional(),
  options: CreateContactAttributeRequestSchema.shape.options,
});
export type UpdateContactAttributeRequest = z.infer<typeof UpdateContactAttributeRequestSchema>;

/** text and list: string; number: number; date: `YYYY-MM-DD`; boolean: boolean. */
export const ContactAttributeValueSchema = z.union([z.string(), z.number(), z.boolean()]);
export type ContactAttributeValue = z.infer<typeof ContactAttributeValueSchema>;

export const OptInStateSchema = z.enum(['unknown', 'opted_in', 'opted_out']);
export type OptInState = z.infer<typeof OptInStateSchema>;
/** Who set the state: an import, an agent, the customer's keyword (BAJA, STOP...), or the REST API. */
/** `customer_keyword`: the customer wrote an opt-out/in keyword; `whatsapp`: Meta's user_preferences (stop/resume). */
export const OptInSourceSchema = z.enum(['import', 'agent', 'customer_keyword', 'api', 'whatsapp']);
export type OptInSource = z.infer<typeof OptInSourceSchema>;

/** One condition on a custom attribute; `value` is unused by `is_set` / `not_set`. */
export const AttributeFilterSchema = z.object({
  key: z.string(),
  op: z.enum(['eq', 'neq', 'contains', 'gt', 'gte', 'lt', 'lte', 'is_set', 'not_set']),
  value: ContactAttributeValueSchema.nullable(),
});
export type AttributeFilter = z.infer<typeof AttributeFilterSchema>;

/**
 * Which contacts: the contact list's filters, a saved contact view and a broadcast audience all
 * use this shape. Every given condition must hold; `tags` matches a contact with any of them.
 */
export const ContactFiltersSchema = z.object({
  q: z.string().optional(),
  tags: z.array(z.string()).optional(),
  attributes: z.array(AttributeFilterSchema).optional(),
  optIn: OptInStateSchema.optional(),
});
export type ContactFilters = z.infer<typeof ContactFiltersSchema>;

export const ContactSchema = z.object({
  id: z.string(),
  name: z.string().nullable(),
  /** The name the customer set in WhatsApp, when they have written. */
  profileName: z.string().nullable(),
  /** E.164, e.g. +34612345678 */
  phone: z.string().nullable(),
  waId: z.string().nullable(),
  /** WhatsApp's business-scoped user id (e.g. MX.1234…): how a customer without a shown phone is reached. */
  userId: z.string().nullable(),
  /** The customer's WhatsApp username, when they chose one. */
  username: z.string().nullable(),
  /** The ad the customer first came from (Click-to-WhatsApp `source_id` and `source_url`), if any. */
  adSource: z.object({ id: z.string().nullable(), url: z.string().nullable() }).nullable(),
  tags: z.array(z.string()),
  attributes: z.record(z.string(), ContactAttributeValueSchema),
  notes: z.string().nullable(),
  optIn: z.object({
    state: OptInStateSchema,
    source: OptInSourceSchema.nullable(),
    at: z.string().nullable(),
  }),
  createdAt: z.string(),
  updatedAt: z.string(),
});
export type Contact = z.infer<typeof ContactSchema>;

export const ContactListSchema = z.object({
  items: z.array(ContactSchema),
  nextCursor: z.string().nullable(),
  /** How many contacts match the search. */
  total: z.number().int(),
});
export type ContactList = z.infer<typeof ContactListSchema>;

export const ContactConversationSchema = z.object({
  id: z.string(),
  channelName: z.string(),
  status: z.string(),
  lastActivityAt: z.string(),
  lastMessageText: z.string().nullable(),
});
export type ContactConversation = z.infer<typeof ContactConversationSchema>;

export const ContactProfileSchema = ContactSchema.extend({
  conversations: z.array(ContactConversationSchema),
});
export type ContactProfile = z.infer<typeof ContactProfileSchema>;

export const UpdateContactRequestSchema = z.object({
  name: z.string().trim().max(200).nullable().optional(),
  tags: z.array(z.string().trim().min(1).max(50)).max(50).optional(),
  notes: z.string().max(5000).nullable().optional(),
  /** Merged into the current values; null removes one. */
  attributes: z.record(z.string(), ContactAttributeValueSchema.nullable()).optional(),
  /** Set by an agent (source `agent`). */
  optIn: z.enum(['opted_in', 'opted_out']).optional(),
});
export type UpdateContactRequest = z.infer<typeof UpdateContactRequestSchema>;

/** A contact added by hand (or by the API). */
export const CreateContactRequestSchema = z.object({
  /** Read in `country` (else the workspace's default country) unless it starts with + or 00. */
  phone: z.string().trim().min(1).max(40),
  /** ISO 3166 alpha-2 country a number without + is read in; the workspace's default when absent. */
  country: z
    .string()
    .regex(/^[A-Za-z]{2}$/)
    .transform((s) => s.toUpperCase())
    .optional(),
  name: z.string().trim().max(200).nullable().optional(),
  tags: z.array(z.string().trim().min(1).max(50)).max(50).optional(),
  notes: z.string().max(5000).nullable().optional(),
  attributes: z.record(z.string(), ContactAttributeValueSchema).optional(),
  /** Set by the member adding the contact (source `agent`); unknown when absent. */
  optIn: z.enum(['opted_in', 'opted_out']).optional(),
});
export type CreateContactRequest = z.input<typeof CreateContactRequestSchema>;

export const ContactImportStatusSchema = z.enum(['previewed', 'running', 'done', 'failed']);
export type ContactImportStatus = z.infer<typeof ContactImportStatusSchema>;

/** What the web needs to explain a rejected CSV row in the user's language. */
export const RejectParamsSchema = z.object({
  /** The default country a national number was read with. */
  country: z.string().optional(),
  /** The line where the same phone number first appeared. */
  firstLine: z.number().int().optional(),
  /** The attribute's label (or unknown key). */
  attribute: z.string().optional(),
  /** What the value should have been. */
  expected: z.enum(['text', 'number', 'date', 'boolean', 'list', 'yes_no']).optional(),
  /** The allowed values of a list attribute. */
  options: z.array(z.string()).optional(),
  /** `extra_fields`: how many columns the header has and how many the row has. */
  columns: z.number().int().optional(),
  found: z.number().int().optional(),
});
export type RejectParams = z.infer<typeof RejectParamsSchema>;

export const RejectedRowSchema = z.object({
  /** Line in the file (the header is line 1). */
  line: z.number().int(),
  code: z.enum([
    'invalid_phone',
    'missing_phone',
    'duplicate_in_file',
    'invalid_value',
    'unknown_attribute',
    /** More filled cells than the header has columns: a separator inside an unquoted value. */
    'extra_fields',
  ]),
  /** In English, for the API and the CSV of rejected rows; the web builds its own words from `code` and `params`. */
  reason: z.string(),
  /** The mapped column (or attribute key) at fault. */
  field: z.string().nullable(),
  value: z.string().nullable(),
  /** Absent in imports made before it existed. */
  params: RejectParamsSchema.optional(),
});
export type RejectedRow = z.infer<typeof RejectedRowSchema>;

export const ContactImportMappingSchema = z.object({
  /** Column name holding the phone number (required). */
  phone: z.string().min(1),
  name: z.string().min(1).optional(),
  /** Column of tags separated by `,`, `;` or `|`. */
  tags: z.string().min(1).optional(),
  /** Column saying whether the contact agreed to receive messages (yes/no, sí/no, true/false, 1/0). */
  optIn: z.string().min(1).optional(),
  /** Column name -> attribute key. */
  attributes: z.record(z.string(), z.string()).default({}),
});
export type ContactImportMapping = z.infer<typeof ContactImportMappingSchema>;

/**
 * An attribute made from an unmapped column when the import starts; `column` then maps to `key`.
 * Checked like a new attribute when the import starts (422 `invalid_new_attribute` naming the column).
 */
export const NewImportAttributeSchema = z.object({
  column: z.string().min(1).max(200),
  key: z.string().max(100),
  label: z.string().max(200),
  type: ContactAttributeTypeSchema,
  options: z.array(z.string().max(200)).max(200).optional(),
});
export type NewImportAttribute = z.infer<typeof NewImportAttributeSchema>;

export const StartContactImportRequestSchema = z.object({
  mapping: ContactImportMappingSchema,
  /** Created in the same transaction that starts the import (same role as creating attributes). */
  newAttributes: z.array(NewImportAttributeSchema).max(50).default([]),
  /** ISO 3166 alpha-2 country for numbers written without `+` (e.g. `ES`, `MX`). */
  defaultCountry: z
    .string()
    .regex(/^[A-Za-z]{2}$/)
    .transform((s) => s.toUpperCase()),
});
export type StartContactImportRequest = z.input<typeof StartContactImportRequestSchema>;

export const ContactImportSchema = z.object({
  id: z.string(),
  status: ContactImportStatusSchema,
  filename: z.string().nullable(),
  /** The header row. */
  columns: z.array(z.string()),
  /** The first rows after the header, for the mapping step. */
  sampleRows: z.array(z.array(z.string())),
  totalRows: z.number().int(),
  processedRows: z.number().int(),
  createdCount: z.number().int(),
  updatedCount: z.number().int(),
  rejectedCount: z.number().int(),
  /** Every rejected row, in file order. */
  rejected: z.array(RejectedRowSchema),
  error: z.string().nullable(),
  createdAt: z.string(),
  finishedAt: z.string().nullable(),
});
export type ContactImport = z.infer<typeof ContactImportSchema>;

/** `POST /api/contacts/:id/merge`: merge `sourceId` (B) into the contact in the path (A). */
export const MergeContactsRequestSchema = z.object({ sourceId: z.uuid() });
export type MergeContactsRequest = z.infer<typeof MergeContactsRequestSchema>;

/**
 * What a merge keeps: the contact A becomes (`result`), and how many conversations and messages
 * move from B. `conflicts` names the channels where both have a conversation (B's messages join
 * A's thread there).
 */
export const ContactMergePreviewSchema = z.object({
  target: ContactSchema,
  source: ContactSchema,
  result: ContactSchema,
  movedConversations: z.number().int(),
  movedMessages: z.number().int(),
  joinedChannels: z.array(z.string()),
});
export type ContactMergePreview = z.infer<typeof ContactMergePreviewSchema>;

/** Erasing a contact for good: its phone number or name typed back, as shown. */
export const EraseContactRequestSchema = z.object({
  confirm: z.string().trim().min(1).max(200),
});
export type EraseContactRequest = z.infer<typeof EraseContactRequestSchema>;

/** What an erasure removed (the contact itself, and these). */
export const EraseContactResultSchema = z.object({
  conversations: z.number().int(),
  messages: z.number().int(),
  files: z.number().int(),
  /** Broadcast recipient rows kept for the counts, without the phone number or the values. */
  broadcastRecipients: z.number().int(),
});
export type EraseContactResult = z.infer<typeof EraseContactResultSchema>;
