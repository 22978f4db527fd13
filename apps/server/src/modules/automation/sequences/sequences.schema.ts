import { sql } from 'drizzle-orm';
import { boolean, index, integer, jsonb, pgTable, text, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { createdAt, ts } from '../../../platform/db/columns';
import { users, workspaceIdColumn } from '../../auth/auth.schema';
import { channels } from '../../channels/channels.schema';
import { contacts } from '../../contacts/contacts.schema';
import { conversations } from '../../inbox/inbox.schema';

/**
 * Drip sequences (packages/contracts/sequences.ts): ordered steps sent from one number, each a
 * delay after the one before, only inside the allowed weekdays and hours of `time_zone`.
 */
export const sequences = pgTable(
  'sequences',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    workspaceId: workspaceIdColumn(),
    name: text('name').notNull(),
    channelId: uuid('channel_id')
      .notNull()
      .references(() => channels.id, { onDelete: 'cascade' }),
    /** The steps as the contract's schema validated them: `{delay, message, template}`. */
    steps: jsonb('steps').notNull(),
    /** Allowed weekdays, 1 Monday … 7 Sunday. */
    weekdays: integer('weekdays').array().notNull(),
    fromTime: text('from_time').notNull(),
    toTime: text('to_time').notNull(),
    timeZone: text('time_zone').notNull(),
    enabled: boolean('enabled').notNull().default(true),
    createdBy: uuid('created_by').references(() => users.id, { onDelete: 'set null' }),
    createdAt: createdAt(),
    updatedAt: ts('updated_at').notNull().defaultNow(),
  },
  (t) => [index('sequences_workspace_idx').on(t.workspaceId, t.createdAt)],
);

/**
 * A contact going through a sequence. The runner takes active rows whose `next_at` is due (SKIP
 * LOCKED), sends `step` and moves `next_at` on in the same transaction. One active enrolment per
 * sequence and contact; the ended ones stay for the counts.
 */
export const sequenceEnrollments = pgTable(
  'sequence_enrollments',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    workspaceId: workspaceIdColumn(),
    sequenceId: uuid('sequence_id')
      .notNull()
      .references(() => sequences.id, { onDelete: 'cascade' }),
    contactId: uuid('contact_id')
      .notNull()
      .references(() => contacts.id, { onDelete: 'cascade' }),
    /** The conversation its messages went to (opened on the sequence's number at the first send). */
    conversationId: uuid('conversation_id').references(() => conversations.id, { onDelete: 'set null' }),
    /** The next step to send, 0-based. */
    step: integer('step').notNull().default(0),
    nextAt: ts('next_at'),
    /** active | finished | stopped | cancelled */
    status: text('status').notNull().default('active'),
    /** replied | opted_out | cancelled | failed */
    stopReason: text('stop_reason'),
    /** rule | flow | api | member */
    enrolledBy: text('enrolled_by').notNull(),
    /** Steps not sent: `[{step, reason, at}]`. */
    skipped: jsonb('skipped').notNull().default([]),
    createdAt: createdAt(),
    endedAt: ts('ended_at'),
  },
  (t) => [
    uniqueIndex('sequence_enrollments_active_key')
      .on(t.sequenceId, t.contactId)
      .where(sql`status = 'active'`),
    index('sequence_enrollments_due_idx').on(t.nextAt).where(sql`status = 'active'`),
    index('sequence_enrollments_contact_idx').on(t.contactId).where(sql`status = 'active'`),
    index('sequence_enrollments_sequence_idx').on(t.sequenceId, t.status),
  ],
);
