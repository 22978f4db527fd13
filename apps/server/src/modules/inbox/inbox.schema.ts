import { sql } from 'drizzle-orm';
import {
  bigint,
  customType,
  index,
  integer,
  jsonb,
  pgTable,
  primaryKey,
  text,
  uniqueIndex,
  uuid,
} from 'drizzle-orm/pg-core';
import { createdAt, ts } from '../../platform/db/columns';
import { teams, users, workspaceIdColumn } from '../auth/auth.schema';
import { channels } from '../channels/channels.schema';
import { contacts } from '../contacts/contacts.schema';

const tsvector = customType<{ data: string }>({
  dataType: () => 'tsvector',
});

export const conversations = pgTable(
  'conversations',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    workspaceId: workspaceIdColumn(),
    channelId: uuid('channel_id')
      .notNull()
      .references(() => channels.id, { onDelete: 'cascade' }),
    contactId: uuid('contact_id')
      .notNull()
      .references(() => contacts.id, { onDelete: 'cascade' }),
    status: text('status', { enum: ['open', 'pending', 'resolved', 'snoozed'] })
      .notNull()
      .default('open'),
    /** A snoozed conversation reopens itself at this time (or on the customer's next message). */
    snoozedUntil: ts('snoozed_until'),
    priority: text('priority', { enum: ['none', 'low', 'medium', 'high', 'urgent'] })
      .notNull()
      .default('none'),
    assigneeUserId: uuid('assignee_user_id').references(() => users.id, { onDelete: 'set null' }),
    teamId: uuid('team_id').references(() => teams.id, { onDelete: 'set null' }),
    /** The customer's last message: the 24-hour window runs from here. */
    lastInboundAt: ts('last_inbound_at'),
    lastActivityAt: ts('last_activity_at').notNull().defaultNow(),
    unreadCount: integer('unread_count').notNull().default(0),
    /**
     * Since when it waits for someone (modules/inbox/routing): set when it becomes open with
     * nobody assigned, cleared when someone takes it. Waiting means this, no assignee and open or
     * pending.
     */
    queuedAt: ts('queued_at'),
    createdAt: createdAt(),
  },
  (t) => [
    uniqueIndex('conversations_channel_contact_key').on(t.channelId, t.contactId),
    index('conversations_workspace_activity_idx').on(t.workspaceId, t.lastActivityAt.desc(), t.id.desc()),
    // Partial: most conversations (every one a broadcast opens) have neither, and a NULL entry
    // would cost each insert an index write that no query reads.
    index('conversations_assignee_idx').on(t.assigneeUserId).where(sql`assignee_user_id IS NOT NULL`),
    index('conversations_team_idx').on(t.teamId).where(sql`team_id IS NOT NULL`),
    index('conversations_snoozed_idx').on(t.snoozedUntil).where(sql`status = 'snoozed'`),
    // Inbox filters (list-conversations.ts): each keeps "most recent first" an index walk.
    index('conversations_workspace_status_activity_idx').on(
      t.workspaceId,
      t.status,
      t.lastActivityAt.desc(),
      t.id.desc(),
    ),
    index('conversations_workspace_unread_activity_idx')
      .on(t.workspaceId, t.lastActivityAt.desc(), t.id.desc())
      .where(sql`unread_count > 0`),
    index('conversations_workspace_inbound_idx').on(t.workspaceId, t.lastInboundAt.desc()),
    // Each team's queue, oldest first; only the conversations waiting are in it.
    index('conversations_waiting_idx')
      .on(t.workspaceId, t.teamId, t.queuedAt, t.id)
      .where(sql`queued_at IS NOT NULL AND assignee_user_id IS NULL AND status IN ('open', 'pending')`),
  ],
);

/** Who changed what on a conversation, and when: assignments, statuses, priorities. */
export const conversationEvents = pgTable(
  'conversation_events',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    /** Order of changes made within the same instant. */
    seq: bigint('seq', { mode: 'number' }).notNull().generatedAlwaysAsIdentity(),
    workspaceId: workspaceIdColumn(),
    conversationId: uuid('conversation_id')
      .notNull()
      .references(() => conversations.id, { onDelete: 'cascade' }),
    /** null when Charla did it (automatic assignment, a snooze ending, a customer's message). */
    actorUserId: uuid('actor_user_id').references(() => users.id, { onDelete: 'set null' }),
    kind: text('kind', {
      enum: [
        'status',
        'priority',
        'assignee',
        'team',
        'label',
        'reopened',
        'merged',
        'consent',
        'automation',
      ],
    }).notNull(),
    /** Status/priority values, or user/team ids for assignments; null for none. */
    fromValue: text('from_value'),
    toValue: text('to_value'),
    note: text('note'),
    /** Done by automation: `{kind: 'rule', id, name}` as it was then (actor_user_id is null). */
    automatedBy: jsonb('automated_by'),
    occurredAt: ts('occurred_at').notNull(),
  },
  (t) => [
    index('conversation_events_conversation_idx').on(t.conversationId, t.occurredAt),
    index('conversation_events_seq_idx').on(t.seq),
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
    // The workspace and the number are the conversation's (copied here for the indexes that lead
    // with them). No foreign keys of their own: the conversation's already cascade a deletion, and
    // each one cost a lookup and a row lock per stored message (bench/broadcast.ts).
    workspaceId: uuid('workspace_id').notNull(),
    conversationId: uuid('conversation_id')
      .notNull()
      .references(() => conversations.id, { onDelete: 'cascade' }),
    channelId: uuid('channel_id').notNull(),
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
    /** When Meta first reported it delivered (or read, which implies it) and read. */
    deliveredAt: ts('delivered_at'),
    readAt: ts('read_at'),
    senderUserId: uuid('sender_user_id').references(() => users.id, { onDelete: 'set null' }),
    /** Sent by automation, not a person: `{kind: 'rule', id, name}` as it was when sent. */
    automatedBy: jsonb('automated_by'),
    /** When it happened: WhatsApp's timestamp for inbound, our clock for outbound. */
    occurredAt: ts('occurred_at').notNull(),
    sendAttemptedAt: ts('send_attempted_at'),
    createdAt: createdAt(),
    /**
     * Full-text search: the text stemmed as Spanish and as English, so "zapato" finds "zapatos"
     * and "ship" finds "shipped" whatever language the customer wrote in (search/search-messages.ts).
     */
    searchVector: tsvector('search_vector').generatedAlwaysAs(
      sql`to_tsvector('spanish'::regconfig, coalesce(text, '')) || to_tsvector('english'::regconfig, coalesce(text, ''))`,
    ),
  },
  (t) => [
    uniqueIndex('messages_channel_external_id_key').on(t.channelId, t.externalId),
    index('messages_conversation_time_idx').on(t.conversationId, t.occurredAt.desc(), t.seq.desc()),
    // Outbound messages not handed to Meta yet (crash recovery). Not keyed on `status`: a column
    // in an index predicate makes every status update (sent, delivered, read) a non-HOT update
    // that writes a new entry into every index of the table, the search index included.
    index('messages_unsent_idx').on(t.createdAt).where(sql`external_id IS NULL AND direction = 'outbound'`),
    index('messages_search_idx').using('gin', t.searchVector),
    /** Search results newest first: a frequent word is answered by walking this index. */
    index('messages_workspace_time_idx').on(t.workspaceId, t.occurredAt.desc(), t.seq.desc()),
    /** What is new since a reader last looked (modules/reports reads on from its last seq). */
    index('messages_seq_idx').on(t.seq),
  ],
);

/**
 * Statuses Meta reported for a wamid no message had when they were ingested: a send still storing
 * its wamid, or a message sent outside Charla. Applied when the message appears (applyStoredStatuses).
 */
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
    workspaceId: workspaceIdColumn(),
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
    workspaceId: workspaceIdColumn(),
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

/**
 * A file a message carries. Downloaded from the provider by the media download worker (the
 * pending rows are its queue), then served by Charla.
 */
export const media = pgTable(
  'media',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    workspaceId: workspaceIdColumn(),
    /** null for a file of the workspace rather than of a number: a template header's sample. */
    channelId: uuid('channel_id').references(() => channels.id, { onDelete: 'cascade' }),
    messageId: uuid('message_id').references(() => messages.id, { onDelete: 'cascade' }),
    /**
     * The conversation an agent attached the file to, before it is sent: who may not see that
     * conversation may not read the file either. null for customers' files (their message says)
     * and workspace files.
     */
    conversationId: uuid('conversation_id').references(() => conversations.id, { onDelete: 'set null' }),
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
    /** Download attempts so far (counted when one starts); the last one fails the file. */
    downloadAttempts: integer('download_attempts').notNull().default(0),
    /** A pending file is not downloaded before this (database time): a retry's backoff. */
    downloadAfter: ts('download_after').notNull().defaultNow(),
    /** When a process took the file to download; a claim this old is a dead process's, taken again. */
    downloadClaimedAt: ts('download_claimed_at'),
    createdAt: createdAt(),
    updatedAt: ts('updated_at').notNull().defaultNow(),
  },
  (t) => [
    // Not unique: two messages may name one provider file (a forward, a resend) and each keeps its
    // own row, with its own type, MIME type and file name.
    index('media_channel_external_id_idx').on(t.channelId, t.externalId),
    index('media_message_idx').on(t.messageId),
    index('media_download_queue_idx').on(t.channelId, t.downloadAfter).where(sql`state = 'pending'`),
  ],
);

/** Internal notes on a conversation: the team's, never sent to the customer. */
export const conversationNotes = pgTable(
  'conversation_notes',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    seq: bigint('seq', { mode: 'number' }).notNull().generatedAlwaysAsIdentity(),
    workspaceId: workspaceIdColumn(),
    conversationId: uuid('conversation_id')
      .notNull()
      .references(() => conversations.id, { onDelete: 'cascade' }),
    authorUserId: uuid('author_user_id').references(() => users.id, { onDelete: 'set null' }),
    body: text('body').notNull(),
    mentionedUserIds: uuid('mentioned_user_ids').array().notNull().default(sql`'{}'::uuid[]`),
    /** Written by an API key or a rule (`{kind, id, name}`); author_user_id is null then. */
    automatedBy: jsonb('automated_by'),
    createdAt: ts('created_at').notNull(),
  },
  (t) => [index('conversation_notes_conversation_idx').on(t.conversationId, t.createdAt)],
);

/** Saved answers an agent inserts with `/shortcut`; `{{variables}}` are filled when inserted. */
export const cannedResponses = pgTable(
  'canned_responses',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    workspaceId: workspaceIdColumn(),
    shortcut: text('shortcut').notNull(),
    body: text('body').notNull(),
    createdByUserId: uuid('created_by_user_id').references(() => users.id, { onDelete: 'set null' }),
    createdAt: createdAt(),
    updatedAt: ts('updated_at').notNull().defaultNow(),
  },
  (t) => [uniqueIndex('canned_responses_workspace_shortcut_key').on(t.workspaceId, t.shortcut)],
);

/** A workspace's conversation labels (admins manage them; agents apply them). */
export const labels = pgTable(
  'labels',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    workspaceId: workspaceIdColumn(),
    name: text('name').notNull(),
    /** One of `LABEL_COLORS` (packages/contracts). */
    color: text('color').notNull(),
    createdAt: createdAt(),
  },
  (t) => [uniqueIndex('labels_workspace_name_key').on(t.workspaceId, sql`lower(${t.name})`)],
);

export const conversationLabels = pgTable(
  'conversation_labels',
  {
    conversationId: uuid('conversation_id')
      .notNull()
      .references(() => conversations.id, { onDelete: 'cascade' }),
    labelId: uuid('label_id')
      .notNull()
      .references(() => labels.id, { onDelete: 'cascade' }),
    workspaceId: workspaceIdColumn(),
    createdAt: createdAt(),
  },
  (t) => [
    primaryKey({ columns: [t.conversationId, t.labelId] }),
    index('conversation_labels_label_idx').on(t.labelId, t.conversationId),
  ],
);

/**
 * A named set of filters: personal (`owner_user_id` set) or shared with the workspace (null).
 * `filters` is a `ConversationFilters` or a `ContactFilters` by `kind`, validated when saved.
 */
export const savedViews = pgTable(
  'saved_views',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    workspaceId: workspaceIdColumn(),
    kind: text('kind', { enum: ['conversations', 'contacts'] }).notNull(),
    name: text('name').notNull(),
    filters: jsonb('filters').notNull(),
    ownerUserId: uuid('owner_user_id').references(() => users.id, { onDelete: 'cascade' }),
    createdByUserId: uuid('created_by_user_id').references(() => users.id, { onDelete: 'set null' }),
    createdAt: createdAt(),
    updatedAt: ts('updated_at').notNull().defaultNow(),
  },
  (t) => [index('saved_views_workspace_kind_idx').on(t.workspaceId, t.kind)],
);
