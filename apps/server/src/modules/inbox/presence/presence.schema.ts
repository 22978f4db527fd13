import { bigint, index, pgTable, uuid } from 'drizzle-orm/pg-core';
import { ts } from '../../../platform/db/columns';
import { workspaceIdColumn } from '../../auth/auth.schema';

/**
 * When each member had Charla open: a span from their first heartbeat to their last, extended by
 * each heartbeat that comes while it is live (member-online.ts). Reports add them up as "time
 * online"; spans of two tabs or processes that overlap count once.
 */
export const memberOnlineSpans = pgTable(
  'member_online_spans',
  {
    id: bigint('id', { mode: 'number' }).primaryKey().generatedAlwaysAsIdentity(),
    workspaceId: workspaceIdColumn(),
    /** Kept as an id: a report outlives a removed member. */
    userId: uuid('user_id').notNull(),
    startedAt: ts('started_at').notNull(),
    lastSeenAt: ts('last_seen_at').notNull(),
  },
  (t) => [index('member_online_spans_member_idx').on(t.workspaceId, t.userId, t.lastSeenAt)],
);
