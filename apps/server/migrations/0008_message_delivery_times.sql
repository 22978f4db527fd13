ALTER TABLE "messages" DROP CONSTRAINT "messages_workspace_id_workspaces_id_fk";
--> statement-breakpoint
ALTER TABLE "messages" DROP CONSTRAINT "messages_channel_id_channels_id_fk";
--> statement-breakpoint
ALTER TABLE "messages" ADD COLUMN "delivered_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "messages" ADD COLUMN "read_at" timestamp with time zone;--> statement-breakpoint
-- Each message keeps when it was delivered and read; the reports behind them are no longer needed.
UPDATE "messages" m SET "delivered_at" = e.delivered, "read_at" = e.read
  FROM (SELECT channel_id, external_id,
               min(occurred_at) FILTER (WHERE status IN ('delivered', 'read')) AS delivered,
               min(occurred_at) FILTER (WHERE status = 'read') AS read
          FROM "message_status_events" GROUP BY channel_id, external_id) e
 WHERE m.channel_id = e.channel_id AND m.external_id = e.external_id;--> statement-breakpoint
DELETE FROM "message_status_events" e
 USING "messages" m WHERE m.channel_id = e.channel_id AND m.external_id = e.external_id;
