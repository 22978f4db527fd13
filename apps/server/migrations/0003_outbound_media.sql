ALTER TABLE "media" ADD COLUMN "direction" text DEFAULT 'inbound' NOT NULL;--> statement-breakpoint
ALTER TABLE "media" ADD COLUMN "external_uploaded_at" timestamp with time zone;