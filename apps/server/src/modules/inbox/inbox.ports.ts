import type {
  Interactive,
  Media,
  MediaKind,
  Message,
  MessageContent,
  MessageError,
  TemplateMessage,
} from '@charla/contracts';
import type { Query } from '../../platform/db/database';

export type Referral = NonNullable<Message['referral']>;
export type ContactCard = Extract<MessageContent, { type: 'contacts' }>['contacts'][number];

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
  /**
   * Who wrote: the phone's WhatsApp id and/or the business-scoped user id (BSUID), with what
   * WhatsApp tells about them. Either id alone finds the contact; both together link them.
   */
  contact: InboundSender;
  /** WhatsApp says this customer's number or user id changed (a system message): re-link the contact. */
  identityChange?: IdentityChange;
}

export interface InboundSender {
  waId: string | null;
  userId: string | null;
  phone: string | null;
  profileName: string | null;
  /** The BSUID of the customer across the business's managed portfolio (`parent_user_id`). */
  parentUserId?: string | null;
  /** The customer's WhatsApp username, when they chose one. */
  username?: string | null;
}

/** The customer's new WhatsApp identity after a number change or a user id change. */
export type IdentityChange =
  | { kind: 'number'; newWaId: string; newUserId: string | null; newParentUserId: string | null }
  | { kind: 'user_id'; newUserId: string; newParentUserId: string | null };

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
  /** What the sender attached to the message (`callbackData`), echoed by the channel. */
  callbackData?: string | null;
}

export class SendFailure extends Error {
  constructor(
    readonly error: MessageError,
    /** Safe to try again later (throughput, outage) without risking a duplicate. */
    readonly retryable: boolean,
    /** No answer: the message may have reached the channel (a retry could duplicate it). */
    readonly mayHaveBeenSent = false,
  ) {
    super(error.reason);
    this.name = 'SendFailure';
  }
}

/** A file Charla keeps, to send. The channel reads the bytes only when it must upload them. */
export interface OutboundFile {
  /** Charla's media id. */
  mediaId: string;
  mimeType: string;
  filename: string | null;
  /** The channel's id from an earlier upload of this file, and when that upload happened. */
  uploaded: { externalId: string; at: Date } | null;
  read(): Promise<Uint8Array>;
  /** Called right after a fresh upload, so a retry or a later send can reuse it. */
  remember(externalId: string, at: Date): Promise<void>;
}

/** What Charla sends, in neutral terms; the channel maps it to its wire format. */
export type OutboundContent =
  | { type: 'text'; body: string }
  | { type: MediaKind; file: OutboundFile; caption: string | null; voice: boolean }
  | { type: 'location'; latitude: number; longitude: number; name: string | null; address: string | null }
  | { type: 'contacts'; contacts: ContactCard[] }
  | { type: 'interactive'; interactive: Interactive }
  /** '' removes our reaction. */
  | { type: 'reaction'; targetExternalId: string; emoji: string }
  /** An approved template with its values; `headerFile` for an image/video/document header. */
  | { type: 'template'; template: TemplateMessage; headerFile: OutboundFile | null };

export interface OutboundMessage {
  channelId: string;
  /** The customer's address on the channel (WhatsApp: wa_id digits). */
  to: string;
  content: OutboundContent;
  /** The channel's id of the message this one quotes. */
  replyToExternalId: string | null;
  /** Echoed back in the message's status updates (WhatsApp: biz_opaque_callback_data); broadcasts name the recipient. */
  callbackData?: string;
  /**
   * Awaited right before the request leaves, after everything else is ready, so a pacer
   * measures the moment Meta sees; false gives up without sending (NotSent is thrown).
   */
  beforeRequest?: () => Promise<boolean>;
}

/** Thrown by ChannelGateway.send when `beforeRequest` said no: nothing left Charla. */
export class NotSent extends Error {
  constructor() {
    super('The send was withdrawn before it left Charla.');
  }
}

/** Content to check before anything is queued: a file is known by its description only. */
export type OutboundDraft =
  | Exclude<OutboundContent, { file: OutboundFile }>
  | (Omit<Extract<OutboundContent, { file: OutboundFile }>, 'file'> & {
      file: Pick<OutboundFile, 'mimeType' | 'filename'>;
    });

/**
 * How the inbox reaches customers. The channels module implements it; the inbox never knows
 * which provider is behind a channel. `send` throws SendFailure with a reason a person understands.
 */
export interface ChannelGateway {
  send(message: OutboundMessage): Promise<{ externalId: string }>;
  markRead(input: { channelId: string; externalId: string }): Promise<void>;
  /** null when the channel accepts a file of this kind, type and size; else what is wrong and the limit. */
  checkMedia(kind: MediaKind, mimeType: string, size: number): string | null;
  /** The same for the sample a template's media header shows the reviewer (narrower types). */
  checkHeaderSample(kind: MediaKind, mimeType: string, size: number): string | null;
  /** null when the channel accepts this content (lengths, counts, formats); else the field and the rule. */
  checkContent(draft: { content: OutboundDraft; replyToExternalId: string | null }): string | null;
  /**
   * Sandbox numbers only: time passes for this customer on the simulated WhatsApp side, so its own
   * 24-hour window closes too and a free-form send is refused there as Meta would. Throws for a real number.
   */
  closeSandboxWindow(input: { channelId: string; to: string }): Promise<void>;
}

/** Ids of what changed, for realtime pushes after the transaction commits. */
export interface InboxChange {
  workspaceId: string;
  conversationId: string;
  messageId?: string;
  /** note.mentioned: the note, and the mentioned member (the only one told). */
  noteId?: string;
  userId?: string;
  kind: 'message.created' | 'message.updated' | 'conversation.updated' | 'note.mentioned';
  /**
   * conversation.updated after a reassignment: who had it before. An agent who could see it only
   * through that assignee or team hears this one event, so their inbox drops it at once.
   */
  formerlyAssigned?: { userId: string | null; teamId: string | null };
}

/**
 * Where sends wait to leave Charla (modules/outbox): every message, reaction and read receipt
 * goes through its number's one pipeline. `enqueue` writes inside the caller's transaction;
 * `wake` after it committed sends them at once.
 */
export interface OutboxPort {
  enqueue(
    query: Query,
    items: {
      kind: 'message' | 'reaction' | 'read_receipt';
      workspaceId: string;
      channelId: string;
      conversationId: string;
      messageId: string;
      payload?: { emoji: string; reactedAt: string } | null;
    }[],
  ): Promise<void>;
  wake(channelIds: string[]): void;
}

/** A change a member made to a conversation that automation rules may wait for. */
export type ConversationChange =
  | { type: 'label_added'; labelId: string }
  | { type: 'status_changed'; from: string; to: string };

/**
 * Automation hears members' changes (a label put on, a status changed, a snooze ending) through
 * this port, in the change's own transaction; never automation's own changes, so rules do not
 * set each other off.
 */
export interface AutomationEventsPort {
  /** Queues the changes for the rules waiting for them; how many it queued. */
  queue(
    query: Query,
    events: { workspaceId: string; conversationId: string; change: ConversationChange }[],
  ): Promise<number>;
  /** After commit, when `queue` took any. */
  wake(): void;
}
