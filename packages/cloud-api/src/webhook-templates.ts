import { z } from 'zod';
import { WebhookContactSchema, WebhookMetadataSchema } from './webhook';

// Meta sends template ids as numbers in these webhooks (§4.5) but as strings everywhere else.
const TemplateIdSchema = z.union([z.number(), z.string().min(1)]);

const templateRef = {
  message_template_id: TemplateIdSchema,
  message_template_name: z.string(),
  message_template_language: z.string(),
};

/** `message_template_status_update` value (§4.5): APPROVED, REJECTED + reason, PAUSED, DISABLED… */
export const TemplateStatusUpdateValueSchema = z.looseObject({
  event: z.string(),
  ...templateRef,
  reason: z.string().nullable().optional(),
  message_template_category: z.string().optional(),
  rejection_info: z.looseObject({ reason: z.string(), recommendation: z.string().optional() }).optional(),
  disable_info: z.looseObject({ disable_date: z.union([z.number(), z.string()]) }).optional(),
  other_info: z.looseObject({ title: z.string(), description: z.string().optional() }).optional(),
});
export type TemplateStatusUpdateValue = z.infer<typeof TemplateStatusUpdateValueSchema>;

/** `message_template_quality_update` value (§4.5). */
export const TemplateQualityUpdateValueSchema = z.looseObject({
  ...templateRef,
  previous_quality_score: z.string(),
  new_quality_score: z.string(),
});
export type TemplateQualityUpdateValue = z.infer<typeof TemplateQualityUpdateValueSchema>;

/** `template_category_update` value: a completed change or an impending one (§4.5). */
export const TemplateCategoryUpdateValueSchema = z.looseObject({
  ...templateRef,
  previous_category: z.string().optional(),
  new_category: z.string().optional(),
  correct_category: z.string().optional(),
  category_update_timestamp: z.number().optional(),
});
export type TemplateCategoryUpdateValue = z.infer<typeof TemplateCategoryUpdateValueSchema>;

export const TEMPLATE_WEBHOOK_FIELDS = [
  'message_template_status_update',
  'message_template_quality_update',
  'template_category_update',
] as const;
export type TemplateWebhookField = (typeof TEMPLATE_WEBHOOK_FIELDS)[number];

export const TEMPLATE_WEBHOOK_VALUE_SCHEMAS = {
  message_template_status_update: TemplateStatusUpdateValueSchema,
  message_template_quality_update: TemplateQualityUpdateValueSchema,
  template_category_update: TemplateCategoryUpdateValueSchema,
} as const;

type TemplateEventBase = {
  /** `entry[].time` (unix seconds) when Meta sent one. */
  time: number | null;
  /** `message_template_id` as a string, like the id `createTemplate` returned. */
  templateId: string;
};

/** One template webhook, typed by its field. */
export type TemplateWebhookEvent =
  | (TemplateEventBase & { field: 'message_template_status_update'; value: TemplateStatusUpdateValue })
  | (TemplateEventBase & { field: 'message_template_quality_update'; value: TemplateQualityUpdateValue })
  | (TemplateEventBase & { field: 'template_category_update'; value: TemplateCategoryUpdateValue });

/** One marketing opt-out/in (§5.7): `value` is `stop`, `resume` (or `signup`). */
export const UserPreferenceSchema = z.looseObject({
  wa_id: z.string(),
  detail: z.string().optional(),
  category: z.string(),
  value: z.string(),
  timestamp: z.union([z.number(), z.string()]),
  signup_id: z.string().optional(),
});
export type UserPreference = z.infer<typeof UserPreferenceSchema>;

/** `user_preferences` value: messages-like, with metadata (§5.7). */
export const UserPreferencesValueSchema = z.looseObject({
  messaging_product: z.literal('whatsapp'),
  metadata: WebhookMetadataSchema,
  contacts: z.array(WebhookContactSchema).optional(),
  // Items are read one by one (parseWebhook): one broken item is skipped, not the whole body.
  user_preferences: z.array(z.unknown()),
});
export type UserPreferencesValue = z.infer<typeof UserPreferencesValueSchema>;

/** A whole template-webhook POST, as the simulator builds it (WABA-level: `time`, no metadata). */
export type TemplateWebhookEnvelope = {
  object: 'whatsapp_business_account';
  entry: { id: string; time: number; changes: { field: TemplateWebhookField; value: unknown }[] }[];
};

export function isTemplateField(field: string): field is TemplateWebhookField {
  return (TEMPLATE_WEBHOOK_FIELDS as readonly string[]).includes(field);
}
