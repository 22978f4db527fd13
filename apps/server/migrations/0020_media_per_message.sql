DROP INDEX "media_channel_external_id_key";--> statement-breakpoint
CREATE INDEX "media_channel_external_id_idx" ON "media" USING btree ("channel_id","external_id");