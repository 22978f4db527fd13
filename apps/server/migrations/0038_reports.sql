CREATE TABLE "conversation_cycles" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"workspace_id" uuid NOT NULL,
	"conversation_id" uuid NOT NULL,
	"cycle_no" integer NOT NULL,
	"channel_id" uuid NOT NULL,
	"contact_id" uuid NOT NULL,
	"team_id" uuid,
	"agent_user_id" uuid,
	"first_responder_user_id" uuid,
	"assigned_user_ids" uuid[] DEFAULT '{}'::uuid[] NOT NULL,
	"replier_user_ids" uuid[] DEFAULT '{}'::uuid[] NOT NULL,
	"started_at" timestamp with time zone NOT NULL,
	"reopened" boolean NOT NULL,
	"contact_first" boolean NOT NULL,
	"from_ad" boolean NOT NULL,
	"first_response_at" timestamp with time zone,
	"first_response_ms" bigint,
	"first_response_bms" bigint,
	"response_ms" bigint[] DEFAULT '{}'::bigint[] NOT NULL,
	"response_bms" bigint[] DEFAULT '{}'::bigint[] NOT NULL,
	"resolved_at" timestamp with time zone,
	"resolved_by_user_id" uuid,
	"resolution_ms" bigint,
	"resolution_bms" bigint,
	"queue_wait_ms" bigint[] DEFAULT '{}'::bigint[] NOT NULL,
	"queue_wait_bms" bigint[] DEFAULT '{}'::bigint[] NOT NULL,
	"expires_at" timestamp with time zone,
	"customer_messages" integer NOT NULL,
	"agent_messages" integer NOT NULL,
	"business_hours" boolean NOT NULL
);
--> statement-breakpoint
CREATE TABLE "message_hourly" (
	"workspace_id" uuid NOT NULL,
	"hour" timestamp with time zone NOT NULL,
	"channel_id" uuid NOT NULL,
	"direction" text NOT NULL,
	"sender_kind" text NOT NULL,
	"sender_user_id" uuid,
	"count" integer NOT NULL
);
--> statement-breakpoint
CREATE TABLE "report_progress" (
	"id" integer PRIMARY KEY DEFAULT 1 NOT NULL,
	"message_seq" bigint DEFAULT 0 NOT NULL,
	"event_seq" bigint DEFAULT 0 NOT NULL,
	"refreshed_at" timestamp with time zone
);
--> statement-breakpoint
ALTER TABLE "conversation_cycles" ADD CONSTRAINT "conversation_cycles_workspace_id_workspaces_id_fk" FOREIGN KEY ("workspace_id") REFERENCES "public"."workspaces"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "conversation_cycles" ADD CONSTRAINT "conversation_cycles_conversation_id_conversations_id_fk" FOREIGN KEY ("conversation_id") REFERENCES "public"."conversations"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "message_hourly" ADD CONSTRAINT "message_hourly_workspace_id_workspaces_id_fk" FOREIGN KEY ("workspace_id") REFERENCES "public"."workspaces"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "conversation_cycles_conversation_no_key" ON "conversation_cycles" USING btree ("conversation_id","cycle_no");--> statement-breakpoint
CREATE INDEX "conversation_cycles_workspace_started_idx" ON "conversation_cycles" USING btree ("workspace_id","started_at");--> statement-breakpoint
CREATE INDEX "conversation_cycles_workspace_resolved_idx" ON "conversation_cycles" USING btree ("workspace_id","resolved_at") WHERE resolved_at IS NOT NULL;--> statement-breakpoint
CREATE INDEX "conversation_cycles_workspace_expires_idx" ON "conversation_cycles" USING btree ("workspace_id","expires_at") WHERE expires_at IS NOT NULL;--> statement-breakpoint
CREATE INDEX "message_hourly_workspace_hour_idx" ON "message_hourly" USING btree ("workspace_id","hour");--> statement-breakpoint
CREATE INDEX "conversation_events_seq_idx" ON "conversation_events" USING btree ("seq");--> statement-breakpoint
CREATE INDEX "messages_seq_idx" ON "messages" USING btree ("seq");