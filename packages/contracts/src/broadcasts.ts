import { z } from 'zod';
import { ContactFiltersSchema, RejectedRowSchema, RejectParamsSchema } from './contacts';

/**
 * Broadcasts: one approved template sent to many contacts of one channel (WhatsApp number),
 * exactly once each, at the number's throughput and within its messaging-limit tier.
 */

/** Who receives it: contacts matching filters, a saved contact view, or an uploaded CSV. */
export const BroadcastAudienceSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('filters'), filters: ContactFiltersSchema }),
  z.object({ kind: z.literal('view'), viewId: z.string().min(1) }),
  z.object({ kind: z.literal('csv'), uploadId: z.string().min(1) }),
]);
export type BroadcastAudience = z.infer<typeof BroadcastAudienceSchema>;

/**
 * Where one template variable takes its value from: a contact attribute (`name`, `phone` or a
 * custom attribute key, or a column of the CSV upload) with a fallback used when the contact has
 * none, or a fixed text. An empty fallback means "skip contacts without a value".
 */
export const VariableSourceSchema = z.discriminatedUnion('source', [
  z.object({
    source: z.literal('attribute'),
    key: z.string().min(1).max(80),
    fallback: z.string().max(1024),
  }),
  z.object({ source: z.literal('text'), value: z.string().min(1).max(1024) }),
]);
export type VariableSource = z.infer<typeof VariableSourceSchema>;

/** Keys of `body` are the variable names (named) or positions (positional); of `buttons` the 0-based index. */
export const BroadcastVariablesSchema = z.object({
  header: VariableSourceSchema.nullable(),
  headerMediaId: z.string().nullable(),
  body: z.record(z.string(), VariableSourceSchema),
  buttons: z.record(z.string(), VariableSourceSchema),
});
export type BroadcastVariables = z.infer<typeof BroadcastVariablesSchema>;

export const BroadcastInputSchema = z.object({
  name: z.string().trim().min(1).max(120),
  channelId: z.string().min(1),
  templateId: z.string().min(1),
  audience: BroadcastAudienceSchema,
  variables: BroadcastVariablesSchema,
  /** An ISO instant; the web converts from the workspace timezone. Required for `schedule`. */
  scheduledAt: z.iso.datetime({ offset: true }).nullable(),
});
export type BroadcastInput = z.infer<typeof BroadcastInputSchema>;

export const BroadcastActionSchema = z.enum(['draft', 'schedule', 'send_now']);
export type BroadcastAction = z.infer<typeof BroadcastActionSchema>;

export const CreateBroadcastRequestSchema = BroadcastInputSchema.extend({ action: BroadcastActionSchema });
export type CreateBroadcastRequest = z.infer<typeof CreateBroadcastRequestSchema>;
/** Editing a draft or scheduled broadcast; `action` moves it between draft and scheduled. */
export const UpdateBroadcastRequestSchema = CreateBroadcastRequestSchema;
export type UpdateBroadcastRequest = z.infer<typeof UpdateBroadcastRequestSchema>;

export const BroadcastStatusSchema = z.enum([
  'draft',
  'scheduled',
  'preparing',
  'sending',
  'paused',
  /** The number's 24-hour messaging limit is used up; sending resumes as the window rolls. */
  'waiting_limit',
  'completed',
  'cancelled',
  'failed',
]);
export type BroadcastStatus = z.infer<typeof BroadcastStatusSchema>;

export const BroadcastCountsSchema = z.object({
  /** Recipients materialised (eligible contacts). */
  total: z.number().int(),
  excludedOptedOut: z.number().int(),
  excludedInvalid: z.number().int(),
  /**
   * Left out of a marketing broadcast because their consent is unknown, while the workspace sends
   * marketing only to opted-in contacts (`marketingOptedInOnly`): never sent.
   */
  excludedNoConsent: z.number().int(),
  /** Not sent yet (including in flight). */
  queued: z.number().int(),
  /** Accepted by WhatsApp (includes the delivered, read and replied ones). */
  sent: z.number().int(),
  delivered: z.number().int(),
  read: z.number().int(),
  replied: z.number().int(),
  failed: z.number().int(),
  /**
   * Limited by WhatsApp: refused (131049) because the customer already got too many marketing
   * messages from businesses. Not failures: Charla sends them again 24 h later (see
   * `limitedRetryAt`), and POST /api/broadcasts/:id/retry-limited sends them again at once.
   */
  limited: z.number().int(),
  /** Skipped: a variable had no value and no fallback, the contact left, or it was cancelled. */
  skipped: z.number().int(),
});
export type BroadcastCounts = z.infer<typeof BroadcastCountsSchema>;

export const FailureReasonCountSchema = z.object({
  code: z.number().int().nullable(),
  reason: z.string(),
  count: z.number().int(),
});
export type FailureReasonCount = z.infer<typeof FailureReasonCountSchema>;

export const BroadcastOutageSchema = z.object({
  /** WhatsApp's error code (`131016`, `2`...), null when WhatsApp could not be reached at all. */
  code: z.number().int().nullable(),
  reason: z.string(),
  since: z.string(),
  retryAt: z.string(),
});
export type BroadcastOutage = z.infer<typeof BroadcastOutageSchema>;

/** `pausedBy.code` of a broadcast paused because its number was disconnected (not a Meta code). */
export const NUMBER_DISCONNECTED_CODE = 0;

export const BroadcastSchema = z.object({
  id: z.string(),
  name: z.string(),
  channelId: z.string(),
  templateId: z.string(),
  templateName: z.string(),
  status: BroadcastStatusSchema,
  scheduledAt: z.string().nullable(),
  startedAt: z.string().nullable(),
  finishedAt: z.string().nullable(),
  createdAt: z.string(),
  audience: BroadcastAudienceSchema,
  variables: BroadcastVariablesSchema,
  /** The channel's cap in messages per second. */
  ratePerSecond: z.number().int(),
  counts: BroadcastCountsSchema,
  failuresByReason: z.array(FailureReasonCountSchema),
  /** Why the whole broadcast failed (status `failed`), e.g. the template was paused by Meta. */
  error: z.string().nullable(),
  /**
   * While `sending`: WhatsApp itself is failing (down, overloaded, unreachable), so the sender
   * has stopped and tries one message again at `retryAt`. Nobody's attempt is used up meanwhile.
   */
  outage: BroadcastOutageSchema.nullable(),
  /**
   * While `paused`: Charla paused it by itself because WhatsApp refused a send for a reason every
   * other recipient would hit too (the template paused or disabled, the token, the account). The
   * recipient it happened to is queued again; resume once the cause is fixed. Code
   * `NUMBER_DISCONNECTED_CODE` (0, never one of Meta's) means its number was disconnected in
   * Charla: reconnect it, then resume.
   */
  pausedBy: z.object({ code: z.number().int(), reason: z.string() }).nullable(),
  /**
   * When Charla next sends again, by itself, to recipients limited by WhatsApp (24 h after the
   * refusal, at most `LIMITED_AUTO_RETRIES` times each); null when none is waiting for that.
   */
  limitedRetryAt: z.string().nullable(),
});
export type Broadcast = z.infer<typeof BroadcastSchema>;

/** Automatic new attempts for a recipient limited by WhatsApp; after them it stays limited. */
export const LIMITED_AUTO_RETRIES = 2;
/** WhatsApp's advice after a 131049: wait at least this long before trying again (reference §7.8). */
export const LIMITED_RETRY_AFTER_HOURS = 24;

/** POST /api/broadcasts/:id/retry-limited: the limited recipients queued again at once. */
export const RetryLimitedResultSchema = z.object({
  /** Queued again: each gets one new message (a new send, at the number's pace and limits). */
  requeued: z.number().int(),
  /** Not sent again: the contact opted out or was deleted since. */
  skipped: z.number().int(),
  broadcast: BroadcastSchema,
});
export type RetryLimitedResult = z.infer<typeof RetryLimitedResultSchema>;

export const BroadcastListSchema = z.object({ items: z.array(BroadcastSchema) });
export type BroadcastList = z.infer<typeof BroadcastListSchema>;

export const AudiencePreviewRequestSchema = z.object({
  channelId: z.string().min(1),
  audience: BroadcastAudienceSchema,
  /** The template to send: a marketing one may leave out contacts whose consent is unknown. */
  templateId: z.string().optional(),
});
export type AudiencePreviewRequest = z.infer<typeof AudiencePreviewRequestSchema>;

export const AudiencePreviewSchema = z.object({
  /** Rows or contacts matched before exclusions. */
  total: z.number().int(),
  /** Who would receive it. */
  eligible: z.number().int(),
  optedOut: z.number().int(),
  /** No phone number, or one that is not valid E.164. */
  invalid: z.number().int(),
  /** The same contact more than once (CSV rows with the same number). */
  duplicates: z.number().int(),
  /** Among the contacts otherwise eligible, those who never said yes or no to marketing. */
  unknownConsent: z.number().int(),
  /**
   * The template is marketing and the workspace sends marketing only to opted-in contacts: the
   * `unknownConsent` ones are left out (not in `eligible`).
   */
  optedInOnly: z.boolean(),
  sample: z.array(z.object({ name: z.string().nullable(), phone: z.string() })),
});
export type AudiencePreview = z.infer<typeof AudiencePreviewSchema>;

export const CsvAudienceUploadSchema = z.object({
  uploadId: z.string(),
  /** Data rows in the file (header excluded). */
  rows: z.number().int(),
  valid: z.number().int(),
  invalid: z.number().int(),
  /** Column names besides the phone column; usable as attribute keys in variables. */
  columns: z.array(z.string()),
  /** `line` counts the header as line 1. */
  rejected: z.array(
    z.object({
      line: z.number().int(),
      /** In English; the web builds its own words from `code`, `value` and `params`. */
      reason: z.string(),
      code: RejectedRowSchema.shape.code.optional(),
      value: z.string().nullable().optional(),
      params: RejectParamsSchema.optional(),
    }),
  ),
});
export type CsvAudienceUpload = z.infer<typeof CsvAudienceUploadSchema>;

export const TestSendRequestSchema = z.object({
  channelId: z.string().min(1),
  templateId: z.string().min(1),
  variables: BroadcastVariablesSchema,
  /** E.164 or national with the workspace's country; attribute variables use their fallback. */
  phone: z.string().min(3).max(32),
});
export type TestSendRequest = z.infer<typeof TestSendRequestSchema>;

export const BroadcastRecipientStateSchema = z.enum([
  'queued',
  'sent',
  'delivered',
  'read',
  'replied',
  'failed',
  /** WhatsApp refused it for the customer's marketing cap (131049); sent again later. */
  'limited',
  'skipped',
]);
export type BroadcastRecipientState = z.infer<typeof BroadcastRecipientStateSchema>;

export const BroadcastRecipientSchema = z.object({
  id: z.string(),
  /** Null when the contact was deleted or merged after the broadcast. */
  contactId: z.string().nullable(),
  name: z.string().nullable(),
  phone: z.string(),
  state: BroadcastRecipientStateSchema,
  error: z.object({ code: z.number().int().nullable(), reason: z.string() }).nullable(),
  sentAt: z.string().nullable(),
  deliveredAt: z.string().nullable(),
  readAt: z.string().nullable(),
  repliedAt: z.string().nullable(),
  /** Limited: when Charla sends it again by itself; null when it will not (retries used up). */
  retryAt: z.string().nullable(),
});
export type BroadcastRecipient = z.infer<typeof BroadcastRecipientSchema>;

export const BroadcastRecipientListSchema = z.object({
  items: z.array(BroadcastRecipientSchema),
  nextCursor: z.string().nullable(),
  /**
   * The whole broadcast's counts, read at the same moment as these rows (so the two never
   * disagree); on the first page only, null on the pages after it.
   */
  counts: BroadcastCountsSchema.nullable(),
});
export type BroadcastRecipientList = z.infer<typeof BroadcastRecipientListSchema>;

export const BroadcastRecipientsQuerySchema = z.object({
  state: BroadcastRecipientStateSchema.optional(),
  cursor: z.string().optional(),
  limit: z.coerce.number().int().min(1).max(200).default(50),
});
export type BroadcastRecipientsQuery = z.infer<typeof BroadcastRecipientsQuerySchema>;

/**
 * A number's sending limits as a broadcast meets them: WhatsApp's messaging-limit tier (unique
 * business-initiated recipients per rolling 24 h for the number's account), how much of it
 * broadcasts used, Meta's throughput and the pace configured for the number.
 */
export const NumberLimitsSchema = z.object({
  channelId: z.string(),
  /** `TIER_50` … `TIER_100K`, `TIER_UNLIMITED`, `TIER_NOT_SET`; null when WhatsApp could not be asked. */
  tier: z.string().nullable(),
  /** Unique recipients per 24 h; null = unlimited or unknown. */
  allowance: z.number().int().nullable(),
  /** Contacts outside their 24 h window that broadcasts of this account reached in the last 24 h. */
  used: z.number().int(),
  /** What is left of the allowance now; null = no limit known. */
  remaining: z.number().int().nullable(),
  /** Messages per second WhatsApp allows the number (80 standard, 1,000 upgraded); null if unknown. */
  throughput: z.number().int().nullable(),
  /** The pace configured for the number (PUT …/rate, else the server default). */
  ratePerSecond: z.number().int(),
  /** What broadcasts actually go at: the pace, capped by the throughput. */
  effectiveRatePerSecond: z.number().int(),
});
export type NumberLimits = z.infer<typeof NumberLimitsSchema>;
