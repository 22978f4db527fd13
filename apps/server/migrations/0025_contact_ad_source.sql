ALTER TABLE "contacts" ADD COLUMN "source_id" text;--> statement-breakpoint
ALTER TABLE "contacts" ADD COLUMN "source_url" text;