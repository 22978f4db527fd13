import { z } from 'zod';
import {
  OUTBOUND_LIMITS,
  OutboundAudioSchema,
  OutboundContactsSchema,
  OutboundDocumentSchema,
  OutboundImageSchema,
  OutboundLocationSchema,
  OutboundReactionSchema,
  OutboundStickerSchema,
  OutboundTextSchema,
  OutboundVideoSchema,
} from './outbound-content';
import { OutboundInteractiveSchema } from './outbound-interactive';
import { OutboundTemplateSchema } from './outbound-template';

/** Longest text body Meta accepts (§2.3). */
export const TEXT_BODY_MAX_LENGTH = OUTBOUND_LIMITS.textBody;

const envelopeShape = {
  messaging_product: z.literal('whatsapp'),
  recipient_type: z.enum(['individual', 'group']).optional(),
  /** Phone number; `+`, spaces, dashes and parentheses are fine (§2.1). */
  to: z.string().optional(),
  /** BSUID instead of a phone number; `to` wins when both are sent. */
  recipient: z.string().optional(),
  /** Makes the message a quoted reply (§2.1); never on a reaction. */
  context: z.strictObject({ message_id: z.string().min(1) }).optional(),
  biz_opaque_callback_data: z.string().max(OUTBOUND_LIMITS.bizOpaqueCallbackData).optional(),
};

const member = <T extends string, S extends z.ZodType>(type: T, payload: S) =>
  z.object({ ...envelopeShape, type: z.literal(type), [type]: payload } as typeof envelopeShape & {
    type: z.ZodLiteral<T>;
  } & Record<T, S>);

/** Send-text request (§2.1 + §2.3). */
export const SendTextRequestSchema = member('text', OutboundTextSchema);
export type SendTextRequest = z.infer<typeof SendTextRequestSchema>;

export const SendImageRequestSchema = member('image', OutboundImageSchema);
export const SendVideoRequestSchema = member('video', OutboundVideoSchema);
export const SendDocumentRequestSchema = member('document', OutboundDocumentSchema);
export const SendAudioRequestSchema = member('audio', OutboundAudioSchema);
export const SendStickerRequestSchema = member('sticker', OutboundStickerSchema);
export const SendLocationRequestSchema = member('location', OutboundLocationSchema);
export const SendContactsRequestSchema = member('contacts', OutboundContactsSchema);
export const SendInteractiveRequestSchema = member('interactive', OutboundInteractiveSchema);
/** §2.7: a reaction cannot quote (`context`) anything. */
export const SendReactionRequestSchema = member('reaction', OutboundReactionSchema).superRefine(
  (message, ctx) => {
    if (message.context !== undefined) {
      ctx.addIssue({ code: 'custom', message: 'cannot be used with a reaction', path: ['context'] });
    }
  },
);
/** Template send (§2.9): name + language + typed header/body/button parameters. */
export const SendTemplateRequestSchema = member('template', OutboundTemplateSchema);
export type SendTemplateRequest = z.infer<typeof SendTemplateRequestSchema>;

/** The request schema for each outbound `type` (§2.1); the payload sits under the key named by `type`. */
export const OUTBOUND_REQUEST_SCHEMAS = {
  text: SendTextRequestSchema,
  image: SendImageRequestSchema,
  video: SendVideoRequestSchema,
  document: SendDocumentRequestSchema,
  audio: SendAudioRequestSchema,
  sticker: SendStickerRequestSchema,
  location: SendLocationRequestSchema,
  contacts: SendContactsRequestSchema,
  interactive: SendInteractiveRequestSchema,
  reaction: SendReactionRequestSchema,
  template: SendTemplateRequestSchema,
} as const;
export type OutboundType = keyof typeof OUTBOUND_REQUEST_SCHEMAS;

export const OutboundMessageSchema = z.discriminatedUnion('type', [
  SendTextRequestSchema,
  SendImageRequestSchema,
  SendVideoRequestSchema,
  SendDocumentRequestSchema,
  SendAudioRequestSchema,
  SendStickerRequestSchema,
  SendLocationRequestSchema,
  SendContactsRequestSchema,
  SendInteractiveRequestSchema,
  SendReactionRequestSchema,
  SendTemplateRequestSchema,
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

/** GET /{waba-id}/phone_numbers: the numbers of one WhatsApp Business Account, a page at a time. */
export const PhoneNumberListSchema = z.looseObject({
  data: z.array(PhoneNumberInfoSchema),
  paging: z
    .looseObject({
      cursors: z.looseObject({ before: z.string().optional(), after: z.string().optional() }).optional(),
      /** Present only when another page follows. */
      next: z.string().optional(),
    })
    .optional(),
});
export type PhoneNumberList = z.infer<typeof PhoneNumberListSchema>;
