import { z } from 'zod';
import { ContactAttributeValueSchema, UpdateContactRequestSchema } from './contacts';

/** PATCH /api/v1/contacts/:id: what the app's contact page edits, but consent (its own routes). */
export const ApiUpdateContactRequestSchema = UpdateContactRequestSchema.omit({ optIn: true });
export type ApiUpdateContactRequest = z.infer<typeof ApiUpdateContactRequestSchema>;

/** PATCH /api/v1/contacts/:id/attributes: merged into the current values; null removes one. */
export const ApiContactAttributesRequestSchema = z.record(
  z.string().max(40),
  ContactAttributeValueSchema.nullable(),
);
export type ApiContactAttributesRequest = z.infer<typeof ApiContactAttributesRequestSchema>;

/** POST /api/v1/contacts/:id/tags: put on besides the ones it has (compared without case). */
export const ApiAddTagsRequestSchema = z.object({
  tags: z.array(z.string().trim().min(1).max(50)).min(1).max(50),
});
export type ApiAddTagsRequest = z.infer<typeof ApiAddTagsRequestSchema>;

/** The most contacts one POST /api/v1/contacts/bulk takes. */
export const MAX_BULK_CONTACTS = 1000;

/** One row of a bulk upsert: the contact is found by its number in any of its forms. */
export const ApiBulkContactSchema = z.object({
  phone: z
    .string()
    .trim()
    .min(1)
    .max(40)
    .meta({ description: "E.164 (+5215512345678), or national in the workspace's default country" }),
  name: z.string().trim().max(200).nullable().optional(),
  /** Added to the tags the contact has. */
  tags: z.array(z.string().trim().min(1).max(50)).max(50).optional(),
  /** Merged into the contact's values. */
  attributes: z.record(z.string().max(40), ContactAttributeValueSchema).optional(),
  /** Consent (source `api`); a customer's own opt-out keyword is never overridden by `opted_in`. */
  optIn: z.enum(['opted_in', 'opted_out']).optional(),
});
export type ApiBulkContact = z.infer<typeof ApiBulkContactSchema>;

export const ApiBulkContactsRequestSchema = z.object({
  contacts: z
    .array(ApiBulkContactSchema)
    .min(1)
    .max(MAX_BULK_CONTACTS, `At most ${MAX_BULK_CONTACTS} contacts per request; split the list`),
});
export type ApiBulkContactsRequest = z.infer<typeof ApiBulkContactsRequestSchema>;

/** What became of one row, in the order sent (`index` from 0). */
export const ApiBulkContactResultSchema = z.object({
  index: z.number().int(),
  status: z.enum(['created', 'updated', 'rejected']),
  /** Null when rejected. */
  contactId: z.uuid().nullable(),
  /** The number in E.164 as stored; null when it could not be read. */
  phone: z.string().nullable(),
  /** When rejected: `invalid_phone`, `duplicate_in_request`, `unknown_attribute` or `invalid_value`. */
  code: z.string().nullable(),
  reason: z.string().nullable(),
  field: z.string().nullable().meta({ description: 'The field at fault, e.g. `attributes.plan`' }),
});
export type ApiBulkContactResult = z.infer<typeof ApiBulkContactResultSchema>;

export const ApiBulkContactsResultSchema = z.object({
  created: z.number().int(),
  updated: z.number().int(),
  rejected: z.number().int(),
  results: z.array(ApiBulkContactResultSchema),
});
export type ApiBulkContactsResult = z.infer<typeof ApiBulkContactsResultSchema>;
