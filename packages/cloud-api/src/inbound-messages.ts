import { z } from 'zod';
import { WebhookErrorSchema } from './errors';
import { formatIssue } from './format-issue';
import {
  ContactCardSchema,
  IdentitySchema,
  InboundAudioSchema,
  InboundContextSchema,
  InboundDocumentSchema,
  InboundImageSchema,
  InboundLocationSchema,
  InboundStickerSchema,
  InboundVideoSchema,
  OrderSchema,
  ReferralSchema,
  SystemEventSchema,
  UnixSecondsSchema,
} from './inbound-parts';

/** Every inbound type of §5.4 this package types; anything else parses as `unknown`. */
export const INBOUND_MESSAGE_TYPES = [
  'text',
  'image',
  'audio',
  'video',
  'document',
  'sticker',
  'location',
  'contacts',
  'button',
  'interactive',
  'reaction',
  'order',
  'system',
  'unsupported',
  'request_welcome',
  'revoke',
  'edit',
] as const;
export type InboundMessageType = (typeof INBOUND_MESSAGE_TYPES)[number];

export const INBOUND_MEDIA_TYPES = ['image', 'audio', 'video', 'document', 'sticker'] as const;
export type InboundMediaType = (typeof INBOUND_MEDIA_TYPES)[number];

const baseShape = {
  id: z.string(),
  timestamp: UnixSecondsSchema,
  // Absent for username (BSUID-only) senders and for some system messages (§5.3, §7.13).
  from: z.string().optional(),
  from_user_id: z.string().optional(),
  from_parent_user_id: z.string().optional(),
  context: InboundContextSchema.optional(),
  referral: ReferralSchema.optional(),
  /** e.g. 131052 when Meta could not download the customer's media, 131051 on `unsupported`. */
  errors: z.array(WebhookErrorSchema).optional(),
};

function base<T extends string>(type: T) {
  return { ...baseShape, type: z.literal(type) };
}

// A media download failure (131052) comes with `errors` instead of the media object (§5.4).
function requireMediaOrErrors(key: InboundMediaType) {
  return (message: Record<string, unknown> & { errors?: unknown[] | undefined }, ctx: z.RefinementCtx) => {
    if (message[key] === undefined && (message.errors?.length ?? 0) === 0) {
      ctx.addIssue({ code: 'custom', path: [key], message: 'expected object (or errors[] saying why not)' });
    }
  };
}

export const TextInboundMessageSchema = z.looseObject({
  ...base('text'),
  text: z.looseObject({ body: z.string() }),
});
export const ImageInboundMessageSchema = z
  .looseObject({ ...base('image'), image: InboundImageSchema.optional() })
  .superRefine(requireMediaOrErrors('image'));
export const AudioInboundMessageSchema = z
  .looseObject({ ...base('audio'), audio: InboundAudioSchema.optional() })
  .superRefine(requireMediaOrErrors('audio'));
export const VideoInboundMessageSchema = z
  .looseObject({ ...base('video'), video: InboundVideoSchema.optional() })
  .superRefine(requireMediaOrErrors('video'));
export const DocumentInboundMessageSchema = z
  .looseObject({ ...base('document'), document: InboundDocumentSchema.optional() })
  .superRefine(requireMediaOrErrors('document'));
export const StickerInboundMessageSchema = z
  .looseObject({ ...base('sticker'), sticker: InboundStickerSchema.optional() })
  .superRefine(requireMediaOrErrors('sticker'));
export const LocationInboundMessageSchema = z.looseObject({
  ...base('location'),
  location: InboundLocationSchema,
});
export const ContactsInboundMessageSchema = z.looseObject({
  ...base('contacts'),
  contacts: z.array(ContactCardSchema).min(1),
});
/** A tap on a template quick-reply button; `payload` is what the business set (§2.9). */
export const ButtonInboundMessageSchema = z.looseObject({
  ...base('button'),
  button: z.looseObject({ payload: z.string().optional(), text: z.string() }),
});

export const InteractiveReplySchema = z.discriminatedUnion('type', [
  z.looseObject({
    type: z.literal('button_reply'),
    button_reply: z.looseObject({ id: z.string(), title: z.string() }),
  }),
  z.looseObject({
    type: z.literal('list_reply'),
    list_reply: z.looseObject({ id: z.string(), title: z.string(), description: z.string().optional() }),
  }),
  z.looseObject({
    type: z.literal('call_permission_reply'),
    // The customer's answer to a call permission request: `accept` or `reject` (§2.9, Calling API).
    call_permission_reply: z.looseObject({
      response: z.string(),
      is_permanent: z.boolean().optional(),
      expiration_timestamp: z.union([z.number(), z.string()]).optional(),
      response_source: z.string().optional(),
    }),
  }),
  z.looseObject({
    type: z.literal('nfm_reply'),
    // `response_json` is a JSON *string*, e.g. "{\"flow_token\":\"…\"}".
    nfm_reply: z.looseObject({
      name: z.string().optional(),
      body: z.string().optional(),
      response_json: z.string(),
    }),
  }),
]);
export type InteractiveReply = z.infer<typeof InteractiveReplySchema>;

export const InteractiveInboundMessageSchema = z.looseObject({
  ...base('interactive'),
  interactive: InteractiveReplySchema,
});
/** `emoji` is "" or absent when the customer removes their reaction. */
export const ReactionInboundMessageSchema = z.looseObject({
  ...base('reaction'),
  reaction: z.looseObject({ message_id: z.string(), emoji: z.string().optional() }),
});
export const OrderInboundMessageSchema = z.looseObject({ ...base('order'), order: OrderSchema });
/** Number or BSUID change; the webhook value carries no `contacts` for these (§5.4). */
export const SystemInboundMessageSchema = z.looseObject({
  ...base('system'),
  system: SystemEventSchema,
  identity: IdentitySchema.optional(),
});
/** Something WhatsApp cannot forward (polls, edits, …), normally with error 131051. */
export const UnsupportedInboundMessageSchema = z.looseObject({
  ...base('unsupported'),
  unsupported: z.looseObject({ type: z.string() }).optional(),
});
/** The user opened the chat for the first time (welcome messages enabled). */
export const RequestWelcomeInboundMessageSchema = z.looseObject({ ...base('request_welcome') });

// The message id an edit or a deletion is about: Meta documents `original_message_id`; `original_id`
// is accepted too, as some relays write it so.
const originalShape = { original_message_id: z.string().optional(), original_id: z.string().optional() };
function requireOriginal(
  value: { original_message_id?: string; original_id?: string },
  ctx: z.RefinementCtx,
) {
  if (!value.original_message_id && !value.original_id) {
    ctx.addIssue({
      code: 'custom',
      path: ['original_message_id'],
      message: 'expected the id of the original message',
    });
  }
}
/** The customer deleted one of their messages (Coexistence numbers; elsewhere `unsupported`). */
export const RevokeInboundMessageSchema = z.looseObject({
  ...base('revoke'),
  revoke: z.looseObject(originalShape).superRefine(requireOriginal),
});
/** The customer edited one of their messages: `message` is the new text (or caption). */
export const EditInboundMessageSchema = z.looseObject({
  ...base('edit'),
  edit: z
    .looseObject({
      ...originalShape,
      message: z
        .looseObject({
          type: z.string().optional(),
          text: z.looseObject({ body: z.string() }).optional(),
          image: z.looseObject({ caption: z.string().optional() }).optional(),
          video: z.looseObject({ caption: z.string().optional() }).optional(),
          document: z.looseObject({ caption: z.string().optional() }).optional(),
        })
        .optional(),
    })
    .superRefine(requireOriginal),
});

/** The id of the message a revoke or an edit is about. */
export function originalIdOf(value: { original_message_id?: string; original_id?: string }): string {
  return value.original_message_id ?? value.original_id ?? '';
}

export type TextInboundMessage = z.infer<typeof TextInboundMessageSchema>;
export type ImageInboundMessage = z.infer<typeof ImageInboundMessageSchema>;
export type AudioInboundMessage = z.infer<typeof AudioInboundMessageSchema>;
export type VideoInboundMessage = z.infer<typeof VideoInboundMessageSchema>;
export type DocumentInboundMessage = z.infer<typeof DocumentInboundMessageSchema>;
export type StickerInboundMessage = z.infer<typeof StickerInboundMessageSchema>;
export type LocationInboundMessage = z.infer<typeof LocationInboundMessageSchema>;
export type ContactsInboundMessage = z.infer<typeof ContactsInboundMessageSchema>;
export type ButtonInboundMessage = z.infer<typeof ButtonInboundMessageSchema>;
export type InteractiveInboundMessage = z.infer<typeof InteractiveInboundMessageSchema>;
export type ReactionInboundMessage = z.infer<typeof ReactionInboundMessageSchema>;
export type OrderInboundMessage = z.infer<typeof OrderInboundMessageSchema>;
export type SystemInboundMessage = z.infer<typeof SystemInboundMessageSchema>;
export type UnsupportedInboundMessage = z.infer<typeof UnsupportedInboundMessageSchema>;
export type RequestWelcomeInboundMessage = z.infer<typeof RequestWelcomeInboundMessageSchema>;
export type RevokeInboundMessage = z.infer<typeof RevokeInboundMessageSchema>;
export type EditInboundMessage = z.infer<typeof EditInboundMessageSchema>;

const knownMembers = [
  TextInboundMessageSchema,
  ImageInboundMessageSchema,
  AudioInboundMessageSchema,
  VideoInboundMessageSchema,
  DocumentInboundMessageSchema,
  StickerInboundMessageSchema,
  LocationInboundMessageSchema,
  ContactsInboundMessageSchema,
  ButtonInboundMessageSchema,
  InteractiveInboundMessageSchema,
  ReactionInboundMessageSchema,
  OrderInboundMessageSchema,
  SystemInboundMessageSchema,
  UnsupportedInboundMessageSchema,
  RequestWelcomeInboundMessageSchema,
  RevokeInboundMessageSchema,
  EditInboundMessageSchema,
] as const;

/** Strict: only the typed kinds, with precise paths on a bad payload (what the simulator checks). */
export const KnownInboundMessageSchema = z.discriminatedUnion('type', knownMembers);
export type KnownInboundMessage = z.infer<typeof KnownInboundMessageSchema>;

/**
 * A message this package could not type: a type Meta added (`unknownType` is the wire type) or a
 * known type whose payload surprised us (`invalidReason` says which field). Kept, never dropped.
 */
export const UnknownInboundMessageSchema = z.object({
  ...baseShape,
  type: z.literal('unknown'),
  unknownType: z.string(),
  raw: z.record(z.string(), z.unknown()),
  invalidReason: z.string().optional(),
});
export type UnknownInboundMessage = z.infer<typeof UnknownInboundMessageSchema>;

const knownTypes = new Set<string>(INBOUND_MESSAGE_TYPES);

// Rewrites an unknown type into the `unknown` variant before validation so that a known type with a
// bad payload still fails with a precise path instead of silently falling into the catch-all.
function tagUnknownType(input: unknown): unknown {
  if (!isRecord(input) || typeof input.type !== 'string' || knownTypes.has(input.type)) return input;
  return { ...input, type: 'unknown', unknownType: input.type, raw: input };
}

/** Strict per-message schema: known types validated, unknown types tagged. */
export const InboundMessageSchema = z.preprocess(
  tagUnknownType,
  z.discriminatedUnion('type', [...knownMembers, UnknownInboundMessageSchema]),
);
export type InboundMessage = z.infer<typeof InboundMessageSchema>;

export type ParseInboundMessageResult = { ok: true; message: InboundMessage } | { ok: false; reason: string };

/**
 * Lenient read of one `messages[i]`: a known type with a bad payload becomes `unknown` with the
 * reason. Only a message without a usable `id` or `timestamp` fails, since it cannot be stored once.
 */
export function parseInboundMessage(
  input: unknown,
  path: readonly (string | number)[] = [],
): ParseInboundMessageResult {
  const strict = InboundMessageSchema.safeParse(input, { reportInput: true });
  if (strict.success) return { ok: true, message: strict.data };
  const [first] = strict.error.issues;
  const reason = first ? formatIssue(first) : 'invalid message';
  if (!isRecord(input)) return { ok: false, reason: first ? formatIssue(first, path) : reason };
  const identity = z.object({ id: z.string().min(1), timestamp: UnixSecondsSchema }).safeParse(input);
  if (!identity.success) {
    const [issue] = identity.error.issues;
    return { ok: false, reason: issue ? formatIssue(issue, path) : reason };
  }
  const message: UnknownInboundMessage = {
    id: identity.data.id,
    timestamp: identity.data.timestamp,
    type: 'unknown',
    unknownType: typeof input.type === 'string' ? input.type : '',
    raw: input,
    invalidReason: reason,
  };
  for (const key of ['from', 'from_user_id', 'from_parent_user_id'] as const) {
    const value = input[key];
    if (typeof value === 'string') message[key] = value;
  }
  return { ok: true, message };
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
