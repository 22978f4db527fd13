CREATE TABLE "automation_inbox" (
	"id" bigint PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "automation_inbox_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1),
	"workspace_id" uuid NOT NULL,
	"kind" text NOT NULL,
	"conversation_id" uuid NOT NULL,
	"message_id" uuid,
	"opened" text,
	"rule_id" uuid,
	"due_at" timestamp with time zone DEFAULT now() NOT NULL,
	"attempts" integer DEFAULT 0 NOT NULL,
	"error" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "automation_rule_fires" (
	"rule_id" uuid NOT NULL,
	"conversation_id" uuid NOT NULL,
	"fired_at" timestamp with time zone NOT NULL,
	CONSTRAINT "automation_rule_fires_rule_id_conversation_id_pk" PRIMARY KEY("rule_id","conversation_id")
);
--> statement-breakpoint
CREATE TABLE "automation_rules" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"workspace_id" uuid NOT NULL,
	"name" text NOT NULL,
	"preset" text,
	"enabled" boolean DEFAULT false NOT NULL,
	"position" integer NOT NULL,
	"channel_ids" uuid[] DEFAULT '{}'::uuid[] NOT NULL,
	"trigger" jsonb NOT NULL,
	"conditions" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"actions" jsonb NOT NULL,
	"cooldown_minutes" integer DEFAULT 0 NOT NULL,
	"fired_count" bigint DEFAULT 0 NOT NULL,
	"last_fired_at" timestamp with time zone,
	"created_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "automation_settings" (
	"workspace_id" uuid PRIMARY KEY NOT NULL,
	"presets_added_at" timestamp with time zone
);
--> statement-breakpoint
ALTER TABLE "conversation_events" ADD COLUMN "automated_by" jsonb;--> statement-breakpoint
ALTER TABLE "messages" ADD COLUMN "automated_by" jsonb;--> statement-breakpoint
ALTER TABLE "automation_rule_fires" ADD CONSTRAINT "automation_rule_fires_rule_id_automation_rules_id_fk" FOREIGN KEY ("rule_id") REFERENCES "public"."automation_rules"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "automation_rules" ADD CONSTRAINT "automation_rules_workspace_id_workspaces_id_fk" FOREIGN KEY ("workspace_id") REFERENCES "public"."workspaces"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "automation_rules" ADD CONSTRAINT "automation_rules_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "automation_settings" ADD CONSTRAINT "automation_settings_workspace_id_workspaces_id_fk" FOREIGN KEY ("workspace_id") REFERENCES "public"."workspaces"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "automation_inbox_due_idx" ON "automation_inbox" USING btree ("due_at","id") WHERE error IS NULL;--> statement-breakpoint
CREATE UNIQUE INDEX "automation_inbox_timer_key" ON "automation_inbox" USING btree ("rule_id","conversation_id","kind") WHERE rule_id IS NOT NULL AND error IS NULL;--> statement-breakpoint
CREATE INDEX "automation_rules_workspace_idx" ON "automation_rules" USING btree ("workspace_id","position");--> statement-breakpoint
CREATE UNIQUE INDEX "automation_rules_preset_key" ON "automation_rules" USING btree ("workspace_id","preset") WHERE preset IS NOT NULL;