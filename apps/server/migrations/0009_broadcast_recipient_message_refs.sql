ALTER TABLE "broadcast_recipients" DROP CONSTRAINT "broadcast_recipients_message_id_messages_id_fk";
--> statement-breakpoint
ALTER TABLE "broadcast_recipients" DROP CONSTRAINT "broadcast_recipients_conversation_id_conversations_id_fk";
