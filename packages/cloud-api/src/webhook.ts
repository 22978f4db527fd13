import { z } from 'zod';
import { WebhookErrorSchema } from './errors';
import { InboundMessageSchema } from './inbound-messages';
import { UnixSecondsSchema } from './inbound-parts';

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

/**
 * One event of a `calls` change (WhatsApp Business Calling API): `connect` when a call starts
 * ringing, `terminate` when it ends, with `status` (`COMPLETED`/`FAILED`, any case) and `duration`.
 */
export const CallEventSchema = z.looseObject({
  id: z.string(),
  from: z.string().optional(),
  to: z.string().optional(),
  event: z.string(),
  timestamp: UnixSecondsSchema,
  direction: z.string().optional(),
  status: z.string().optional(),
  duration: z.union([z.number(), z.string()]).optional(),
});
export type CallEvent = z.infer<typeof CallEventSchema>;

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
