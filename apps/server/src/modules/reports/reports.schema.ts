import { sql } from 'drizzle-orm';
import {
  bigint,
  boolean,
  index,
  integer,
  pgTable,
  smallint,
  text,
  unique,
  uniqueIndex,
  uuid,
} from 'drizzle-orm/pg-core';
import { ts } from '../../platform/db/columns';
import { teams, workspaceIdColumn } from '../auth/auth.schema';
import { conversations } from '../inbox/inbox.schema';

/**
 * One row per conversation cycle: from a customer's message in a conversation that was not open
 * for them to its resolution (compute-cycles.ts). Worked out again from the messages, the
 * conversation's events and its queue waits whenever any of them changes (refresh-reports.ts), so
 * the table can be dropped and rebuilt at any time. `*_ms` are calendar time, `*_bms` business
 * time in the hours of the cycle's team (equal when no hours are set).
 */
export const conversationCycles = pgTable(
  'conversation_cycles',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    workspaceId: workspaceIdColumn(),
    conversationId: uuid('conversation_id')
      .notNull()
      .references(() => conversations.id, { onDelete: 'cascade' }),
    cycleNo: integer('cycle_no').notNull(),
    channelId: uuid('channel_id').notNull(),
    contactId: uuid('contact_id').notNull(),
    /** Ids kept without foreign keys: a report outlives a removed member or team. */
    teamId: uuid('team_id'),
    /** Whose cycle it is: who resolved it, else who had it when it was resolved or has it now. */
    agentUserId: uuid('agent_user_id'),
    firstResponderUserId: uuid('first_responder_user_id'),
    /** Everyone it was given to during the cycle (its assignee when it started included). */
    assignedUserIds: uuid('assigned_user_ids').array().notNull().default(sql`'{}'::uuid[]`),
    /** Everyone who sent a response in it. */
    replierUserIds: uuid('replier_user_ids').array().notNull().default(sql`'{}'::uuid[]`),
    startedAt: ts('started_at').notNull(),
    /** The customer wrote again to a conversation resolved before. */
    reopened: boolean('reopened').notNull(),
    /** The first cycle of the contact's first conversation: a new contact. */
    contactFirst: boolean('contact_first').notNull(),
    /** Its first message came from a click-to-WhatsApp ad. */
    fromAd: boolean('from_ad').notNull(),
    firstResponseAt: ts('first_response_at'),
    firstResponseMs: bigint('first_response_ms', { mode: 'number' }),
    firstResponseBms: bigint('first_response_bms', { mode: 'number' }),
    /** Each wait of the customer for a response, in order. */
    responseMs: bigint('response_ms', { mode: 'number' }).array().notNull().default(sql`'{}'::bigint[]`),
    responseBms: bigint('response_bms', { mode: 'number' }).array().notNull().default(sql`'{}'::bigint[]`),
    resolvedAt: ts('resolved_at'),
    resolvedByUserId: uuid('resolved_by_user_id'),
    /** Start to resolution, without the time it was pending or snoozed. */
    resolutionMs: bigint('resolution_ms', { mode: 'number' }),
    resolutionBms: bigint('resolution_bms', { mode: 'number' }),
    /** Each wait in the queue before someone took it. */
    queueWaitMs: bigint('queue_wait_ms', { mode: 'number' }).array().notNull().default(sql`'{}'::bigint[]`),
    queueWaitBms: bigint('queue_wait_bms', { mode: 'number' }).array().notNull().default(sql`'{}'::bigint[]`),
    /**
     * When the customer's 24-hour window first closed (or will close) with the cycle unresolved;
     * null when it was resolved inside its windows. Expired once this is past.
     */
    expiresAt: ts('expires_at'),
    customerMessages: integer('customer_messages').notNull(),
    agentMessages: integer('agent_messages').notNull(),
    /** Business hours applied to its `_bms` figures. */
    businessHours: boolean('business_hours').notNull(),
  },
  (t) => [
    uniqueIndex('conversation_cycles_conversation_no_key').on(t.conversationId, t.cycleNo),
    index('conversation_cycles_workspace_started_idx').on(t.workspaceId, t.startedAt),
    index('conversation_cycles_workspace_resolved_idx')
      .on(t.workspaceId, t.resolvedAt)
      .where(sql`resolved_at IS NOT NULL`),
    index('conversation_cycles_workspace_expires_idx')
      .on(t.workspaceId, t.expiresAt)
      .where(sql`expires_at IS NOT NULL`),
  ],
);

/**
 * The figures of conversation_cycles rolled up ahead, so the performance report does not unnest
 * and sort every fact of its period on each request: per UTC day span, metric, number, team and
 * agent, how many facts fell in each duration bucket and the sum of their values. A span of
 * `level` L is 2^L days (0 to 6: a day to 64 days), its `block` the first day's number since
 * 1970-01-01 divided by 2^L, so any run of whole days is a few spans (report-histograms.ts).
 * Kept equal to the cycles in the same transaction: by the refresh, which nets each conversation's
 * old and new facts before writing them, and otherwise by triggers on conversation_cycles (a
 * conversation removed takes its cycles by cascade); rebuilt whole by rebuildReports. The facts
 * and buckets are SQL functions of migration 0043 (report_histogram_rows_sql, report_bucket).
 */
export const reportHistograms = pgTable(
  'report_histograms',
  {
    workspaceId: workspaceIdColumn(),
    level: smallint('level').notNull(),
    block: integer('block').notNull(),
    /** A count (assigned, handled, reopened, sent, expired) or a duration (first, response, queue, resolved; `_b` business time). */
    metric: text('metric').notNull(),
    channelId: uuid('channel_id').notNull(),
    teamId: uuid('team_id'),
    agentUserId: uuid('agent_user_id'),
    /** report_bucket(ms): 0 for 0 ms, then 5% wide steps; -1 for counts and durations unknown. */
    bucket: smallint('bucket').notNull(),
    count: integer('count').notNull(),
    /** Sum of the durations (ms); for `sent` the responses, for `expired` those missed. */
    sum: bigint('sum', { mode: 'number' }).notNull(),
  },
  (t) => [
    unique('report_histograms_key')
      .on(t.workspaceId, t.level, t.block, t.metric, t.channelId, t.teamId, t.agentUserId, t.bucket)
      .nullsNotDistinct(),
  ],
);

/**
 * Messages counted by hour (UTC), number, direction and sender: the volume charts and each
 * agent's messages sent read these instead of the messages. Worked out again for every hour a new
 * message falls in.
 */
export const messageHourly = pgTable(
  'message_hourly',
  {
    workspaceId: workspaceIdColumn(),
    hour: ts('hour').notNull(),
    channelId: uuid('channel_id').notNull(),
    direction: text('direction', { enum: ['inbound', 'outbound'] }).notNull(),
    /** customer (inbound), person (an agent), automation (rules, bots, sequences, API), other (broadcasts, confirmations). */
    senderKind: text('sender_kind', { enum: ['customer', 'person', 'automation', 'other'] }).notNull(),
    senderUserId: uuid('sender_user_id'),
    count: integer('count').notNull(),
  },
  (t) => [index('message_hourly_workspace_hour_idx').on(t.workspaceId, t.hour)],
);

/** How far the reports have read: the last message and conversation event taken into account. */
export const reportProgress = pgTable('report_progress', {
  id: integer('id').primaryKey().default(1),
  messageSeq: bigint('message_seq', { mode: 'number' }).notNull().default(0),
  eventSeq: bigint('event_seq', { mode: 'number' }).notNull().default(0),
  refreshedAt: ts('refreshed_at'),
});

/**
 * SLA targets (minutes of business time): a team's own, or the workspace's (`team_id` null) for
 * conversations of no team and teams without their own.
 */
export const slaTargets = pgTable(
  'sla_targets',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    workspaceId: workspaceIdColumn(),
    teamId: uuid('team_id').references(() => teams.id, { onDelete: 'cascade' }),
    firstResponseMinutes: integer('first_response_minutes'),
    resolutionMinutes: integer('resolution_minutes'),
  },
  (t) => [
    uniqueIndex('sla_targets_workspace_key').on(t.workspaceId).where(sql`team_id IS NULL`),
    uniqueIndex('sla_targets_team_key').on(t.workspaceId, t.teamId).where(sql`team_id IS NOT NULL`),
  ],
);
