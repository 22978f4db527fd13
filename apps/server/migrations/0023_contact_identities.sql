ALTER TABLE "contacts" ADD COLUMN "parent_user_id" text;--> statement-breakpoint
ALTER TABLE "contacts" ADD COLUMN "username" text;