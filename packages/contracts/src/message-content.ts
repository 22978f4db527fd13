import { z } from 'zod';
import { TemplateMessageSchema } from './templates';

/**
 * What a message says, in Charla's neutral terms (not the Cloud API wire format). The inbox
 * renders from this; the WhatsApp adapter maps to and from it. Customer-provided strings are
 * untrusted: render them as text.
 */
export const MediaSchema = z.object({
  /** Charla's media id; download through `url` (an authorised route), never from Meta. */
  id: z.string(),
  url: z.string().nullable(),
  mimeType: z.string(),
  size: z.number().int().nullable(),
  filename: z.string().nullable(),
  /** Downloading from WhatsApp: pending until stored; failed with a reason. */
  state: z.enum(['pending', 'ready', 'failed']),
  error: z.string().nullable(),
  /**
   * true when WhatsApp's message gave no SHA-256 for the file: it is downloaded and shown all the
   * same, checked only if the download itself names a checksum. Absent on files that had one.
   */
  unchecked: z.boolean().optional(),
});
export type Media = z.infer<typeof MediaSchema>;

const Text = z.object({ type: z.literal('text'), body: z.string() });
const MediaKind = z.enum(['image', 'video', 'document', 'sticker', 'audio']);
const MediaContent = z.object({
  type: MediaKind,
  media: MediaSchema,
  caption: z.string().nullable(),
  /** audio only: recorded voice note (true) or an attached audio file (false). */
  voice: z.boolean(),
  animated: z.boolean(),
});
const Location = z.object({
  type: z.literal('location'),
  latitude: z.number(),
  longitude: z.number(),
  name: z.string().nullable(),
  address: z.string().nullable(),
  url: z.string().nullable(),
});
export const ContactCardSchema = z.object({
  name: z.string(),
  phones: z.array(z.object({ phone: z.string(), type: z.string().nullable(), waId: z.string().nullable() })),
  emails: z.array(z.object({ email: z.string(), type: z.string().nullable() })),
  organization: z.string().nullable(),
});
export type ContactCard = z.infer<typeof ContactCardSchema>;
const Contacts = z.object({ type: z.literal('contacts'), contacts: z.array(ContactCardSchema) });

export const InteractiveSchema = z.object({
  kind: z.enum(['buttons', 'list', 'cta_url']),
  header: z.string().nullable(),
  body: z.string(),
  footer: z.string().nullable(),
  buttons: z.array(z.object({ id: z.string(), title: z.string() })),
  list: z
    .object({
      button: z.string(),
      sections: z.array(
        z.object({
          title: z.string().nullable(),
          rows: z.array(z.object({ id: z.string(), title: z.string(), description: z.string().nullable() })),
        }),
      ),
    })
    .nullable(),
  cta: z.object({ displayText: z.string(), url: z.string() }).nullable(),
});
export type Interactive = z.infer<typeof InteractiveSchema>;
/** Buttons, list or call-to-action the business sent. */
const InteractiveContent = z.object({ type: z.literal('interactive'), interactive: InteractiveSchema });
/** The customer tapped a reply button or a list row (or a flow answered). */
const Reply = z.object({
  type: z.literal('reply'),
  kind: z.enum(['button_reply', 'list_reply', 'template_button', 'flow']),
  id: z.string().nullable(),
  title: z.string(),
  description: z.string().nullable(),
});
const Order = z.object({
  type: z.literal('order'),
  catalogId: z.string().nullable(),
  text: z.string().nullable(),
  items: z.array(
    z.object({
      productId: z.string(),
      quantity: z.number(),
      price: z.number().nullable(),
      currency: z.string().nullable(),
    }),
  ),
});
/**
 * WhatsApp speaking in the chat: `body` is its text (English); `event` says what happened so the
 * line can be shown in the reader's language, with the new number (E.164) for a number change.
 */
const System = z.object({
  type: z.literal('system'),
  body: z.string(),
  event: z.enum(['number_changed', 'user_id_changed', 'identity_changed']).optional(),
  newPhone: z.string().nullable().optional(),
});
/**
 * A WhatsApp call, or the customer's answer to a call permission request. Charla does not answer
 * calls: `missed` is a call nobody took here, `ended` one taken elsewhere (`durationSeconds`).
 */
const Call = z.object({
  type: z.literal('call'),
  event: z.enum(['missed', 'ended', 'permission_granted', 'permission_declined']),
  durationSeconds: z.number().nullable(),
});
/**
 * The customer deleted (`revoke`) or edited (`edit`, with the new `text`) the message WhatsApp knows
 * as `targetId`. The thread marks that message (Message.deletedByCustomerAt / Message.edited).
 */
const Revoke = z.object({ type: z.literal('revoke'), targetId: z.string() });
const Edit = z.object({ type: z.literal('edit'), targetId: z.string(), text: z.string().nullable() });
/** WhatsApp could not give us this message (polls, live location, edits...): said, never dropped. */
const Unsupported = z.object({
  type: z.literal('unsupported'),
  kind: z.string().nullable(),
  reason: z.string(),
});
/** An approved template the business sent (the only kind allowed outside the 24-hour window). */
const TemplateContent = z.object({ type: z.literal('template'), template: TemplateMessageSchema });
/** The customer opened the chat for the first time. */
const Welcome = z.object({ type: z.literal('welcome') });

export const MessageContentSchema = z.discriminatedUnion('type', [
  Text,
  MediaContent,
  Location,
  Contacts,
  InteractiveContent,
  Reply,
  Order,
  System,
  Unsupported,
  Welcome,
  TemplateContent,
  Call,
  Revoke,
  Edit,
]);
export type MessageContent = z.infer<typeof MessageContentSchema>;

export const ReactionSchema = z.object({
  emoji: z.string(),
  direction: z.enum(['inbound', 'outbound']),
  at: z.string(),
});
export type Reaction = z.infer<typeof ReactionSchema>;

/** The message this one quotes (a WhatsApp reply), enough to draw the quote bubble. */
export const QuotedMessageSchema = z.object({
  id: z.string(),
  direction: z.enum(['inbound', 'outbound']),
  preview: z.string(),
});

/** Where a customer came from: a click-to-WhatsApp ad. */
export const ReferralSchema = z.object({
  sourceType: z.string().nullable(),
  sourceUrl: z.string().nullable(),
  headline: z.string().nullable(),
  body: z.string().nullable(),
  /** The ad's id and the click id Meta's conversions API takes back; absent on older messages. */
  sourceId: z.string().nullable().optional(),
  ctwaClid: z.string().nullable().optional(),
  /** `image` or `video`; the URLs are Meta's (links only: the web app never loads them inline). */
  mediaType: z.string().nullable().optional(),
  imageUrl: z.string().nullable().optional(),
  videoUrl: z.string().nullable().optional(),
  thumbnailUrl: z.string().nullable().optional(),
  welcomeText: z.string().nullable().optional(),
});
