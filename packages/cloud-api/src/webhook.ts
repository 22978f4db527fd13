import { z } from 'zod';
import { WebhookErrorSchema } from './errors';

/** Webhook timestamps are strings of unix seconds (§5.3). */
export const UnixSecondsSchema = z.string().regex(/^\d+$/, 'expected a string of unix seconds');

export const WebhookMetadataSchema = z.looseObject({
  display_phone_number: z.string(),
  phone_number_id: z.string(),
});
export type WebhookMetadata = z.infer<typeof WebhookMetadataSchema>;

/** `wa_id` may be absent for username (BSUID-only) users (§5.3). */
export const WebhookContactSchema = z.looseObject({
  profile: z.looseObject({ name: z.string().optional(), username: z.string().optional() }).optional(),
  wa_id: z.string().optional(),
  user_id: z.string().optional(),
  parent_user_id: z.string().optional(),
  identity_key_hash: z.string().optional(),
});
export type WebhookContact = z.infer<typeof WebhookContactSchema>;

const inboundBaseShape = {
  id: z.string(),
  timestamp: UnixSecondsSchema,
  // Absent for BSUID-only senders and some system messages.
  from: z.string().optional(),
  from_user_id: z.string().optional(),
  from_parent_user_id: z.string().optional(),
  context: z.looseObject({ from: z.string().optional(), id: z.string().optional() }).optional(),
  referral: z.looseObject({}).optional(),
  errors: z.array(WebhookErrorSchema).optional(),
};

export const TextInboundMessageSchema = z.looseObject({
  ...inboundBaseShape,
  type: z.literal('text'),
  text: z.looseObject({ body: z.string() }),
});
export type TextInboundMessage = z.infer<typeof TextInboundMessageSchema>;

/** Inbound types documented in §5.4 that are accepted loosely until a later issue types them. */
export const LOOSE_INBOUND_TYPES = [
  'image',
  'video',
  'document',
  'sticker',
  'audio',
  'location',
  'contacts',
  'button',
  'interactive',
  'reaction',
  'order',
  'system',
  'unsupported',
  'request_welcome',
  'edit',
  'revoke',
] as const;
export type LooseInboundType = (typeof LOOSE_INBOUND_TYPES)[number];

export const LooseInboundMessageSchema = z.looseObject({
  ...inboundBaseShape,
  type: z.enum(LOOSE_INBOUND_TYPES),
});
export type LooseInboundMessage = z.infer<typeof LooseInboundMessageSchema>;

/**
 * A message whose `type` this package does not know yet. It is kept, never dropped: `unknownType`
 * is the wire type and `raw` the untouched object, so nothing is lost when Meta adds a type.
 */
export const UnknownInboundMessageSchema = z.object({
  ...inboundBaseShape,
  type: z.literal('unknown'),
  unknownType: z.string(),
  raw: z.record(z.string(), z.unknown()),
});
export type UnknownInboundMessage = z.infer<typeof UnknownInboundMessageSchema>;

const knownInboundTypes = new Set<string>(['text', ...LOOSE_INBOUND_TYPES]);

// Rewrites an unknown type into the `unknown` variant before validation so that a known type with a
// bad payload still fails with a precise path instead of silently falling into the catch-all.
function tagUnknownType(input: unknown): unknown {
  if (typeof input !== 'object' || input === null || Array.isArray(input)) return input;
  const raw = input as Record<string, unknown>;
  if (typeof raw.type !== 'string' || knownInboundTypes.has(raw.type)) return input;
  return { ...raw, type: 'unknown', unknownType: raw.type, raw };
}

export const InboundMessageSchema = z.preprocess(
  tagUnknownType,
  z.discriminatedUnion('type', [
    TextInboundMessageSchema,
    LooseInboundMessageSchema,
    UnknownInboundMessageSchema,
  ]),
);
export type InboundMessage = z.infer<typeof InboundMessageSchema>;

export const MESSAGE_STATUSES = ['sent', 'delivered', 'read', 'failed', 'played', 'deleted'] as const;

export const ConversationSchema = z.looseObject({
  id: z.string(),
  expiration_timestamp: UnixSecondsSchema.optional(),
  origin: z.looseObject({ type: z.string() }).optional(),
});

export const PricingSchema = z.looseObject({
  billable: z.boolean().optional(),
  pricing_model: z.string(),
  type: z.string().optional(),
  category: z.string(),
});

/** Status update for a message the business sent (§5.5). */
export const MessageStatusUpdateSchema = z.looseObject({
  id: z.string(),
  status: z.enum(MESSAGE_STATUSES),
  timestamp: UnixSecondsSchema,
  recipient_id: z.string().optional(),
  recipient_user_id: z.string().optional(),
  recipient_type: z.string().optional(),
  biz_opaque_callback_data: z.string().optional(),
  conversation: ConversationSchema.optional(),
  pricing: PricingSchema.optional(),
  errors: z.array(WebhookErrorSchema).optional(),
});
export type MessageStatusUpdate = z.infer<typeof MessageStatusUpdateSchema>;

/** `value` of a change whose field is `messages` (§5.3). */
export const MessagesWebhookValueSchema = z.looseObject({
  messaging_product: z.literal('whatsapp'),
  metadata: WebhookMetadataSchema,
  contacts: z.array(WebhookContactSchema).optional(),
  messages: z.array(InboundMessageSchema).optional(),
  statuses: z.array(MessageStatusUpdateSchema).optional(),
  errors: z.array(WebhookErrorSchema).optional(),
});
export type MessagesWebhookValue = z.infer<typeof MessagesWebhookValueSchema>;

/** Any webhook POST: the value is left opaque here because its shape depends on `field` (§5.7). */
export const WebhookEnvelopeSchema = z.looseObject({
  object: z.literal('whatsapp_business_account'),
  entry: z.array(
    z.looseObject({
      id: z.string(),
      time: z.number().optional(),
      changes: z.array(z.looseObject({ field: z.string(), value: z.unknown() })),
    }),
  ),
});
export type WebhookEnvelope = z.infer<typeof WebhookEnvelopeSchema>;

/** A webhook POST carrying only `messages` changes; what the simulator builds. */
export const MessagesWebhookEnvelopeSchema = z.object({
  object: z.literal('whatsapp_business_account'),
  entry: z.array(
    z.object({
      id: z.string(),
      changes: z.array(z.object({ field: z.literal('messages'), value: MessagesWebhookValueSchema })),
    }),
  ),
});
export type MessagesWebhookEnvelope = z.infer<typeof MessagesWebhookEnvelopeSchema>;
