import { z } from 'zod';

/**
 * WhatsApp message templates in Charla's terms (lower-case enums, camelCase fields); the
 * WhatsApp adapter maps them to Meta's upper-case wire format (reference §4). A template
 * belongs to one WhatsApp Business Account (WABA), which every number of that account shares.
 */
export const TemplateCategorySchema = z.enum(['marketing', 'utility', 'authentication']);
export type TemplateCategory = z.infer<typeof TemplateCategorySchema>;

/** `draft` is Charla's own (never submitted); the rest are Meta's statuses (§4.4). */
export const TemplateStatusSchema = z.enum([
  'draft',
  'pending',
  'approved',
  'rejected',
  'paused',
  'disabled',
  'in_appeal',
  'pending_deletion',
  'deleted',
  'limit_exceeded',
  'archived',
]);
export type TemplateStatus = z.infer<typeof TemplateStatusSchema>;

export const TemplateQualitySchema = z.enum(['green', 'yellow', 'red', 'unknown']);
export type TemplateQuality = z.infer<typeof TemplateQualitySchema>;

/** `{{first_name}}` (named) or `{{1}}` (positional); one format per template. */
export const ParameterFormatSchema = z.enum(['named', 'positional']);
export type ParameterFormat = z.infer<typeof ParameterFormatSchema>;

export const TemplateHeaderSchema = z.discriminatedUnion('format', [
  /** At most one variable; `example` is required when it has one. */
  z.object({ format: z.literal('text'), text: z.string(), example: z.string().nullable() }),
  /** The example is a Charla media id, uploaded to Meta as the review sample. */
  z.object({ format: z.enum(['image', 'video', 'document']), exampleMediaId: z.string().nullable() }),
  z.object({ format: z.literal('location') }),
]);
export type TemplateHeader = z.infer<typeof TemplateHeaderSchema>;

export const TemplateButtonSchema = z.discriminatedUnion('type', [
  z.object({ type: z.literal('quick_reply'), text: z.string() }),
  /** `url` may end in one `{{1}}`; `example` is then the full example URL suffix. */
  z.object({ type: z.literal('url'), text: z.string(), url: z.string(), example: z.string().nullable() }),
  z.object({ type: z.literal('phone_number'), text: z.string(), phoneNumber: z.string() }),
  z.object({ type: z.literal('copy_code'), example: z.string() }),
]);
export type TemplateButton = z.infer<typeof TemplateButtonSchema>;

/** What a person writes in the template editor; the body's variables take `bodyExamples`. */
export const TemplateDraftSchema = z.object({
  name: z.string(),
  language: z.string(),
  category: TemplateCategorySchema,
  parameterFormat: ParameterFormatSchema,
  header: TemplateHeaderSchema.nullable(),
  body: z.string(),
  /** Example per body variable, keyed by its name (`first_name`) or position (`1`). */
  bodyExamples: z.record(z.string(), z.string()),
  footer: z.string().nullable(),
  buttons: z.array(TemplateButtonSchema),
});
export type TemplateDraft = z.infer<typeof TemplateDraftSchema>;

export const TemplateSchema = TemplateDraftSchema.extend({
  id: z.string(),
  wabaId: z.string(),
  status: TemplateStatusSchema,
  /** Meta's reason code (`INVALID_FORMAT`...) and, when Meta gave one, its explanation. */
  rejection: z.object({ reason: z.string(), detail: z.string().nullable() }).nullable(),
  quality: TemplateQualitySchema,
  /** Meta's template id once submitted. */
  externalId: z.string().nullable(),
  submittedAt: z.string().nullable(),
  updatedAt: z.string(),
});
export type Template = z.infer<typeof TemplateSchema>;

/**
 * The values a send fills in. Keys are the variable names (named) or positions (positional).
 * `headerMediaId` is a Charla media id for an image/video/document header; `buttons` is keyed
 * by the button's 0-based index (URL suffix or copy code).
 */
export const TemplateValuesSchema = z.object({
  header: z.string().nullable(),
  headerMediaId: z.string().nullable(),
  body: z.record(z.string(), z.string()),
  buttons: z.record(z.string(), z.string()),
});
export type TemplateValues = z.infer<typeof TemplateValuesSchema>;

/** A template as it was sent: rendered with its values, so the thread shows what the customer saw. */
export const TemplateMessageSchema = z.object({
  templateId: z.string().nullable(),
  name: z.string(),
  language: z.string(),
  category: TemplateCategorySchema,
  parameterFormat: ParameterFormatSchema,
  headerFormat: z.enum(['text', 'image', 'video', 'document', 'location']).nullable(),
  /** The header text after substitution (text headers). */
  headerText: z.string().nullable(),
  /** The header's variable name or position, when it has one (a named send must repeat it). */
  headerParameter: z.string().nullable().optional(),
  body: z.string(),
  footer: z.string().nullable(),
  buttons: z.array(
    z.object({
      type: z.enum(['quick_reply', 'url', 'phone_number', 'copy_code']),
      text: z.string(),
      /** URL buttons: the link with its variable filled in. */
      url: z.string().optional(),
      /** Call buttons: the number it calls. */
      phoneNumber: z.string().optional(),
    }),
  ),
  values: TemplateValuesSchema,
});
export type TemplateMessage = z.infer<typeof TemplateMessageSchema>;
