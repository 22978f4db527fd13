CREATE TABLE "media" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"workspace_id" uuid NOT NULL,
	"channel_id" uuid NOT NULL,
	"message_id" uuid,
	"external_id" text,
	"mime_type" text NOT NULL,
	"size" bigint,
	"sha256" text,
	"filename" text,
	"storage_key" text,
	"state" text DEFAULT 'pending' NOT NULL,
	"error" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "message_reactions" (
	"message_id" uuid NOT NULL,
	"workspace_id" uuid NOT NULL,
	"direction" text NOT NULL,
	"emoji" text NOT NULL,
	"reacted_at" timestamp with time zone NOT NULL,
	CONSTRAINT "message_reactions_message_id_direction_pk" PRIMARY KEY("message_id","direction")
);
--> statement-breakpoint
CREATE TABLE "pending_reactions" (
	"workspace_id" uuid NOT NULL,
	"channel_id" uuid NOT NULL,
	"target_external_id" text NOT NULL,
	"direction" text NOT NULL,
	"emoji" text NOT NULL,
	"reacted_at" timestamp with time zone NOT NULL,
	"received_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "pending_reactions_channel_id_target_external_id_direction_pk" PRIMARY KEY("channel_id","target_external_id","direction")
);
--> statement-breakpoint
ALTER TABLE "messages" ADD COLUMN "raw" jsonb;--> statement-breakpoint
ALTER TABLE "messages" ADD COLUMN "reply_to_external_id" text;--> statement-breakpoint
ALTER TABLE "messages" ADD COLUMN "forwarded" text;--> statement-breakpoint
ALTER TABLE "messages" ADD COLUMN "referral" jsonb;--> statement-breakpoint
ALTER TABLE "media" ADD CONSTRAINT "media_workspace_id_workspaces_id_fk" FOREIGN KEY ("workspace_id") REFERENCES "public"."workspaces"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "media" ADD CONSTRAINT "media_channel_id_channels_id_fk" FOREIGN KEY ("channel_id") REFERENCES "public"."channels"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "media" ADD CONSTRAINT "media_message_id_messages_id_fk" FOREIGN KEY ("message_id") REFERENCES "public"."messages"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "message_reactions" ADD CONSTRAINT "message_reactions_message_id_messages_id_fk" FOREIGN KEY ("message_id") REFERENCES "public"."messages"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "message_reactions" ADD CONSTRAINT "message_reactions_workspace_id_workspaces_id_fk" FOREIGN KEY ("workspace_id") REFERENCES "public"."workspaces"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "pending_reactions" ADD CONSTRAINT "pending_reactions_workspace_id_workspaces_id_fk" FOREIGN KEY ("workspace_id") REFERENCES "public"."workspaces"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "pending_reactions" ADD CONSTRAINT "pending_reactions_channel_id_channels_id_fk" FOREIGN KEY ("channel_id") REFERENCES "public"."channels"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "media_channel_external_id_key" ON "media" USING btree ("channel_id","external_id");--> statement-breakpoint
CREATE INDEX "media_message_idx" ON "media" USING btree ("message_id");--> statement-breakpoint
CREATE INDEX "media_pending_idx" ON "media" USING btree ("updated_at") WHERE state = 'pending';--> statement-breakpoint
-- Added by hand (drizzle-kit writes no data migrations): rows stored before this migration kept
-- the wire message in "content". Keep it as "raw" and give "content" the neutral shape.
UPDATE "messages" SET
  "raw" = CASE WHEN "direction" = 'inbound' THEN "content" END,
  "reply_to_external_id" = CASE WHEN "direction" = 'inbound' THEN "content"->'context'->>'id' END,
  "content" = CASE
    WHEN "type" = 'text' THEN jsonb_build_object('type', 'text', 'body', COALESCE("text", ''))
    ELSE jsonb_build_object('type', 'unsupported', 'kind', "type", 'reason', 'Received before Charla could show this kind of message.')
  END;
