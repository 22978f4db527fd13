import { bigint, boolean, index, jsonb, pgTable, text, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { createdAt, ts } from '../../platform/db/columns';
import { users, workspaceIdColumn } from '../auth/auth.schema';
import { channels } from '../channels/channels.schema';

/**
 * Incoming webhook triggers: an address an outside tool (a shop, a form, Zapier) posts JSON to,
 * fields mapped to a customer and a template's variables. The address's token is found by its
 * SHA-256 and kept sealed to show the address again; the secret is sealed too.
 */
export const incomingTriggers = pgTable(
  'incoming_triggers',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    workspaceId: workspaceIdColumn(),
    name: text('name').notNull(),
    tokenHash: text('token_hash').notNull().unique(),
    tokenSealed: text('token_sealed').notNull(),
    secretSealed: text('secret_sealed').notNull(),
    channelId: uuid('channel_id')
      .notNull()
      .references(() => channels.id, { onDelete: 'cascade' }),
    action: jsonb('action').notNull(),
    mapping: jsonb('mapping').notNull(),
    enabled: boolean('enabled').notNull().default(true),
    lastReceivedAt: ts('last_received_at'),
    createdBy: uuid('created_by').references(() => users.id, { onDelete: 'set null' }),
    createdAt: createdAt(),
  },
  (t) => [index('incoming_triggers_workspace_idx').on(t.workspaceId)],
);

/** The last payloads a trigger received (50 kept), with what was done: they help map fields. */
export const incomingPayloads = pgTable(
  'incoming_payloads',
  {
    id: bigint('id', { mode: 'number' }).primaryKey().generatedAlwaysAsIdentity(),
    triggerId: uuid('trigger_id')
      .notNull()
      .references(() => incomingTriggers.id, { onDelete: 'cascade' }),
    workspaceId: workspaceIdColumn(),
    /** The sender's delivery id (Idempotency-Key, X-Shopify-Webhook-Id, webhook-id…): a retry is not acted on twice. */
    dedupeKey: text('dedupe_key'),
    body: jsonb('body').notNull(),
    outcome: text('outcome', { enum: ['sent', 'enrolled', 'started', 'duplicate', 'failed'] }).notNull(),
    detail: text('detail'),
    messageId: uuid('message_id'),
    contactId: uuid('contact_id'),
    receivedAt: ts('received_at').notNull(),
  },
  (t) => [
    uniqueIndex('incoming_payloads_dedupe_key').on(t.triggerId, t.dedupeKey),
    index('incoming_payloads_trigger_idx').on(t.triggerId, t.id.desc()),
  ],
);
