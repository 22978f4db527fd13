import {
  INBOUND_MEDIA_TYPES,
  type InboundMediaType,
  isAnimatedWebp,
  KnownInboundMessageSchema,
} from '@charla/cloud-api';
import { checkMedia } from './media-rules';
import type { MediaStore, StoredMedia } from './media-store';
import { isRecord } from './outbound-validation';
import { toDigits } from './phone-format';
import type { SimMessage, SimNumber } from './sandbox-state';

export type CustomerAttachment = { base64: string; mimeType: string; filename?: string | undefined };

/** What a customer sends: plain text, or any Cloud API inbound message object (§5.4). */
export type CustomerMessageInput = {
  text?: string | undefined;
  /** An inbound message WITHOUT from/id/timestamp, e.g. `{ type: 'location', location: {…} }`. */
  message?: Record<string, unknown> | undefined;
  media?: CustomerAttachment | undefined;
};

/** The customer's input cannot become a message; the admin API answers 400 with this text. */
export class CustomerInputError extends Error {
  override readonly name = 'CustomerInputError';
}

type BuildContext = {
  number: SimNumber;
  waId: string;
  /** `from` / `from_user_id` / `from_parent_user_id` as the customer shows them (customer-identity.ts). */
  sender: Record<string, string>;
  wamid: string;
  timestamp: string;
  media: MediaStore;
  /** Base URL for the media object's `url`; null (not listening yet) leaves `url` out. */
  baseUrl: string | null;
  findMessage: (wamid: string) => SimMessage | null;
};

const FILLED_BY_SIMULATOR = ['from', 'from_user_id', 'from_parent_user_id', 'id', 'timestamp'] as const;
const BASE64 = /^[A-Za-z0-9+/_-]*={0,2}$/;

/**
 * Turns the customer's input into the exact `messages[i]` object Meta would send, storing any
 * attachment first. Throws CustomerInputError with a path when the result is not a valid message.
 */
export function buildCustomerMessage(
  input: CustomerMessageInput,
  context: BuildContext,
): { wire: Record<string, unknown>; stored: StoredMedia | null } {
  const wire = toWireDraft(input);
  for (const key of FILLED_BY_SIMULATOR) {
    if (wire[key] !== undefined) {
      throw new CustomerInputError(
        `message.${key} is filled by the simulator; use the /raw endpoint to send a payload verbatim`,
      );
    }
  }
  checkReferences(wire, context);
  // Validate before storing anything so a bad payload leaves no orphan media behind.
  const type = wire.type;
  const isMediaType = typeof type === 'string' && (INBOUND_MEDIA_TYPES as readonly string[]).includes(type);
  if (input.media !== undefined && !isMediaType) {
    throw new CustomerInputError(`media can only be attached to ${INBOUND_MEDIA_TYPES.join(', ')} messages`);
  }
  const bytes = input.media ? decodeAttachment(type as InboundMediaType, input.media) : null;
  // §5.4: a BSUID change comes from the old BSUID alone, never from the phone.
  const { from, ...userIds } = context.sender;
  const isUserIdChange = isRecord(wire.system) && wire.system.type === 'user_changed_user_id';
  const draft: Record<string, unknown> = {
    ...wire,
    ...(from !== undefined && !isUserIdChange && { from }),
    ...userIds,
    id: context.wamid,
    timestamp: context.timestamp,
  };
  let stored: StoredMedia | null = null;
  if (isMediaType) {
    const kind = type as InboundMediaType;
    const previous = isRecord(draft[kind]) ? draft[kind] : {};
    if (input.media && bytes) {
      const pending = { id: 'pending', mime_type: input.media.mimeType, sha256: 'pending' };
      validate({ ...draft, [kind]: { ...previous, ...pending } });
      stored = context.media.put({
        phoneNumberId: context.number.phoneNumberId,
        bytes,
        mimeType: input.media.mimeType,
        filename: input.media.filename ?? null,
      });
    }
    // Without an attachment, a media id this number already holds is filled in the same way.
    const source = stored ?? findOwnMedia(previous.id, context);
    draft[kind] = source ? { ...previous, ...describeMedia(kind, source, context) } : previous;
  }
  validate(draft);
  return { wire: draft, stored };
}

function toWireDraft(input: CustomerMessageInput): Record<string, unknown> {
  if (input.message !== undefined && input.text !== undefined) {
    throw new CustomerInputError('send either text or message, not both');
  }
  if (input.message !== undefined) return { ...input.message };
  if (input.text !== undefined && input.text !== '') return { type: 'text', text: { body: input.text } };
  throw new CustomerInputError('text or message is required');
}

// Replies and reactions point at messages the simulator knows in this very chat.
function checkReferences(wire: Record<string, unknown>, context: BuildContext): void {
  const targets: [string, unknown][] = [];
  if (isRecord(wire.context) && wire.context.id !== undefined) targets.push(['context.id', wire.context.id]);
  if (wire.type === 'reaction' && isRecord(wire.reaction) && wire.reaction.message_id !== undefined) {
    targets.push(['reaction.message_id', wire.reaction.message_id]);
  }
  for (const [path, wamid] of targets) {
    const target = typeof wamid === 'string' ? context.findMessage(wamid) : null;
    if (!target || target.phoneNumberId !== context.number.phoneNumberId || target.waId !== context.waId) {
      throw new CustomerInputError(`${path}: no message ${String(wamid)} in this chat`);
    }
    if (path === 'context.id' && isRecord(wire.context) && wire.context.from === undefined) {
      const from =
        target.from === 'business' ? toDigits(context.number.displayPhoneNumber) : context.sender.from;
      // A customer whose phone is hidden quotes their own message without showing it.
      if (from !== undefined) wire.context = { from, ...wire.context };
    }
  }
}

function decodeAttachment(kind: InboundMediaType, media: CustomerAttachment): Buffer {
  if (!BASE64.test(media.base64)) throw new CustomerInputError('media.base64 is not base64');
  const bytes = Buffer.from(media.base64, 'base64');
  // A static sticker has a smaller cap than an animated one (§3.4); the bytes say which it is.
  const animated = kind === 'sticker' ? isAnimatedWebp(bytes) : undefined;
  const problem = checkMedia(kind, media.mimeType, bytes.byteLength, { animated });
  if (problem) throw new CustomerInputError(problem);
  return bytes;
}

function findOwnMedia(id: unknown, context: BuildContext): StoredMedia | null {
  if (typeof id !== 'string') return null;
  const media = context.media.get(id);
  return media && media.phoneNumberId === context.number.phoneNumberId ? media : null;
}

function describeMedia(kind: InboundMediaType, media: StoredMedia, context: BuildContext) {
  return {
    id: media.id,
    mime_type: media.mimeType,
    sha256: media.sha256,
    ...(context.baseUrl !== null && { url: context.media.createDownloadUrl(context.baseUrl, media.id) }),
    ...(kind === 'document' && media.filename !== null && { filename: media.filename }),
    ...(kind === 'sticker' && { animated: isAnimatedWebp(media.bytes) }),
  };
}

function validate(message: Record<string, unknown>): void {
  const parsed = KnownInboundMessageSchema.safeParse(message);
  if (parsed.success) return;
  const [issue] = parsed.error.issues;
  const path = issue?.path.map((p) => (typeof p === 'number' ? `[${p}]` : `.${String(p)}`)).join('') ?? '';
  const problem = (issue?.message ?? 'invalid').replace(/^Invalid input: /, '');
  throw new CustomerInputError(`message${path}: ${problem}`);
}
