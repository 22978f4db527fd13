import { z } from 'zod';

// Pieces shared by the inbound message schemas (§5.4). Objects are loose: Meta adds fields without
// notice and an extra field must never make a message unreadable.

/** Webhook timestamps are strings of unix seconds (§5.3). */
export const UnixSecondsSchema = z.string().regex(/^\d+$/, 'expected a string of unix seconds');

/**
 * Media as it arrives on an inbound message; `url` (valid 5 minutes) rolled out from 2025-11-12 (§3.2).
 * `sha256` is documented but not always sent: without it the file is still downloaded, unchecked.
 */
export const InboundMediaSchema = z.looseObject({
  id: z.string(),
  mime_type: z.string(),
  sha256: z.string().optional(),
  url: z.string().optional(),
});
export type InboundMedia = z.infer<typeof InboundMediaSchema>;

export const InboundImageSchema = InboundMediaSchema.extend({ caption: z.string().optional() });
export const InboundVideoSchema = InboundMediaSchema.extend({ caption: z.string().optional() });
export const InboundDocumentSchema = InboundMediaSchema.extend({
  caption: z.string().optional(),
  filename: z.string().optional(),
});
export const InboundStickerSchema = InboundMediaSchema.extend({ animated: z.boolean().optional() });
/** `voice: true` is a recorded voice note, `false` a forwarded or attached audio file. */
export const InboundAudioSchema = InboundMediaSchema.extend({ voice: z.boolean().optional() });

export const InboundLocationSchema = z.looseObject({
  latitude: z.number(),
  longitude: z.number(),
  name: z.string().optional(),
  address: z.string().optional(),
  url: z.string().optional(),
});
export type InboundLocation = z.infer<typeof InboundLocationSchema>;

/** A shared contact card (§2.6, §5.4); `origin`/`vcard` are the 2026 request-contact-info additions. */
export const ContactCardSchema = z.looseObject({
  name: z.looseObject({
    formatted_name: z.string(),
    first_name: z.string().optional(),
    last_name: z.string().optional(),
    middle_name: z.string().optional(),
    prefix: z.string().optional(),
    suffix: z.string().optional(),
  }),
  phones: z
    .array(
      z.looseObject({
        phone: z.string().optional(),
        wa_id: z.string().optional(),
        type: z.string().optional(),
      }),
    )
    .optional(),
  emails: z.array(z.looseObject({ email: z.string().optional(), type: z.string().optional() })).optional(),
  addresses: z
    .array(
      z.looseObject({
        street: z.string().optional(),
        city: z.string().optional(),
        state: z.string().optional(),
        zip: z.string().optional(),
        country: z.string().optional(),
        country_code: z.string().optional(),
        type: z.string().optional(),
      }),
    )
    .optional(),
  org: z
    .looseObject({
      company: z.string().optional(),
      department: z.string().optional(),
      title: z.string().optional(),
    })
    .optional(),
  urls: z.array(z.looseObject({ url: z.string().optional(), type: z.string().optional() })).optional(),
  birthday: z.string().optional(),
  vcard: z.string().optional(),
  /** `contact_request` (the user shared their own number on request) or `other`. */
  origin: z.string().optional(),
});
export type ContactCard = z.infer<typeof ContactCardSchema>;

/** Reply, forward and "Message business" context of an inbound message (§5.4). */
export const InboundContextSchema = z.looseObject({
  from: z.string().optional(),
  id: z.string().optional(),
  forwarded: z.boolean().optional(),
  frequently_forwarded: z.boolean().optional(),
  referred_product: z.looseObject({ catalog_id: z.string(), product_retailer_id: z.string() }).optional(),
});
export type InboundContext = z.infer<typeof InboundContextSchema>;

/** Click-to-WhatsApp ad the customer came from (§5.4). */
export const ReferralSchema = z.looseObject({
  source_url: z.string().optional(),
  source_id: z.string().optional(),
  source_type: z.string().optional(),
  body: z.string().optional(),
  headline: z.string().optional(),
  media_type: z.string().optional(),
  image_url: z.string().optional(),
  video_url: z.string().optional(),
  thumbnail_url: z.string().optional(),
  ctwa_clid: z.string().optional(),
  welcome_message: z.looseObject({ text: z.string().optional() }).optional(),
});
export type Referral = z.infer<typeof ReferralSchema>;

export const OrderSchema = z.looseObject({
  catalog_id: z.string(),
  text: z.string().optional(),
  product_items: z.array(
    z.looseObject({
      product_retailer_id: z.string(),
      quantity: z.number(),
      item_price: z.number(),
      currency: z.string(),
    }),
  ),
});
export type Order = z.infer<typeof OrderSchema>;

export const SYSTEM_MESSAGE_TYPES = [
  'user_changed_number',
  'user_changed_user_id',
  'customer_changed_number',
  'customer_identity_changed',
] as const;

export const SystemEventSchema = z.looseObject({
  type: z.enum(SYSTEM_MESSAGE_TYPES),
  body: z.string().optional(),
  /** The new wa_id after a number change. */
  wa_id: z.string().optional(),
  new_wa_id: z.string().optional(),
  /** The new BSUID after a user id change. */
  user_id: z.string().optional(),
  parent_user_id: z.string().optional(),
  customer: z.string().optional(),
  identity: z.string().optional(),
});
export type SystemEvent = z.infer<typeof SystemEventSchema>;

/** Older identity-change variant carries this next to `system` (§5.4). */
export const IdentitySchema = z.looseObject({
  acknowledged: z.boolean().optional(),
  /** Unix seconds; some senders give them as a string. */
  created_timestamp: z.union([z.number(), z.string()]).optional(),
  hash: z.string().optional(),
});
