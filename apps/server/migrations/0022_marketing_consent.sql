-- Settings › Workspace: marketing broadcasts may go only to opted-in contacts; a broadcast
-- counts the contacts it left out for that (consent unknown), beside the opted-out and invalid ones.
ALTER TABLE "workspaces" ADD COLUMN "marketing_opted_in_only" boolean DEFAULT false NOT NULL;--> statement-breakpoint
ALTER TABLE "broadcasts" ADD COLUMN "excluded_no_consent" integer DEFAULT 0 NOT NULL;