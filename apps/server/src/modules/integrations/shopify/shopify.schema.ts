import { sql } from 'drizzle-orm';
import { bigint, index, jsonb, pgTable, text, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { createdAt, ts } from '../../../platform/db/columns';
import { users, workspaceIdColumn } from '../../auth/auth.schema';
import { channels } from '../../channels/channels.schema';

/**
 * A Shopify shop connected to a workspace (one per workspace): its webhook secret sealed at rest,
 * the number its messages leave from, and its automations (contracts' ShopifyAutomations). The
 * abandoned-checkout recovery runs as a sequence the connection owns (`recovery_sequence_id`).
 */
export const shopifyConnections = pgTable('shopify_connections', {
  id: uuid('id').primaryKey().defaultRandom(),
  workspaceId: workspaceIdColumn().unique(),
  shopDomain: text('shop_domain').notNull(),
  secretSealed: text('secret_sealed').notNull(),
  channelId: uuid('channel_id')
    .notNull()
    .references(() => channels.id, { onDelete: 'cascade' }),
  automations: jsonb('automations').notNull(),
  recoverySequenceId: uuid('recovery_sequence_id'),
  lastReceivedAt: ts('last_received_at'),
  createdBy: uuid('created_by').references(() => users.id, { onDelete: 'set null' }),
  createdAt: createdAt(),
});

/**
 * The webhooks a shop sent, stored before Shopify is answered and acted on by a woken worker
 * (`pending` until then). Unique per Shopify delivery id, so a retried delivery is acted on once;
 * the last ones stay visible with what Charla did.
 */
export const shopifyEvents = pgTable(
  'shopify_events',
  {
    id: bigint('id', { mode: 'number' }).primaryKey().generatedAlwaysAsIdentity(),
    connectionId: uuid('connection_id')
      .notNull()
      .references(() => shopifyConnections.id, { onDelete: 'cascade' }),
    workspaceId: workspaceIdColumn(),
    /** X-Shopify-Webhook-Id. */
    webhookId: text('webhook_id').notNull(),
    topic: text('topic').notNull(),
    body: jsonb('body').notNull(),
    /** pending | sent | enrolled | refreshed | stopped | skipped | ignored | failed */
    outcome: text('outcome').notNull().default('pending'),
    detail: text('detail'),
    messageId: uuid('message_id'),
    contactId: uuid('contact_id'),
    receivedAt: ts('received_at').notNull(),
    /** When a worker took it; a row taken long ago and still pending was left by a crash. */
    takenAt: ts('taken_at'),
  },
  (t) => [
    uniqueIndex('shopify_events_webhook_key').on(t.connectionId, t.webhookId),
    index('shopify_events_connection_idx').on(t.connectionId, t.id.desc()),
    index('shopify_events_pending_idx').on(t.id).where(sql`outcome = 'pending'`),
  ],
);
