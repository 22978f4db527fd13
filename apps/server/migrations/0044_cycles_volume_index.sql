-- The volume report counts a period's conversations, new and returning contacts and those from
-- ads, per day and per number or team: every column it reads is in this index (INCLUDE, written by
-- hand: drizzle has no INCLUDE), so a period is an index-only scan of about a fifth of the table's
-- pages instead of a scan of the rows. Same name and key as before; drizzle's schema still says so.
DROP INDEX IF EXISTS "conversation_cycles_workspace_started_idx";--> statement-breakpoint
CREATE INDEX "conversation_cycles_workspace_started_idx" ON "conversation_cycles" USING btree ("workspace_id","started_at")
  INCLUDE ("contact_id", "contact_first", "from_ad", "channel_id", "team_id");--> statement-breakpoint
-- Index-only scans need the visibility map current: the minute's refresh rewrites the cycles of
-- conversations that moved, so vacuum after 2% of the rows changed rather than the default 20%.
ALTER TABLE "conversation_cycles" SET (autovacuum_vacuum_scale_factor = 0.02, autovacuum_vacuum_insert_scale_factor = 0.02);
