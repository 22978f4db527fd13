import { sql } from 'drizzle-orm';
import { bigserial, index, integer, pgTable, text, uuid } from 'drizzle-orm/pg-core';
import { createdAt, ts } from '../../platform/db/columns';
import { workspaceIdColumn } from '../auth/auth.schema';

export const channels = pgTable('channels', {
  id: uuid('id').primaryKey().defaultRandom(),
  workspaceId: workspaceIdColumn(),
  kind: text('kind', { enum: ['sandbox', 'cloud'] }).notNull(),
  name: text('name').notNull(),
  /** Meta's phone number id: webhooks name it, so it is unique across workspaces. */
  externalId: text('external_id').notNull().unique(),
  displayPhoneNumber: text('display_phone_number').notNull(),
  wabaId: text('waba_id').notNull(),
  graphBaseUrl: text('graph_base_url').notNull(),
  graphVersion: text('graph_version').notNull(),
  /** Secrets are encrypted at rest (AES-256-GCM, see platform/crypto). */
  accessTokenEnc: text('access_token_enc').notNull(),
  appSecretEnc: text('app_secret_enc').notNull(),
  verifyTokenEnc: text('verify_token_enc').notNull(),
  /** `disconnected`: its secrets are wiped (empty), its history stays; connecting it again restores it. */
  status: text('status', { enum: ['connected', 'error', 'disconnected'] })
    .notNull()
    .default('connected'),
  lastError: text('last_error'),
  createdAt: createdAt(),
});

/** The raw webhook as Meta sent it, stored before we answer 200. */
export const webhookEvents = pgTable(
  'webhook_events',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    /** sha256 of the raw body: Meta's retries of the same delivery collapse into one row. */
    dedupeKey: text('dedupe_key').notNull().unique(),
    provider: text('provider').notNull().default('whatsapp'),
    rawBody: text('raw_body').notNull(),
    /**
     * The channels whose own app secret verified the body when it arrived: the ingest applies a
     * change only for these (null on rows stored before this rule: applied as before).
     */
    signedFor: uuid('signed_for').array(),
    status: text('status', { enum: ['pending', 'processed', 'failed'] })
      .notNull()
      .default('pending'),
    attempts: integer('attempts').notNull().default(0),
    error: text('error'),
    receivedAt: ts('received_at').notNull().defaultNow(),
    processedAt: ts('processed_at'),
  },
  (t) => [index('webhook_events_pending_idx').on(t.id).where(sql`status = 'pending'`)],
);
