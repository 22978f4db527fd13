ALTER TABLE "broadcast_recipients" DROP CONSTRAINT "broadcast_recipients_workspace_id_workspaces_id_fk";
