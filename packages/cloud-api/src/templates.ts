import { z } from 'zod';

/** §4.3 limits, shared by the simulator's validation and by anyone who wants to warn early. */
export const TEMPLATE_LIMITS = {
  name: 512,
  headerText: 60,
  body: 1024,
  footer: 60,
  buttons: 10,
  quickReplyButtons: 10,
  urlButtons: 2,
  phoneNumberButtons: 1,
  copyCodeButtons: 1,
  buttonText: 25,
  phoneNumber: 20,
  url: 2000,
  copyCodeExample: 20,
  templatesPerWaba: 250,
  creationsPerHour: 100,
} as const;

export const TEMPLATE_NAME_PATTERN = /^[a-z0-9_]{1,512}$/;
export const TEMPLATE_CATEGORIES = ['MARKETING', 'UTILITY', 'AUTHENTICATION'] as const;
export type TemplateCategory = (typeof TEMPLATE_CATEGORIES)[number];
/** §4.4 statuses a template can have (webhook events add FLAGGED, REINSTATED, LOCKED, UNARCHIVED). */
export const TEMPLATE_STATUSES = [
  'APPROVED',
  'PENDING',
  'REJECTED',
  'PAUSED',
  'DISABLED',
  'IN_APPEAL',
  'PENDING_DELETION',
  'DELETED',
  'LIMIT_EXCEEDED',
  'ARCHIVED',
] as const;
export type TemplateStatus = (typeof TEMPLATE_STATUSES)[number];
export const TEMPLATE_REJECTION_REASONS = [
  'ABUSIVE_CONTENT',
  'CATEGORY_NOT_AVAILABLE',
  'INCORRECT_CATEGORY',
  'INVALID_FORMAT',
  'NONE',
  'PROMOTIONAL',
  'SCAM',
  'TAG_CONTENT_MISMATCH',
] as const;
export const TEMPLATE_QUALITY_SCORES = ['GREEN', 'YELLOW', 'RED', 'UNKNOWN'] as const;
export type TemplateQualityScore = (typeof TEMPLATE_QUALITY_SCORES)[number];

// Meta accepts lower- or upper-case `type`/`format` and answers upper-case (§4.2).
const upper = <const T extends readonly [string, ...string[]]>(values: T) =>
  z.preprocess((value) => (typeof value === 'string' ? value.toUpperCase() : value), z.enum(values));

const NamedParamExampleSchema = z.looseObject({ param_name: z.string(), example: z.string() });

export const TemplateHeaderComponentSchema = z.looseObject({
  type: upper(['HEADER']),
  format: upper(['TEXT', 'IMAGE', 'VIDEO', 'DOCUMENT', 'GIF', 'LOCATION']),
  text: z.string().optional(),
  example: z
    .looseObject({
      header_text: z.array(z.string()).optional(),
      header_text_named_params: z.array(NamedParamExampleSchema).optional(),
      header_handle: z.array(z.string()).optional(),
    })
    .optional(),
});

export const TemplateBodyComponentSchema = z.looseObject({
  type: upper(['BODY']),
  text: z.string(),
  example: z
    .looseObject({
      /** Positional: one nested array of values (§4.2). */
      body_text: z.array(z.array(z.string())).optional(),
      body_text_named_params: z.array(NamedParamExampleSchema).optional(),
    })
    .optional(),
});

export const TemplateFooterComponentSchema = z.looseObject({ type: upper(['FOOTER']), text: z.string() });

export const TemplateButtonSchema = z.looseObject({
  type: upper(['QUICK_REPLY', 'URL', 'PHONE_NUMBER', 'COPY_CODE', 'FLOW', 'OTP', 'CATALOG', 'MPM']),
  text: z.string().optional(),
  url: z.string().optional(),
  phone_number: z.string().optional(),
  /** URL button: the value of its one variable; COPY_CODE: the example code. */
  example: z.union([z.array(z.string()), z.string()]).optional(),
});
export type TemplateButton = z.infer<typeof TemplateButtonSchema>;

export const TemplateButtonsComponentSchema = z.looseObject({
  type: upper(['BUTTONS']),
  buttons: z.array(TemplateButtonSchema),
});

export const TemplateComponentSchema = z.union([
  TemplateHeaderComponentSchema,
  TemplateBodyComponentSchema,
  TemplateFooterComponentSchema,
  TemplateButtonsComponentSchema,
]);
export type TemplateComponent = z.infer<typeof TemplateComponentSchema>;
export type TemplateHeaderComponent = z.infer<typeof TemplateHeaderComponentSchema>;
export type TemplateBodyComponent = z.infer<typeof TemplateBodyComponentSchema>;

export const TemplateParameterFormatSchema = upper(['NAMED', 'POSITIONAL']);

/** POST /{WABA_ID}/message_templates (§4.2). */
export const CreateTemplateRequestSchema = z.looseObject({
  name: z.string(),
  language: z.string(),
  category: upper(TEMPLATE_CATEGORIES),
  parameter_format: TemplateParameterFormatSchema.optional(),
  message_send_ttl_seconds: z.number().int().optional(),
  allow_category_change: z.boolean().optional(),
  components: z.array(TemplateComponentSchema),
});
export type CreateTemplateRequest = z.input<typeof CreateTemplateRequestSchema>;

export const CreateTemplateResponseSchema = z.looseObject({
  id: z.string(),
  status: z.string(),
  category: z.string(),
});
export type CreateTemplateResponse = z.infer<typeof CreateTemplateResponseSchema>;

/** POST /{TEMPLATE_ID} (§4.1): components replace all of them. */
export const EditTemplateRequestSchema = z.looseObject({
  category: upper(TEMPLATE_CATEGORIES).optional(),
  components: z.array(TemplateComponentSchema).optional(),
  message_send_ttl_seconds: z.number().int().optional(),
  parameter_format: TemplateParameterFormatSchema.optional(),
});
export type EditTemplateRequest = z.input<typeof EditTemplateRequestSchema>;

/** One template as list / get-one answers it; every field is optional because `fields` picks them. */
export const TemplateInfoSchema = z.looseObject({
  id: z.string(),
  name: z.string().optional(),
  language: z.string().optional(),
  status: z.string().optional(),
  category: z.string().optional(),
  sub_category: z.string().optional(),
  parameter_format: z.string().optional(),
  components: z.array(z.looseObject({ type: z.string() })).optional(),
  correct_category: z.string().optional(),
  previous_category: z.string().optional(),
  rejected_reason: z.string().optional(),
  quality_score: z.looseObject({ score: z.string() }).optional(),
  message_send_ttl_seconds: z.number().optional(),
  source: z.string().optional(),
});
export type TemplateInfo = z.infer<typeof TemplateInfoSchema>;

export const TemplateListSchema = z.looseObject({
  data: z.array(TemplateInfoSchema),
  paging: z
    .looseObject({
      cursors: z.looseObject({ before: z.string().optional(), after: z.string().optional() }).optional(),
      /** Present only when another page follows. */
      next: z.string().optional(),
    })
    .optional(),
});
export type TemplateList = z.infer<typeof TemplateListSchema>;

export const SuccessResponseSchema = z.looseObject({ success: z.boolean() });
export type SuccessResponse = z.infer<typeof SuccessResponseSchema>;

/** Resumable Upload (§3.4): the session, then the handle a media header example uses. */
export const UploadSessionSchema = z.looseObject({ id: z.string().startsWith('upload:') });
export const UploadHandleSchema = z.looseObject({ h: z.string().min(1) });

export const THROUGHPUT_LEVELS = ['STANDARD', 'HIGH', 'NOT_APPLICABLE'] as const;
export type ThroughputLevel = (typeof THROUGHPUT_LEVELS)[number];
export const MESSAGING_LIMIT_TIERS = [
  'TIER_50',
  'TIER_250',
  'TIER_2K',
  'TIER_10K',
  'TIER_100K',
  'TIER_UNLIMITED',
  'TIER_NOT_SET',
] as const;
export type MessagingLimitTier = (typeof MESSAGING_LIMIT_TIERS)[number];

/** GET /{PHONE_NUMBER_ID}?fields=throughput,whatsapp_business_manager_messaging_limit (§7.4, §7.7). */
export const PhoneNumberLimitsResponseSchema = z.looseObject({
  throughput: z.looseObject({ level: z.enum(THROUGHPUT_LEVELS) }),
  whatsapp_business_manager_messaging_limit: z.enum(MESSAGING_LIMIT_TIERS),
});
export type PhoneNumberLimits = { throughput: ThroughputLevel; messagingLimit: MessagingLimitTier };
