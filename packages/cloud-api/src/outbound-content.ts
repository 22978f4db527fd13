import { z } from 'zod';

/** §2.3–§2.7 field limits, shared by the schemas and by anyone who wants to warn early. */
export const OUTBOUND_LIMITS = {
  textBody: 4096,
  caption: 1024,
  contactsPerMessage: 257,
  bizOpaqueCallbackData: 512,
} as const;

// Meta fetches link media itself; the simulator also needs plain http for local files.
const HttpUrlSchema = z.url({ protocol: /^https?$/, error: 'must be an http(s) URL' });

type MediaRefShape = { id?: string | undefined; link?: string | undefined };

/** §2.4: a media object names its file by `id` (uploaded) XOR `link` (public URL). */
function requireIdXorLink(value: MediaRefShape, ctx: z.RefinementCtx) {
  const hasId = value.id !== undefined;
  const hasLink = value.link !== undefined;
  if (hasId === hasLink) {
    ctx.addIssue({
      code: 'custom',
      message: hasId ? 'must have either id or link, not both' : 'must have either id or link',
    });
  }
}

const mediaRefShape = {
  id: z.string().min(1).optional(),
  link: HttpUrlSchema.optional(),
};
const caption = z.string().min(1).max(OUTBOUND_LIMITS.caption).optional();

export const OutboundImageSchema = z
  .strictObject({ ...mediaRefShape, caption })
  .superRefine(requireIdXorLink);
export const OutboundVideoSchema = z
  .strictObject({ ...mediaRefShape, caption })
  .superRefine(requireIdXorLink);
export const OutboundDocumentSchema = z
  .strictObject({ ...mediaRefShape, caption, filename: z.string().min(1).max(240).optional() })
  .superRefine(requireIdXorLink);
/** `voice: true` makes it a voice note (OGG/OPUS, mono); audio never takes a caption. */
export const OutboundAudioSchema = z
  .strictObject({ ...mediaRefShape, voice: z.boolean().optional() })
  .superRefine(requireIdXorLink);
export const OutboundStickerSchema = z.strictObject(mediaRefShape).superRefine(requireIdXorLink);
export type OutboundMediaRef = z.infer<typeof OutboundImageSchema>;

/** A header/media object inside an interactive message: id XOR link, no caption. */
export const InteractiveMediaSchema = z.strictObject(mediaRefShape).superRefine(requireIdXorLink);
export const InteractiveDocumentSchema = z
  .strictObject({ ...mediaRefShape, filename: z.string().min(1).max(240).optional() })
  .superRefine(requireIdXorLink);

export const OutboundTextSchema = z.strictObject({
  body: z
    .string()
    .max(OUTBOUND_LIMITS.textBody)
    .refine((body) => body.trim() !== '', 'must be a non-empty string'),
  preview_url: z.boolean().optional(),
});

export const OutboundLocationSchema = z.strictObject({
  latitude: z.number().min(-90).max(90),
  longitude: z.number().min(-180).max(180),
  name: z.string().min(1).max(1000).optional(),
  address: z.string().min(1).max(1000).optional(),
});

const typed = <T extends z.ZodRawShape>(shape: T) =>
  z.strictObject({ ...shape, type: z.string().optional() });

/** §2.6: one contact card; only `name.formatted_name` is required. */
export const OutboundContactSchema = z.strictObject({
  name: z.strictObject({
    formatted_name: z.string().min(1),
    first_name: z.string().optional(),
    last_name: z.string().optional(),
    middle_name: z.string().optional(),
    prefix: z.string().optional(),
    suffix: z.string().optional(),
  }),
  phones: z.array(typed({ phone: z.string().min(1).optional(), wa_id: z.string().optional() })).optional(),
  emails: z.array(typed({ email: z.string().min(1).optional() })).optional(),
  addresses: z
    .array(
      typed({
        street: z.string().optional(),
        city: z.string().optional(),
        state: z.string().optional(),
        zip: z.string().optional(),
        country: z.string().optional(),
        country_code: z.string().optional(),
      }),
    )
    .optional(),
  org: z
    .strictObject({
      company: z.string().optional(),
      department: z.string().optional(),
      title: z.string().optional(),
    })
    .optional(),
  urls: z.array(typed({ url: z.string().min(1).optional() })).optional(),
  birthday: z
    .string()
    .regex(/^\d{4}-\d{2}-\d{2}$/, 'must be a date in YYYY-MM-DD format')
    .optional(),
});
export type OutboundContact = z.infer<typeof OutboundContactSchema>;
export const OutboundContactsSchema = z
  .array(OutboundContactSchema)
  .min(1)
  .max(OUTBOUND_LIMITS.contactsPerMessage);

const graphemes = new Intl.Segmenter('en', { granularity: 'grapheme' });

/** §2.7: one emoji, or `""` to remove the business's reaction. */
export const OutboundReactionSchema = z.strictObject({
  message_id: z.string().min(1),
  emoji: z
    .string()
    .refine(
      (emoji) =>
        emoji === '' ||
        ([...graphemes.segment(emoji)].length === 1 &&
          /\p{Extended_Pictographic}|\p{Regional_Indicator}|\u20E3/u.test(emoji)),
      'must be a single emoji, or empty to remove the reaction',
    ),
});
