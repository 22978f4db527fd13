CREATE TABLE "incoming_payloads" (
	"id" bigint PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "incoming_payloads_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1),
	"trigger_id" uuid NOT NULL,
	"workspace_id" uuid NOT NULL,
	"dedupe_key" text,
	"body" jsonb NOT NULL,
	"outcome" text NOT NULL,
	"detail" text,
	"message_id" uuid,
	"contact_id" uuid,
	"received_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "incoming_triggers" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"workspace_id" uuid NOT NULL,
	"name" text NOT NULL,
	"token_hash" text NOT NULL,
	"token_sealed" text NOT NULL,
	"secret_sealed" text NOT NULL,
	"channel_id" uuid NOT NULL,
	"action" jsonb NOT NULL,
	"mapping" jsonb NOT NULL,
	"enabled" boolean DEFAULT true NOT NULL,
	"last_received_at" timestamp with time zone,
	"created_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "incoming_triggers_token_hash_unique" UNIQUE("token_hash")
);
--> statement-breakpoint
ALTER TABLE "incoming_payloads" ADD CONSTRAINT "incoming_payloads_trigger_id_incoming_triggers_id_fk" FOREIGN KEY ("trigger_id") REFERENCES "public"."incoming_triggers"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "incoming_payloads" ADD CONSTRAINT "incoming_payloads_workspace_id_workspaces_id_fk" FOREIGN KEY ("workspace_id") REFERENCES "public"."workspaces"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "incoming_triggers" ADD CONSTRAINT "incoming_triggers_workspace_id_workspaces_id_fk" FOREIGN KEY ("workspace_id") REFERENCES "public"."workspaces"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "incoming_triggers" ADD CONSTRAINT "incoming_triggers_channel_id_channels_id_fk" FOREIGN KEY ("channel_id") REFERENCES "public"."channels"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "incoming_triggers" ADD CONSTRAINT "incoming_triggers_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "incoming_payloads_dedupe_key" ON "incoming_payloads" USING btree ("trigger_id","dedupe_key");--> statement-breakpoint
CREATE INDEX "incoming_payloads_trigger_idx" ON "incoming_payloads" USING btree ("trigger_id","id" DESC NULLS LAST);--> statement-breakpoint
CREATE INDEX "incoming_triggers_workspace_idx" ON "incoming_triggers" USING btree ("workspace_id");