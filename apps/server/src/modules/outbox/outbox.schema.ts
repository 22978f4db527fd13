import { sql } from 'drizzle-orm';
import { bigint, index, integer, jsonb, pgTable, text, uuid } from 'drizzle-orm/pg-core';
import { createdAt, ts } from '../../platform/db/columns';
import { workspaceIdColumn } from '../auth/auth.schema';
import { channels } from '../channels/channels.schema';
import { conversations, messages } from '../inbox/inbox.schema';

/**
 * What waits to leave Charla one message at a time (agent replies, reactions, read receipts,
 * opt-out confirmations...): one row per send, written in the same statement as the message, and
 * deleted once WhatsApp answered for good. The number's pipeline drains it in id order; a row
 * blocks the later rows of its conversation, so a customer gets messages in the order written.
 * `sending` rows are claimed: a crash leaves them in doubt, settled by Meta's status webhook
 * (callback data) or, with no status after a grace period, sent again.
 */
export const outboxItems = pgTable(
  'outbox_items',
  {
    id: bigint('id', { mode: 'number' }).primaryKey().generatedAlwaysAsIdentity(),
    workspaceId: workspaceIdColumn(),
    channelId: uuid('channel_id')
      .notNull()
      .references(() => channels.id, { onDelete: 'cascade' }),
    conversationId: uuid('conversation_id')
      .notNull()
      .references(() => conversations.id, { onDelete: 'cascade' }),
    kind: text('kind', { enum: ['message', 'reaction', 'read_receipt'] }).notNull(),
    /** The message sent (`message`), reacted to (`reaction`) or read (`read_receipt`). */
    messageId: uuid('message_id')
      .notNull()
      .references(() => messages.id, { onDelete: 'cascade' }),
    /** A reaction's `{emoji, reactedAt}`. */
    payload: jsonb('payload'),
    state: text('state', { enum: ['queued', 'sending'] })
      .notNull()
      .default('queued'),
    attempts: integer('attempts').notNull().default(0),
    /** A retry waits until then (the database's clock). */
    notBefore: ts('not_before'),
    claimedAt: ts('claimed_at'),
    createdAt: createdAt(),
  },
  (t) => [
    index('outbox_items_channel_queued_idx').on(t.channelId, t.id).where(sql`state = 'queued'`),
    index('outbox_items_conversation_idx').on(t.conversationId, t.id),
    index('outbox_items_message_idx').on(t.messageId),
  ],
);
