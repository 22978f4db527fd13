import { z } from 'zod';
import { ContactCardSchema, InteractiveSchema } from './message-content';

/**
 * What an agent (or the API) asks Charla to send. Limits are WhatsApp's (reference §2);
 * Charla checks them before anything reaches Meta and names the field that is wrong.
 */
const ReplyTo = z.object({ replyToMessageId: z.uuid().optional() });

export const SendTextSchema = ReplyTo.extend({
  type: z.literal('text').default('text'),
  text: z
    .string()
    .trim()
    .min(1, 'Write a message first')
    .max(4096, 'WhatsApp allows at most 4096 characters'),
});

export const MediaKindSchema = z.enum(['image', 'video', 'document', 'audio', 'sticker']);
export type MediaKind = z.infer<typeof MediaKindSchema>;

export const SendMediaSchema = ReplyTo.extend({
  type: z.literal('media'),
  /** From POST /api/conversations/:id/media. */
  mediaId: z.uuid(),
  caption: z.string().max(1024, 'WhatsApp allows at most 1024 characters in a caption').optional(),
  /** audio only: send as a voice note (ogg/opus). */
  voice: z.boolean().optional(),
});

export const SendLocationSchema = ReplyTo.extend({
  type: z.literal('location'),
  latitude: z.number().min(-90).max(90),
  longitude: z.number().min(-180).max(180),
  name: z.string().max(1000).optional(),
  address: z.string().max(1000).optional(),
});

export const SendContactsSchema = ReplyTo.extend({
  type: z.literal('contacts'),
  contacts: z.array(ContactCardSchema).min(1).max(257),
});

export const SendInteractiveSchema = ReplyTo.extend({
  type: z.literal('interactive'),
  interactive: InteractiveSchema,
});

/**
 * An approved template with its values (allowed outside the 24-hour window). Values default to
 * empty: Charla answers 422 naming each variable still to fill.
 */
export const SendTemplateSchema = ReplyTo.extend({
  type: z.literal('template').default('template'),
  template: z.object({
    templateId: z.uuid(),
    values: z
      .object({
        header: z.string().nullable().default(null),
        headerMediaId: z.string().nullable().default(null),
        body: z.record(z.string(), z.string()).default({}),
        buttons: z.record(z.string(), z.string()).default({}),
      })
      .default({ header: null, headerMediaId: null, body: {}, buttons: {} }),
  }),
});

/**
 * POST /api/conversations: a business writes first. WhatsApp only lets a business open a
 * conversation with an approved template, so the request is a template for one customer: a
 * known contact, or a phone number (+E.164, or national in the workspace's default country).
 */
export const StartConversationRequestSchema = z
  .object({
    channelId: z.uuid(),
    contactId: z.uuid().optional(),
    phone: z.string().max(40).optional(),
    template: SendTemplateSchema.shape.template,
  })
  .refine((r) => (r.contactId === undefined) !== (r.phone === undefined), {
    message: 'Send either contactId or phone',
    path: ['contactId'],
  });
export type StartConversationRequest = z.input<typeof StartConversationRequestSchema>;

export const StartedConversationSchema = z.object({
  conversationId: z.uuid(),
  contactId: z.uuid(),
  messageId: z.uuid(),
  /** False when the customer already had a conversation with this number (it was reused). */
  created: z.boolean(),
});
export type StartedConversation = z.infer<typeof StartedConversationSchema>;

export const SendMessageRequestSchema = z.union([
  SendTextSchema,
  SendMediaSchema,
  SendLocationSchema,
  SendContactsSchema,
  SendInteractiveSchema,
  SendTemplateSchema,
]);
export type SendMessageRequest = z.input<typeof SendMessageRequestSchema>;

/** POST /api/messages/:id/reaction — an empty emoji removes our reaction. */
export const ReactRequestSchema = z.object({ emoji: z.string().max(16) });
export type ReactRequest = z.input<typeof ReactRequestSchema>;

/** Answer of POST /api/conversations/:id/media (multipart, one `file` part). */
export const UploadedMediaSchema = z.object({
  id: z.string(),
  kind: MediaKindSchema,
  mimeType: z.string(),
  size: z.number().int(),
  filename: z.string().nullable(),
});
export type UploadedMedia = z.infer<typeof UploadedMediaSchema>;

/** An upload as the automation editors show it: with the number it was uploaded for (null: the workspace's). */
export const MediaInfoSchema = UploadedMediaSchema.extend({ channelId: z.string().nullable() });
export type MediaInfo = z.infer<typeof MediaInfoSchema>;
