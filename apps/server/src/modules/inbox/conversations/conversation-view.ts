import type { Conversation, Message, MessageStatus } from '@charla/contracts';
import { getConversationWindow } from './conversation-window';

/** The columns the list and thread queries select, and how they become the API's shapes. */
export const CONVERSATION_COLUMNS = `
  c.id, c.channel_id, ch.name AS channel_name, c.status, c.unread_count, c.last_inbound_at, c.last_activity_at,
  ct.id AS contact_id, ct.name AS contact_name, ct.phone AS contact_phone, ct.wa_id AS contact_wa_id,
  lm.text AS lm_text, lm.type AS lm_type, lm.direction AS lm_direction, lm.status AS lm_status, lm.occurred_at AS lm_at`;

export const CONVERSATION_FROM = `
  conversations c
  JOIN contacts ct ON ct.id = c.contact_id
  JOIN channels ch ON ch.id = c.channel_id
  LEFT JOIN LATERAL (
    SELECT text, type, direction, status, occurred_at FROM messages m
     WHERE m.conversation_id = c.id ORDER BY m.occurred_at DESC, m.id DESC LIMIT 1
  ) lm ON true`;

export interface ConversationRow {
  id: string;
  channel_id: string;
  channel_name: string;
  status: Conversation['status'];
  unread_count: number;
  last_inbound_at: Date | null;
  last_activity_at: Date;
  contact_id: string;
  contact_name: string | null;
  contact_phone: string | null;
  contact_wa_id: string | null;
  lm_text: string | null;
  lm_type: string | null;
  lm_direction: 'inbound' | 'outbound' | null;
  lm_status: MessageStatus | null;
  lm_at: Date | null;
}

const iso = (d: Date | string) => new Date(d).toISOString();

export function toConversation(r: ConversationRow, now: Date): Conversation {
  const lastInbound = r.last_inbound_at ? new Date(r.last_inbound_at) : null;
  const window = getConversationWindow(lastInbound, now);
  return {
    id: r.id,
    channelId: r.channel_id,
    channelName: r.channel_name,
    contact: { id: r.contact_id, name: r.contact_name, phone: r.contact_phone, waId: r.contact_wa_id },
    status: r.status,
    unreadCount: r.unread_count,
    lastMessage:
      r.lm_at && r.lm_type && r.lm_direction
        ? {
            text: r.lm_text,
            type: r.lm_type,
            direction: r.lm_direction,
            status: r.lm_status,
            at: iso(r.lm_at),
          }
        : null,
    lastActivityAt: iso(r.last_activity_at),
    window: { isOpen: window.isOpen, expiresAt: window.expiresAt?.toISOString() ?? null },
  };
}

export interface MessageRow {
  id: string;
  conversation_id: string;
  direction: 'inbound' | 'outbound';
  type: string;
  text: string | null;
  status: MessageStatus | null;
  error: Message['error'];
  sender_name: string | null;
  occurred_at: Date;
}

export const MESSAGE_COLUMNS = `m.id, m.conversation_id, m.direction, m.type, m.text, m.status, m.error,
  u.name AS sender_name, m.occurred_at`;

export function toMessage(r: MessageRow): Message {
  return {
    id: r.id,
    conversationId: r.conversation_id,
    direction: r.direction,
    type: r.type,
    text: r.text,
    status: r.status,
    error: r.error,
    senderName: r.sender_name,
    createdAt: iso(r.occurred_at),
  };
}
