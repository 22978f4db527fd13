import type { MessageError } from '@charla/contracts';

/** A customer's message, already turned from the channel's wire format into neutral terms. */
export interface InboundMessage {
  workspaceId: string;
  channelId: string;
  /** The channel's id for the message (WhatsApp: the wamid). */
  externalId: string;
  occurredAt: Date;
  type: string;
  text: string | null;
  content: unknown;
  contact: { waId: string | null; userId: string | null; phone: string | null; profileName: string | null };
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
