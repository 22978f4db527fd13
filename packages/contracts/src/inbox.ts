import { z } from 'zod';
import { AutomatedBySchema } from './automated-by';
import { NoteSchema } from './collaboration';
import { MessageContentSchema, QuotedMessageSchema, ReactionSchema, ReferralSchema } from './message-content';

export { type AutomatedBy, AutomatedBySchema } from './automated-by';

/** queued: stored in Charla; accepted: Meta took it (wamid known); then the WhatsApp ticks. */
export const MessageStatusSchema = z.enum(['queued', 'accepted', 'sent', 'delivered', 'read', 'failed']);
export type MessageStatus = z.infer<typeof MessageStatusSchema>;

export const MessageErrorSchema = z.object({
  code: z.number().nullable(),
  /** A sentence a person understands: what went wrong and what to do. */
  reason: z.string(),
  details: z.string().nullable(),
});
export type MessageError = z.infer<typeof MessageErrorSchema>;

export const MessageSchema = z.object({
  id: z.string(),
  conversationId: z.string(),
  direction: z.enum(['inbound', 'outbound']),
  type: z.string(),
  /** Plain text of the message (text body, caption); untrusted for inbound: render as text. */
  text: z.string().nullable(),
  status: MessageStatusSchema.nullable(),
  error: MessageErrorSchema.nullable(),
  senderName: z.string().nullable(),
  /** Sent by an automation rule (its name as it was then), not by a person. */
  automatedBy: AutomatedBySchema.nullable().optional(),
  createdAt: z.string(),
  /** The full content by type; `text` above stays the plain-text preview. */
  content: MessageContentSchema,
  replyTo: QuotedMessageSchema.nullable(),
  reactions: z.array(ReactionSchema),
  /** WhatsApp marked it forwarded (`frequently` when forwarded many times). */
  forwarded: z.enum(['once', 'frequently']).nullable(),
  referral: ReferralSchema.nullable(),
  /** The customer deleted it on WhatsApp (then): agents keep what they saw, marked as deleted. */
  deletedByCustomerAt: z.string().nullable().optional(),
  /** The customer edited it: `text`/`content` show the new text, `previousText` the one before. */
  edited: z.object({ at: z.string(), previousText: z.string().nullable() }).nullable().optional(),
});
export type Message = z.infer<typeof MessageSchema>;

export const ContactSummarySchema = z.object({
  id: z.string(),
  name: z.string().nullable(),
  /** E.164, e.g. +5215512345678 */
  phone: z.string().nullable(),
  waId: z.string().nullable(),
});
export type ContactSummary = z.infer<typeof ContactSummarySchema>;

export const ConversationWindowSchema = z.object({
  isOpen: z.boolean(),
  /** When free-form messages stop being allowed (last customer message + 24 h). */
  expiresAt: z.string().nullable(),
});

export const ConversationStatusSchema = z.enum(['open', 'pending', 'resolved', 'snoozed']);
export type ConversationStatus = z.infer<typeof ConversationStatusSchema>;

export const PrioritySchema = z.enum(['none', 'low', 'medium', 'high', 'urgent']);
export type Priority = z.infer<typeof PrioritySchema>;

const NamedRefSchema = z.object({ id: z.string(), name: z.string() });

/** The palette labels are drawn from (the web maps each to its own light/dark colours). */
export const LABEL_COLORS = [
  'gray',
  'red',
  'orange',
  'amber',
  'green',
  'teal',
  'blue',
  'indigo',
  'purple',
  'pink',
] as const;
export const LabelColorSchema = z.enum(LABEL_COLORS);
export type LabelColor = z.infer<typeof LabelColorSchema>;

/** A workspace label for conversations (`Pedido`, `Reclamación`). */
export const LabelSchema = z.object({ id: z.string(), name: z.string(), color: LabelColorSchema });
export type Label = z.infer<typeof LabelSchema>;

export const LabelRequestSchema = z.object({
  name: z.string().trim().min(1, 'Give the label a name').max(40, 'A label name has at most 40 characters'),
  color: LabelColorSchema,
});
export type LabelRequest = z.input<typeof LabelRequestSchema>;

export const ConversationSchema = z.object({
  id: z.string(),
  channelId: z.string(),
  channelName: z.string(),
  /** `sandbox`: a simulated number, where the window can be closed early to try templates. */
  channelKind: z.enum(['sandbox', 'cloud']),
  contact: ContactSummarySchema,
  status: ConversationStatusSchema,
  /** When a snoozed conversation reopens itself; null unless snoozed. */
  snoozedUntil: z.string().nullable(),
  priority: PrioritySchema,
  assignee: NamedRefSchema.nullable(),
  team: NamedRefSchema.nullable(),
  /** Since when it waits in its team's queue with nobody assigned; null when it does not wait. */
  waitingSince: z.string().nullable(),
  unreadCount: z.number().int(),
  lastMessage: z
    .object({
      text: z.string().nullable(),
      type: z.string(),
      direction: z.enum(['inbound', 'outbound']),
      status: MessageStatusSchema.nullable(),
      at: z.string(),
    })
    .nullable(),
  lastActivityAt: z.string(),
  window: ConversationWindowSchema,
  /** The conversation's labels, by name. */
  labels: z.array(LabelSchema),
});
export type Conversation = z.infer<typeof ConversationSchema>;

export const ConversationListSchema = z.object({
  items: z.array(ConversationSchema),
  nextCursor: z.string().nullable(),
});
export type ConversationList = z.infer<typeof ConversationListSchema>;

/**
 * A change to the conversation, shown in the thread as a small system line. `from`/`to` are
 * statuses or priorities, or `{id,name}` of the user or team for assignments (null: nobody).
 */
export const ConversationEventSchema = z.object({
  id: z.string(),
  /**
   * `label`: `to` (added) or `from` (removed) is the label's name; `reopened`: the customer wrote
   * to a resolved or snoozed conversation (`from` the old status); `merged`: a contact was merged
   * into this conversation's contact (`from` is the merged contact's name or phone); `consent`: the
   * contact opted out or back in (`to` `opted_out`/`opted_in`, `from` the previous state, `note`
   * the source: `customer_keyword` or `whatsapp`); `automation`: what a rule did that is not a
   * change of state (`to`: replied, note, tagged, untagged, attribute, or skipped with the reason
   * in `note`), with the rule in `automatedBy`.
   */
  kind: z.enum([
    'status',
    'priority',
    'assignee',
    'team',
    'label',
    'reopened',
    'merged',
    'consent',
    'automation',
  ]),
  /** Who did it; null when Charla did (automatic assignment, a snooze ending). */
  actor: NamedRefSchema.nullable(),
  from: z.string().nullable(),
  to: z.string().nullable(),
  /** Names of the user or team for assignment events. */
  fromName: z.string().nullable(),
  toName: z.string().nullable(),
  note: z.string().nullable(),
  /** Done by an automation rule (its name as it was then); `actor` is null. */
  automatedBy: AutomatedBySchema.nullable().optional(),
  at: z.string(),
});
export type ConversationEvent = z.infer<typeof ConversationEventSchema>;

export const UpdateConversationRequestSchema = z
  .object({
    status: ConversationStatusSchema.optional(),
    /** Required with status `snoozed`: an ISO date-time in the future. */
    snoozedUntil: z.iso.datetime({ offset: true }).optional(),
    priority: PrioritySchema.optional(),
    note: z.string().trim().max(1000).optional(),
  })
  .refine((r) => r.status !== undefined || r.priority !== undefined, 'Send a status or a priority');
export type UpdateConversationRequest = z.input<typeof UpdateConversationRequestSchema>;

/** Assign (or transfer, with a note) to an agent, a team, both, or nobody (null). */
export const AssignConversationRequestSchema = z.object({
  assigneeUserId: z.uuid().nullable().optional(),
  teamId: z.uuid().nullable().optional(),
  note: z.string().trim().max(1000).optional(),
});
export type AssignConversationRequest = z.input<typeof AssignConversationRequestSchema>;

export const ThreadSchema = z.object({
  conversation: ConversationSchema,
  /** Oldest first. */
  messages: z.array(MessageSchema),
  /** Changes of status, priority and assignment within the time the messages span (all of them on the latest page), oldest first. */
  events: z.array(ConversationEventSchema),
  /** Internal notes within the time the messages span (all later ones on the latest page), oldest first. */
  notes: z.array(NoteSchema),
  /** Pass as ?before= to load older messages. */
  olderCursor: z.string().nullable(),
});
export type Thread = z.infer<typeof ThreadSchema>;

export const SendTextRequestSchema = z.object({
  text: z
    .string()
    .trim()
    .min(1, 'Write a message first')
    .max(4096, 'WhatsApp allows at most 4096 characters'),
});
export type SendTextRequest = z.input<typeof SendTextRequestSchema>;
