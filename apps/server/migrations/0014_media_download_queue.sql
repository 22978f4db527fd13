DROP INDEX "media_pending_idx";--> statement-breakpoint
ALTER TABLE "media" ADD COLUMN "download_attempts" integer DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE "media" ADD COLUMN "download_after" timestamp with time zone DEFAULT now() NOT NULL;--> statement-breakpoint
ALTER TABLE "media" ADD COLUMN "download_claimed_at" timestamp with time zone;--> statement-breakpoint
CREATE INDEX "media_download_queue_idx" ON "media" USING btree ("channel_id","download_after") WHERE state = 'pending';