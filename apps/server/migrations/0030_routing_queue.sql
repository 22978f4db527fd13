CREATE TABLE "conversation_queue_waits" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"workspace_id" uuid NOT NULL,
	"conversation_id" uuid NOT NULL,
	"team_id" uuid,
	"queued_at" timestamp with time zone NOT NULL,
	"assigned_at" timestamp with time zone NOT NULL,
	"waited_ms" bigint NOT NULL,
	"assigned_by" text NOT NULL,
	"assignee_user_id" uuid NOT NULL
);
--> statement-breakpoint
ALTER TABLE "conversations" ADD COLUMN "queued_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "conversation_queue_waits" ADD CONSTRAINT "conversation_queue_waits_workspace_id_workspaces_id_fk" FOREIGN KEY ("workspace_id") REFERENCES "public"."workspaces"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "conversation_queue_waits" ADD CONSTRAINT "conversation_queue_waits_conversation_id_conversations_id_fk" FOREIGN KEY ("conversation_id") REFERENCES "public"."conversations"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "conversation_queue_waits_workspace_assigned_idx" ON "conversation_queue_waits" USING btree ("workspace_id","assigned_at");--> statement-breakpoint
CREATE INDEX "conversation_queue_waits_conversation_idx" ON "conversation_queue_waits" USING btree ("conversation_id");--> statement-breakpoint
CREATE INDEX "conversations_waiting_idx" ON "conversations" USING btree ("workspace_id","team_id","queued_at","id") WHERE queued_at IS NOT NULL AND assignee_user_id IS NULL AND status IN ('open', 'pending');--> statement-breakpoint
-- Conversations a customer wrote in that nobody has wait from their last message.
UPDATE "conversations" SET "queued_at" = "last_inbound_at"
 WHERE "assignee_user_id" IS NULL AND "status" IN ('open', 'pending') AND "last_inbound_at" IS NOT NULL;
