import { sql } from 'drizzle-orm';
import {
  bigint,
  index,
  integer,
  jsonb,
  pgTable,
  primaryKey,
  text,
  timestamp,
  uniqueIndex,
  uuid,
} from 'drizzle-orm/pg-core';
import { users, workspaces } from '../auth/auth.schema';
import { channels } from '../channels/channels.schema';

const ts = (name: string) => timestamp(name, { withTimezone: true });

export const contacts = pgTable(
  'contacts',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    workspaceId: uuid('workspace_id')
      .notNull()
      .references(() => workspaces.id, { onDelete: 'cascade' }),
    /** WhatsApp's user id (digits); null for username-only senders known by BSUID. */
    waId: text('wa_id'),
    /** Business-scoped user id (e.g. US.1349...), when Meta sends one. */
    userId: text('user_id'),
    phone: text('phone'),
    name: text('name'),
    profileName: text('profile_name'),
    createdAt: ts('created_at').notNull().defaultNow(),
    updatedAt: ts('updated_at').notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex('contacts_workspace_wa_id_key').on(t.workspaceId, t.waId),
    uniqueIndex('contacts_workspace_user_id_key').on(t.workspaceId, t.userId),
  ],
);

export const conversations = pgTable(
  'conversations',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    workspaceId: uuid('workspace_id')
      .notNull()
      .references(() => workspaces.id, { onDelete: 'cascade' }),
    channelId: uuid('channel_id')
      .notNull()
      .references(() => channels.id, { onDelete: 'cascade' }),
    contactId: uuid('contact_id')
      .notNull()
      .references(() => contacts.id, { onDelete: 'cascade' }),
    status: text('status', { enum: ['open', 'pending', 'resolved', 'snoozed'] })
      .notNull()
      .default('open'),
    /** The customer's last message: the 24-hour window runs from here. */
    lastInboundAt: ts('last_inbound_at'),
    lastActivityAt: ts('last_activity_at').notNull().defaultNow(),
    unreadCount: integer('unread_count').notNull().default(0),
    createdAt: ts('created_at').notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex('conversations_channel_contact_key').on(t.channelId, t.contactId),
    index('conversations_workspace_activity_idx').on(t.workspaceId, t.lastActivityAt.desc(), t.id.desc()),
  ],
);

export const messages = pgTable(
  'messages',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    /**
     * Arrival order. WhatsApp's timestamps have whole seconds only, so messages of one second
     * are told apart by the order Charla stored them.
     */
    seq: bigint('seq', { mode: 'number' }).notNull().generatedAlwaysAsIdentity(),
    workspaceId: uuid('workspace_id')
      .notNull()
      .references(() => workspaces.id, { onDelete: 'cascade' }),
    conversationId: uuid('conversation_id')
      .notNull()
      .references(() => conversations.id, { onDelete: 'cascade' }),
    channelId: uuid('channel_id')
      .notNull()
      .references(() => channels.id, { onDelete: 'cascade' }),
    direction: text('direction', { enum: ['inbound', 'outbound'] }).notNull(),
    type: text('type').notNull(),
    text: text('text'),
    /** What it says in Charla's neutral terms (`MessageContent` in packages/contracts). */
    content: jsonb('content').notNull().default({}),
    /** The provider's message exactly as received (inbound): nothing is lost to the mapping. */
    raw: jsonb('raw'),
    /** The wamid. */
    externalId: text('external_id'),
    /** The wamid this message quotes (WhatsApp reply): resolved within the channel when read. */
    replyToExternalId: text('reply_to_external_id'),
    forwarded: text('forwarded', { enum: ['once', 'frequently'] }),
    /** The click-to-WhatsApp ad the customer came from. */
    referral: jsonb('referral'),
    status: text('status', { enum: ['queued', 'accepted', 'sent', 'delivered', 'read', 'failed'] }),
    error: jsonb('error'),
    senderUserId: uuid('sender_user_id').references(() => users.id, { onDelete: 'set null' }),
    /** When it happened: WhatsApp's timestamp for inbound, our clock for outbound. */
    occurredAt: ts('occurred_at').notNull(),
    sendAttemptedAt: ts('send_attempted_at'),
    createdAt: ts('created_at').notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex('messages_channel_external_id_key').on(t.channelId, t.externalId),
    index('messages_conversation_time_idx').on(t.conversationId, t.occurredAt.desc(), t.seq.desc()),
    index('messages_queued_idx').on(t.createdAt).where(sql`status = 'queued'`),
  ],
);

/** Every status Meta reported, kept even when it arrives before we know the wamid. */
export const messageStatusEvents = pgTable(
  'message_status_events',
  {
    channelId: uuid('channel_id')
      .notNull()
      .references(() => channels.id, { onDelete: 'cascade' }),
    externalId: text('external_id').notNull(),
    status: text('status').notNull(),
    occurredAt: ts('occurred_at').notNull(),
    errors: jsonb('errors'),
    receivedAt: ts('received_at').notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.channelId, t.externalId, t.status] })],
);

/**
 * One reaction per side per message: a newer reaction from the same side replaces the older
 * one; an empty emoji is a removal, kept (not deleted) so a late, older reaction cannot revive it.
 */
export const messageReactions = pgTable(
  'message_reactions',
  {
    messageId: uuid('message_id')
      .notNull()
      .references(() => messages.id, { onDelete: 'cascade' }),
    workspaceId: uuid('workspace_id')
      .notNull()
      .references(() => workspaces.id, { onDelete: 'cascade' }),
    direction: text('direction', { enum: ['inbound', 'outbound'] }).notNull(),
    emoji: text('emoji').notNull(),
    reactedAt: ts('reacted_at').notNull(),
  },
  (t) => [primaryKey({ columns: [t.messageId, t.direction] })],
);

/** Reactions to a wamid we do not know yet (out-of-order delivery); applied when it arrives. */
export const pendingReactions = pgTable(
  'pending_reactions',
  {
    workspaceId: uuid('workspace_id')
      .notNull()
      .references(() => workspaces.id, { onDelete: 'cascade' }),
    channelId: uuid('channel_id')
      .notNull()
      .references(() => channels.id, { onDelete: 'cascade' }),
    targetExternalId: text('target_external_id').notNull(),
    direction: text('direction', { enum: ['inbound', 'outbound'] }).notNull(),
    emoji: text('emoji').notNull(),
    reactedAt: ts('reacted_at').notNull(),
    receivedAt: ts('received_at').notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.channelId, t.targetExternalId, t.direction] })],
);

/** A file a message carries. Downloaded from the provider by a job, then served by Charla. */
export const media = pgTable(
  'media',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    workspaceId: uuid('workspace_id')
      .notNull()
      .references(() => workspaces.id, { onDelete: 'cascade' }),
    channelId: uuid('channel_id')
      .notNull()
      .references(() => channels.id, { onDelete: 'cascade' }),
    messageId: uuid('message_id').references(() => messages.id, { onDelete: 'cascade' }),
    /** inbound: a customer's file, downloaded; outbound: uploaded by an agent, sent by Charla. */
    direction: text('direction', { enum: ['inbound', 'outbound'] })
      .notNull()
      .default('inbound'),
    /**
     * The provider's media id (WhatsApp: Meta's media id); null when it never gave one. For an
     * outbound file, the id of its last upload to the provider, reused while it is still valid.
     */
    externalId: text('external_id'),
    /** When the outbound file was last uploaded to the provider (Meta keeps it 30 days). */
    externalUploadedAt: ts('external_uploaded_at'),
    mimeType: text('mime_type').notNull(),
    size: bigint('size', { mode: 'number' }),
    /** As the provider gave it (WhatsApp: base64 of the SHA-256 digest); checked on download. */
    sha256: text('sha256'),
    filename: text('filename'),
    /** Where MediaStorage keeps the bytes, once stored. */
    storageKey: text('storage_key'),
    state: text('state', { enum: ['pending', 'ready', 'failed'] })
      .notNull()
      .default('pending'),
    error: text('error'),
    createdAt: ts('created_at').notNull().defaultNow(),
    updatedAt: ts('updated_at').notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex('media_channel_external_id_key').on(t.channelId, t.externalId),
    index('media_message_idx').on(t.messageId),
    index('media_pending_idx').on(t.updatedAt).where(sql`state = 'pending'`),
  ],
);
