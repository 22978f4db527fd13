import { bigint, index, pgTable, text, uuid } from 'drizzle-orm/pg-core';
import { ts } from '../../../platform/db/columns';
import { workspaceIdColumn } from '../../auth/auth.schema';
import { conversations } from '../inbox.schema';

/**
 * How long each conversation waited in the queue before someone had it, one row per wait
 * (reports read "time waited before assignment" here). `team_id` is the team it went to, none
 * for the workspace's queue without a team.
 */
export const conversationQueueWaits = pgTable(
  'conversation_queue_waits',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    workspaceId: workspaceIdColumn(),
    conversationId: uuid('conversation_id')
      .notNull()
      .references(() => conversations.id, { onDelete: 'cascade' }),
    teamId: uuid('team_id'),
    queuedAt: ts('queued_at').notNull(),
    assignedAt: ts('assigned_at').notNull(),
    waitedMs: bigint('waited_ms', { mode: 'number' }).notNull(),
    /** Who ended the wait: the queue itself, a member by hand, or an automation rule or bot. */
    assignedBy: text('assigned_by', { enum: ['queue', 'member', 'rule'] }).notNull(),
    /** The member it went to (kept as an id: a report outlives a removed member). */
    assigneeUserId: uuid('assignee_user_id').notNull(),
  },
  (t) => [
    index('conversation_queue_waits_workspace_assigned_idx').on(t.workspaceId, t.assignedAt),
    index('conversation_queue_waits_conversation_idx').on(t.conversationId),
  ],
);
