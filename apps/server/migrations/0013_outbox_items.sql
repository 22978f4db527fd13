CREATE TABLE "outbox_items" (
	"id" bigint PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "outbox_items_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1),
	"workspace_id" uuid NOT NULL,
	"channel_id" uuid NOT NULL,
	"conversation_id" uuid NOT NULL,
	"kind" text NOT NULL,
	"message_id" uuid NOT NULL,
	"payload" jsonb,
	"state" text DEFAULT 'queued' NOT NULL,
	"attempts" integer DEFAULT 0 NOT NULL,
	"not_before" timestamp with time zone,
	"claimed_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "outbox_items" ADD CONSTRAINT "outbox_items_workspace_id_workspaces_id_fk" FOREIGN KEY ("workspace_id") REFERENCES "public"."workspaces"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "outbox_items" ADD CONSTRAINT "outbox_items_channel_id_channels_id_fk" FOREIGN KEY ("channel_id") REFERENCES "public"."channels"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "outbox_items" ADD CONSTRAINT "outbox_items_conversation_id_conversations_id_fk" FOREIGN KEY ("conversation_id") REFERENCES "public"."conversations"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "outbox_items" ADD CONSTRAINT "outbox_items_message_id_messages_id_fk" FOREIGN KEY ("message_id") REFERENCES "public"."messages"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "outbox_items_channel_queued_idx" ON "outbox_items" USING btree ("channel_id","id") WHERE state = 'queued';--> statement-breakpoint
CREATE INDEX "outbox_items_conversation_idx" ON "outbox_items" USING btree ("conversation_id","id");--> statement-breakpoint
CREATE INDEX "outbox_items_message_idx" ON "outbox_items" USING btree ("message_id");--> statement-breakpoint
-- Messages queued before the outbox existed: the ones never handed to WhatsApp wait in it now.
INSERT INTO "outbox_items" ("workspace_id", "channel_id", "conversation_id", "kind", "message_id", "created_at")
SELECT "workspace_id", "channel_id", "conversation_id", 'message', "id", "created_at" FROM "messages"
 WHERE "direction" = 'outbound' AND "status" = 'queued' AND "external_id" IS NULL AND "send_attempted_at" IS NULL
 ORDER BY "created_at", "id";--> statement-breakpoint
-- Handed to WhatsApp with no answer kept: it may have been delivered, so a person decides (as before).
UPDATE "messages" SET "status" = 'failed', "error" = '{"code":null,"reason":"Charla stopped while sending this message, so it may or may not have been delivered. Check with the customer before sending it again.","details":null}'::jsonb
 WHERE "direction" = 'outbound' AND "status" = 'queued' AND "external_id" IS NULL AND "send_attempted_at" IS NOT NULL;
