import { sql } from 'drizzle-orm';
import {
  bigint,
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
import { users, workspaceIdColumn } from '../auth/auth.schema';
import { channels } from '../channels/channels.schema';
import { contacts } from '../contacts/contacts.schema';

export const broadcasts = pgTable(
  'broadcasts',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    workspaceId: workspaceIdColumn(),
    name: text('name').notNull(),
    channelId: uuid('channel_id')
      .notNull()
      .references(() => channels.id, { onDelete: 'cascade' }),
    templateId: uuid('template_id').notNull(),
    templateName: text('template_name').notNull(),
    /** The template as approved when the sending started: every recipient gets the same one. */
    template: jsonb('template'),
    audience: jsonb('audience').notNull(),
    variables: jsonb('variables').notNull(),
    status: text('status', {
      enum: [
        'draft',
        'scheduled',
        'preparing',
        'sending',
        'paused',
        'waiting_limit',
        'completed',
        'cancelled',
        'failed',
      ],
    }).notNull(),
    scheduledAt: ts('scheduled_at'),
    startedAt: ts('started_at'),
    finishedAt: ts('finished_at'),
    excludedOptedOut: integer('excluded_opted_out').notNull().default(0),
    excludedInvalid: integer('excluded_invalid').notNull().default(0),
    /** Left out of a marketing broadcast: consent unknown while the workspace sends marketing only to opted-in contacts. */
    excludedNoConsent: integer('excluded_no_consent').notNull().default(0),
    error: text('error'),
    /** WhatsApp failing for the whole number while this broadcast sends (`BroadcastOutage`), else null. */
    outage: jsonb('outage'),
    /** Why Charla paused it by itself: `{code, reason}` of WhatsApp's refusal, else null. */
    pausedBy: jsonb('paused_by'),
    createdByUserId: uuid('created_by_user_id').references(() => users.id, { onDelete: 'set null' }),
    createdAt: createdAt(),
    updatedAt: ts('updated_at').notNull().defaultNow(),
  },
  (t) => [
    index('broadcasts_workspace_created_idx').on(t.workspaceId, t.createdAt.desc()),
    index('broadcasts_active_idx').on(t.channelId).where(sql`status IN ('sending', 'waiting_limit')`),
  ],
);

/**
 * One row per contact of a broadcast (unique), so nobody is messaged twice. `state` is the
 * sender's: queued -> sending (claimed, HTTP call under way or in doubt after a crash) -> sent |
 * failed; delivered/read/replied follow the message it became. A send WhatsApp refused for the
 * customer's marketing cap (error_code 131049, `sent` or `failed`) reads as limited and is queued
 * again later as a new send (limited-recipients.ts).
 */
export const broadcastRecipients = pgTable(
  'broadcast_recipients',
  {
    id: bigint('id', { mode: 'number' }).primaryKey().generatedAlwaysAsIdentity(),
    broadcastId: uuid('broadcast_id')
      .notNull()
      .references(() => broadcasts.id, { onDelete: 'cascade' }),
    // The broadcast's workspace, copied for the queries that lead with it. No foreign key of its
    // own: the broadcast's already cascades a deletion, and the key's check cost a lookup and a
    // row lock per recipient, an eighth of materialising 100,000 (bench/broadcast.ts).
    workspaceId: uuid('workspace_id').notNull(),
    /** Null once the contact is deleted or merged away: the row (and its results) stay. */
    contactId: uuid('contact_id').references(() => contacts.id, { onDelete: 'set null' }),
    /** WhatsApp id (digits) the template goes to. */
    waId: text('wa_id').notNull(),
    /** The template values for this contact, resolved from attributes and fallbacks. */
    values: jsonb('values').notNull(),
    state: text('state', { enum: ['queued', 'sending', 'sent', 'failed', 'skipped'] }).notNull(),
    attempts: integer('attempts').notNull().default(0),
    /** When a sender claimed it; a claim without a wamid is in doubt until a status arrives. */
    claimedAt: ts('claimed_at'),
    /** A retryable failure waits until then. */
    notBefore: ts('not_before'),
    wamid: text('wamid'),
    /**
     * The message it became and its conversation. No foreign keys: every read joins them with a
     * LEFT JOIN, so an id whose row was deleted (a contact deleted, a conversation merged away) reads
     * as null would, and each key cost a lookup and a row lock on the message and the conversation
     * per recipient sent (bench/broadcast.ts).
     */
    messageId: uuid('message_id'),
    conversationId: uuid('conversation_id'),
    sentAt: ts('sent_at'),
    errorCode: integer('error_code'),
    errorReason: text('error_reason'),
    /** New sends Charla made by itself after WhatsApp limited this recipient (131049). */
    limitedRetries: integer('limited_retries').notNull().default(0),
    /**
     * How the recipient read (sent, delivered, read, replied, failed...) when their contact was
     * erased with their messages: kept so the broadcast's counts stay as they were.
     */
    erasedState: text('erased_state'),
  },
  (t) => [
    uniqueIndex('broadcast_recipients_broadcast_contact_key').on(t.broadcastId, t.contactId),
    index('broadcast_recipients_broadcast_state_idx').on(t.broadcastId, t.state, t.id),
    index('broadcast_recipients_sent_idx').on(t.sentAt).where(sql`sent_at IS NOT NULL`),
    // The retry job's look-up: the few recipients WhatsApp limited, by retries made and send time.
    index('broadcast_recipients_limited_idx')
      .on(t.limitedRetries, t.claimedAt)
      .where(sql`error_code = 131049`),
  ],
);

/** Only the holder sends for this number; a holder that stops renewing loses it at expiry. */
export const broadcastChannelLeases = pgTable('broadcast_channel_leases', {
  channelId: uuid('channel_id')
    .primaryKey()
    .references(() => channels.id, { onDelete: 'cascade' }),
  holder: text('holder').notNull(),
  expiresAt: ts('expires_at').notNull(),
});

/** A number's broadcast pace when it differs from the default (BROADCAST_DEFAULT_RATE_PER_SECOND). */
export const broadcastChannelSettings = pgTable('broadcast_channel_settings', {
  channelId: uuid('channel_id')
    .primaryKey()
    .references(() => channels.id, { onDelete: 'cascade' }),
  workspaceId: workspaceIdColumn(),
  ratePerSecond: integer('rate_per_second').notNull(),
});

/** An uploaded CSV audience and its valid rows; deleted after 7 days when no broadcast uses it. */
export const broadcastCsvUploads = pgTable('broadcast_csv_uploads', {
  id: uuid('id').primaryKey().defaultRandom(),
  workspaceId: workspaceIdColumn(),
  filename: text('filename'),
  columns: jsonb('columns').$type<string[]>().notNull(),
  rows: integer('rows').notNull(),
  valid: integer('valid').notNull(),
  invalid: integer('invalid').notNull(),
  rejected: jsonb('rejected').notNull().default([]),
  createdAt: createdAt(),
});

export const broadcastCsvRows = pgTable(
  'broadcast_csv_rows',
  {
    uploadId: uuid('upload_id')
      .notNull()
      .references(() => broadcastCsvUploads.id, { onDelete: 'cascade' }),
    line: integer('line').notNull(),
    /** E.164. */
    phone: text('phone').notNull(),
    /** The other columns by header name. */
    values: jsonb('values').notNull(),
  },
  (t) => [primaryKey({ columns: [t.uploadId, t.line] })],
);
