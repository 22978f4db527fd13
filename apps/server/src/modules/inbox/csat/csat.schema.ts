import { sql } from 'drizzle-orm';
import { index, integer, pgTable, text, uuid } from 'drizzle-orm/pg-core';
import { ts } from '../../../platform/db/columns';
import { workspaceIdColumn } from '../../auth/auth.schema';
import { conversations } from '../inbox.schema';

/**
 * One satisfaction survey: asked when a member resolved a conversation (send-survey.ts), answered
 * by the customer's next messages (survey-answers.ts). The rating and the comment are customer
 * messages in the thread too; their ids are kept so they neither reopen the conversation nor
 * start a new cycle in the reports.
 */
export const csatSurveys = pgTable(
  'csat_surveys',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    workspaceId: workspaceIdColumn(),
    conversationId: uuid('conversation_id')
      .notNull()
      .references(() => conversations.id, { onDelete: 'cascade' }),
    channelId: uuid('channel_id').notNull(),
    contactId: uuid('contact_id').notNull(),
    /** Whose work is rated: the conversation's assignee when it was resolved, else who resolved it. */
    agentUserId: uuid('agent_user_id'),
    teamId: uuid('team_id'),
    resolvedByUserId: uuid('resolved_by_user_id'),
    /** `list`: five rows inside the 24-hour window; `template`: the workspace's template after it. */
    via: text('via', { enum: ['list', 'template'] }).notNull(),
    /** The question as sent (an outbound message of the thread). */
    messageId: uuid('message_id').notNull(),
    sentAt: ts('sent_at').notNull(),
    /** Answers after this are ordinary messages again. */
    expiresAt: ts('expires_at').notNull(),
    score: integer('score'),
    ratedAt: ts('rated_at'),
    ratingMessageId: uuid('rating_message_id'),
    comment: text('comment'),
    commentedAt: ts('commented_at'),
    commentMessageId: uuid('comment_message_id'),
  },
  (t) => [
    index('csat_surveys_conversation_idx').on(t.conversationId, t.sentAt),
    index('csat_surveys_workspace_sent_idx').on(t.workspaceId, t.sentAt),
    index('csat_surveys_workspace_rated_idx').on(t.workspaceId, t.ratedAt).where(sql`rated_at IS NOT NULL`),
  ],
);
