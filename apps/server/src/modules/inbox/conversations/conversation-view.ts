import {
  type Conversation,
  type Label,
  type Media,
  type Message,
  type MessageContent,
  MessageContentSchema,
  type MessageStatus,
  type Reaction,
} from '@charla/contracts';
import { quotedPreviewOf } from '../messages/message-preview';
import { getConversationWindow } from './conversation-window';

/** The columns the list and thread queries select, and how they become the API's shapes. */
export const CONVERSATION_COLUMNS = `
  c.id, c.channel_id, ch.name AS channel_name, ch.kind AS channel_kind, c.status, c.unread_count, c.last_inbound_at, c.last_activity_at,
  c.snoozed_until, c.priority, c.queued_at, c.assignee_user_id, au.name AS assignee_name, c.team_id, tm.name AS team_name,
  ct.id AS contact_id, ct.name AS contact_name, ct.phone AS contact_phone, ct.wa_id AS contact_wa_id,
  lm.text AS lm_text, lm.type AS lm_type, lm.direction AS lm_direction, lm.status AS lm_status, lm.occurred_at AS lm_at,
  (SELECT COALESCE(json_agg(json_build_object('id', l.id, 'name', l.name, 'color', l.color) ORDER BY lower(l.name)), '[]'::json)
     FROM conversation_labels cl JOIN labels l ON l.id = cl.label_id WHERE cl.conversation_id = c.id) AS labels`;

export const CONVERSATION_FROM = `
  conversations c
  JOIN contacts ct ON ct.id = c.contact_id
  JOIN channels ch ON ch.id = c.channel_id
  LEFT JOIN users au ON au.id = c.assignee_user_id
  LEFT JOIN teams tm ON tm.id = c.team_id
  LEFT JOIN LATERAL (
    SELECT text, type, direction, status, occurred_at FROM messages m
     WHERE m.conversation_id = c.id ORDER BY m.occurred_at DESC NULLS LAST, m.seq DESC NULLS LAST LIMIT 1
  ) lm ON true`;

export interface ConversationRow {
  id: string;
  channel_id: string;
  channel_name: string;
  channel_kind: Conversation['channelKind'];
  status: Conversation['status'];
  unread_count: number;
  last_inbound_at: Date | null;
  last_activity_at: Date;
  snoozed_until: Date | null;
  priority: Conversation['priority'];
  queued_at: Date | null;
  assignee_user_id: string | null;
  assignee_name: string | null;
  team_id: string | null;
  team_name: string | null;
  contact_id: string;
  contact_name: string | null;
  contact_phone: string | null;
  contact_wa_id: string | null;
  lm_text: string | null;
  lm_type: string | null;
  lm_direction: 'inbound' | 'outbound' | null;
  lm_status: MessageStatus | null;
  lm_at: Date | null;
  labels: Label[] | string | null;
}

const iso = (d: Date | string) => new Date(d).toISOString();

export function toConversation(r: ConversationRow, now: Date): Conversation {
  const lastInbound = r.last_inbound_at ? new Date(r.last_inbound_at) : null;
  const window = getConversationWindow(lastInbound, now);
  return {
    id: r.id,
    channelId: r.channel_id,
    channelName: r.channel_name,
    channelKind: r.channel_kind,
    contact: { id: r.contact_id, name: r.contact_name, phone: r.contact_phone, waId: r.contact_wa_id },
    status: r.status,
    snoozedUntil: r.status === 'snoozed' && r.snoozed_until ? iso(r.snoozed_until) : null,
    priority: r.priority,
    assignee: r.assignee_user_id ? { id: r.assignee_user_id, name: r.assignee_name ?? '' } : null,
    team: r.team_id ? { id: r.team_id, name: r.team_name ?? '' } : null,
    waitingSince:
      r.queued_at && !r.assignee_user_id && (r.status === 'open' || r.status === 'pending')
        ? iso(r.queued_at)
        : null,
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
    labels: typeof r.labels === 'string' ? JSON.parse(r.labels) : (r.labels ?? []),
  };
}

export interface MessageRow {
  id: string;
  /** bigint: node-postgres gives a string, PGlite may give a number. */
  seq: string | number;
  conversation_id: string;
  direction: 'inbound' | 'outbound';
  type: string;
  text: string | null;
  status: MessageStatus | null;
  error: Message['error'];
  sender_name: string | null;
  automated_by?: Message['automatedBy'];
  occurred_at: Date;
  content: unknown;
  forwarded: Message['forwarded'];
  referral: Message['referral'];
  q_id: string | null;
  q_direction: 'inbound' | 'outbound' | null;
  q_text: string | null;
  q_type: string | null;
  /** When the customer deleted it (a later `revoke` message naming it), if they did. */
  deleted_at?: Date | string | null;
  /** The customer's latest edit of it (a later `edit` message naming it), if any. */
  last_edit?: { at: string; text: string | null } | string | null;
}

// A customer's deletion or edit arrives as its own message naming the original by its WhatsApp id
// (content.targetId); the original is marked when read, so nothing an agent saw is rewritten.
const CUSTOMER_CHANGES = `CASE WHEN m.direction = 'inbound' AND m.external_id IS NOT NULL THEN
    (SELECT max(x.occurred_at) FROM messages x
      WHERE x.conversation_id = m.conversation_id AND x.type = 'revoke' AND x.direction = 'inbound'
        AND x.content->>'targetId' = m.external_id) END AS deleted_at,
  CASE WHEN m.direction = 'inbound' AND m.external_id IS NOT NULL THEN
    (SELECT jsonb_build_object('at', x.occurred_at, 'text', x.content->>'text') FROM messages x
      WHERE x.conversation_id = m.conversation_id AND x.type = 'edit' AND x.direction = 'inbound'
        AND x.content->>'targetId' = m.external_id
      ORDER BY x.occurred_at DESC, x.seq DESC LIMIT 1) END AS last_edit`;

export const MESSAGE_COLUMNS = `m.id, m.seq, m.conversation_id, m.direction, m.type, m.text, m.status, m.error,
  u.name AS sender_name, m.automated_by, m.occurred_at, m.content, m.forwarded, m.referral,
  q.id AS q_id, q.direction AS q_direction, q.text AS q_text, q.type AS q_type,
  ${CUSTOMER_CHANGES}`;

/** The quoted message is found by its wamid within the same channel (and workspace). */
export const MESSAGE_FROM = `messages m
  LEFT JOIN users u ON u.id = m.sender_user_id
  LEFT JOIN messages q ON q.channel_id = m.channel_id AND q.external_id = m.reply_to_external_id
                      AND q.workspace_id = m.workspace_id`;

export interface MediaRow {
  id: string;
  mime_type: string;
  size: string | number | null;
  filename: string | null;
  state: Media['state'];
  error: string | null;
  /** A customer's file whose checksum nobody gave (see Media.unchecked). */
  unchecked?: boolean | null;
}

export interface ReactionRow {
  message_id: string;
  direction: 'inbound' | 'outbound';
  emoji: string;
  reacted_at: Date;
}

export const mediaUrl = (id: string) => `/api/media/${id}`;

export function toMedia(r: MediaRow): Media {
  return {
    id: r.id,
    url: r.state === 'ready' ? mediaUrl(r.id) : null,
    mimeType: r.mime_type,
    size: r.size === null ? null : Number(r.size),
    filename: r.filename,
    state: r.state,
    error: r.error,
    ...(r.unchecked ? { unchecked: true } : {}),
  };
}

/** The media id a stored content names, when it names a well-formed one. */
export function mediaIdOf(content: unknown): string | null {
  const id = (content as { media?: { id?: unknown } } | null)?.media?.id;
  return typeof id === 'string' && UUID.test(id) ? id : null;
}
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

function contentOf(r: MessageRow, media: Map<string, Media>): MessageContent {
  const parsed = MessageContentSchema.safeParse(r.content);
  if (!parsed.success) {
    return { type: 'unsupported', kind: r.type, reason: 'Charla could not read this stored message.' };
  }
  const content = parsed.data;
  if (!('media' in content)) return content;
  // The row is the truth for a file (its download moves on after the message is stored).
  const current = media.get(content.media.id);
  return current ? { ...content, media: current } : content;
}

export function toMessage(
  r: MessageRow,
  related: { reactions: Map<string, Reaction[]>; media: Map<string, Media> } = {
    reactions: new Map(),
    media: new Map(),
  },
): Message {
  return {
    id: r.id,
    conversationId: r.conversation_id,
    direction: r.direction,
    type: r.type,
    text: r.text,
    status: r.status,
    error: r.error,
    senderName: r.sender_name,
    automatedBy: r.automated_by ?? null,
    createdAt: iso(r.occurred_at),
    content: contentOf(r, related.media),
    replyTo:
      r.q_id && r.q_direction
        ? { id: r.q_id, direction: r.q_direction, preview: quotedPreviewOf(r.q_text, r.q_type ?? '') }
        : null,
    reactions: related.reactions.get(r.id) ?? [],
    forwarded: r.forwarded,
    referral: r.referral,
    ...customerChanges(r, related.media),
  };
}

/** The marks a customer's later deletion or edit puts on their message (see CUSTOMER_CHANGES). */
function customerChanges(
  r: MessageRow,
  media: Map<string, Media>,
): Pick<Message, 'deletedByCustomerAt' | 'edited'> & Partial<Pick<Message, 'text' | 'content'>> {
  const edit = typeof r.last_edit === 'string' ? JSON.parse(r.last_edit) : r.last_edit;
  const changes: ReturnType<typeof customerChanges> = {
    deletedByCustomerAt: r.deleted_at ? iso(r.deleted_at) : null,
    edited: null,
  };
  if (!edit || edit.text === null) return changes;
  const content = contentOf(r, media);
  const edited =
    content.type === 'text'
      ? { ...content, body: edit.text }
      : 'caption' in content && content.type !== 'audio' && content.type !== 'sticker'
        ? { ...content, caption: edit.text }
        : null;
  if (!edited) return changes;
  return {
    ...changes,
    edited: { at: iso(edit.at), previousText: r.text },
    text: edit.text,
    content: edited,
  };
}
