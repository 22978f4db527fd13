CREATE TABLE "csat_surveys" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"workspace_id" uuid NOT NULL,
	"conversation_id" uuid NOT NULL,
	"channel_id" uuid NOT NULL,
	"contact_id" uuid NOT NULL,
	"agent_user_id" uuid,
	"team_id" uuid,
	"resolved_by_user_id" uuid,
	"via" text NOT NULL,
	"message_id" uuid NOT NULL,
	"sent_at" timestamp with time zone NOT NULL,
	"expires_at" timestamp with time zone NOT NULL,
	"score" integer,
	"rated_at" timestamp with time zone,
	"rating_message_id" uuid,
	"comment" text,
	"commented_at" timestamp with time zone,
	"comment_message_id" uuid
);
--> statement-breakpoint
ALTER TABLE "workspaces" ADD COLUMN "csat_enabled" boolean DEFAULT false NOT NULL;--> statement-breakpoint
ALTER TABLE "workspaces" ADD COLUMN "csat_template_id" uuid;--> statement-breakpoint
ALTER TABLE "csat_surveys" ADD CONSTRAINT "csat_surveys_workspace_id_workspaces_id_fk" FOREIGN KEY ("workspace_id") REFERENCES "public"."workspaces"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "csat_surveys" ADD CONSTRAINT "csat_surveys_conversation_id_conversations_id_fk" FOREIGN KEY ("conversation_id") REFERENCES "public"."conversations"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "csat_surveys_conversation_idx" ON "csat_surveys" USING btree ("conversation_id","sent_at");--> statement-breakpoint
CREATE INDEX "csat_surveys_workspace_sent_idx" ON "csat_surveys" USING btree ("workspace_id","sent_at");--> statement-breakpoint
CREATE INDEX "csat_surveys_workspace_rated_idx" ON "csat_surveys" USING btree ("workspace_id","rated_at") WHERE rated_at IS NOT NULL;