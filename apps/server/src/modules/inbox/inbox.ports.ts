import type { Media, Message, MessageContent, MessageError } from '@charla/contracts';

export type Referral = NonNullable<Message['referral']>;

/** A file a customer sent, as the channel described it; the bytes are fetched later by a job. */
export interface InboundMedia {
  /** The channel's id for the file (WhatsApp: Meta's media id); null when it gave none. */
  externalId: string | null;
  mimeType: string;
  sha256: string | null;
  filename: string | null;
  /** Set when the channel already said the file cannot be fetched (e.g. too big): stored as failed. */
  error: string | null;
}

type MediaContent = Extract<MessageContent, { media: Media }>;
/** `MessageContent` as a channel produces it: media are described, not yet stored. */
export type InboundContent =
  | Exclude<MessageContent, MediaContent>
  | (Omit<MediaContent, 'media'> & { media: InboundMedia });

/** A customer's message, already turned from the channel's wire format into neutral terms. */
export interface InboundMessage {
  workspaceId: string;
  channelId: string;
  /** The channel's id for the message (WhatsApp: the wamid). */
  externalId: string;
  occurredAt: Date;
  content: InboundContent;
  /** Plain-text preview (body, caption, location name...), null when there is nothing to say. */
  text: string | null;
  /** The message exactly as the channel sent it. */
  raw: unknown;
  /** The channel's id of the message this one quotes. */
  replyToExternalId: string | null;
  forwarded: 'once' | 'frequently' | null;
  referral: Referral | null;
  contact: { waId: string | null; userId: string | null; phone: string | null; profileName: string | null };
}

/** A reaction set (or removed, with an empty emoji) on a message known by its channel id. */
export interface InboundReaction {
  workspaceId: string;
  channelId: string;
  targetExternalId: string;
  direction: 'inbound' | 'outbound';
  /** '' removes the reaction. */
  emoji: string;
  occurredAt: Date;
}

export type DeliveryStatus = 'sent' | 'delivered' | 'read' | 'failed';

export interface DeliveryUpdate {
  workspaceId: string;
  channelId: string;
  externalId: string;
  status: DeliveryStatus;
  occurredAt: Date;
  error: MessageError | null;
}

export class SendFailure extends Error {
  constructor(
    readonly error: MessageError,
    /** Safe to try again later (throughput, outage) without risking a duplicate. */
    readonly retryable: boolean,
  ) {
    super(error.reason);
    this.name = 'SendFailure';
  }
}

/**
 * How the inbox reaches customers. The channels module implements it; the inbox never knows
 * which provider is behind a channel. Throws SendFailure with a reason a person understands.
 */
export interface ChannelGateway {
  sendText(input: { channelId: string; to: string; body: string }): Promise<{ externalId: string }>;
  markRead(input: { channelId: string; externalId: string }): Promise<void>;
}

/** Ids of what changed, for realtime pushes after the transaction commits. */
export interface InboxChange {
  workspaceId: string;
  conversationId: string;
  messageId?: string;
  kind: 'message.created' | 'message.updated' | 'conversation.updated';
}
