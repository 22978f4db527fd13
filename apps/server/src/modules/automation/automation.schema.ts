import { sql } from 'drizzle-orm';
import { jsonb, pgTable, text, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { ts } from '../../platform/db/columns';
import { teams, workspaceIdColumn } from '../auth/auth.schema';

/**
 * Business hours (packages/contracts/business-hours.ts): one calendar for the workspace, and one
 * per team that keeps hours of its own (a team without one keeps the workspace's).
 */
export const businessCalendars = pgTable(
  'business_calendars',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    workspaceId: workspaceIdColumn(),
    teamId: uuid('team_id').references(() => teams.id, { onDelete: 'cascade' }),
    timeZone: text('time_zone').notNull(),
    /** Seven days, Monday first: each day's `{from, to}` ranges. */
    days: jsonb('days').notNull(),
    holidays: jsonb('holidays').notNull().default([]),
    updatedAt: ts('updated_at').notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex('business_calendars_workspace_key').on(t.workspaceId).where(sql`team_id IS NULL`),
    uniqueIndex('business_calendars_team_key').on(t.teamId).where(sql`team_id IS NOT NULL`),
  ],
);
