import { z } from 'zod';

/** Longest text body Meta accepts (§2.3). */
export const TEXT_BODY_MAX_LENGTH = 4096;

const envelopeShape = {
  messaging_product: z.literal('whatsapp'),
  recipient_type: z.enum(['individual', 'group']).optional(),
  to: z.string().optional(),
  recipient: z.string().optional(),
  context: z.object({ message_id: z.string() }).optional(),
  biz_opaque_callback_data: z.string().max(512).optional(),
};

/** Send-text request (§2.1 + §2.3). */
export const SendTextRequestSchema = z.object({
  ...envelopeShape,
  type: z.literal('text'),
  text: z.object({
    body: z.string().min(1).max(TEXT_BODY_MAX_LENGTH),
    preview_url: z.boolean().optional(),
  }),
});
export type SendTextRequest = z.infer<typeof SendTextRequestSchema>;

// Only text is fully typed for now; the other types keep their payload as an opaque object so the
// envelope is already usable for them and later issues can tighten one type at a time.
const OPAQUE_TYPES = [
  'image',
  'audio',
  'video',
  'document',
  'sticker',
  'location',
  'contacts',
  'interactive',
  'template',
  'reaction',
] as const;
export type OpaqueOutboundType = (typeof OPAQUE_TYPES)[number];

const OpaqueOutboundMessageSchema = z.looseObject({
  ...envelopeShape,
  type: z.enum(OPAQUE_TYPES),
});

/** General outbound message envelope (§2.1); the payload sits under the key named by `type`. */
export const OutboundMessageSchema = z.discriminatedUnion('type', [
  SendTextRequestSchema,
  OpaqueOutboundMessageSchema,
]);
export type OutboundMessage = z.infer<typeof OutboundMessageSchema>;

/** Mark-as-read, optionally with a typing indicator (§2.10). */
export const MarkReadRequestSchema = z.object({
  messaging_product: z.literal('whatsapp'),
  status: z.literal('read'),
  message_id: z.string(),
  typing_indicator: z.object({ type: z.literal('text') }).optional(),
});
export type MarkReadRequest = z.infer<typeof MarkReadRequestSchema>;

export const MarkReadResponseSchema = z.looseObject({ success: z.boolean() });
export type MarkReadResponse = z.infer<typeof MarkReadResponseSchema>;

/** 200 from POST /messages: accepted, not delivered (§2.2). */
export const SendMessageResponseSchema = z.looseObject({
  messaging_product: z.literal('whatsapp'),
  contacts: z.array(
    z.looseObject({
      input: z.string(),
      wa_id: z.string().optional(),
      user_id: z.string().optional(),
    }),
  ),
  messages: z
    .array(
      z.looseObject({
        id: z.string().startsWith('wamid.'),
        message_status: z.enum(['accepted', 'held_for_quality_assessment', 'paused']).optional(),
        group_id: z.string().optional(),
      }),
    )
    .min(1),
});
export type SendMessageResponse = z.infer<typeof SendMessageResponseSchema>;

/** GET /{phone-number-id}?fields=display_phone_number,verified_name,quality_rating */
export const PhoneNumberInfoSchema = z.looseObject({
  id: z.string(),
  display_phone_number: z.string(),
  verified_name: z.string().optional(),
  quality_rating: z.string().optional(),
});
export type PhoneNumberInfo = z.infer<typeof PhoneNumberInfoSchema>;
