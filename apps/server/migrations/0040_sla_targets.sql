CREATE TABLE "sla_targets" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"workspace_id" uuid NOT NULL,
	"team_id" uuid,
	"first_response_minutes" integer,
	"resolution_minutes" integer
);
--> statement-breakpoint
ALTER TABLE "sla_targets" ADD CONSTRAINT "sla_targets_workspace_id_workspaces_id_fk" FOREIGN KEY ("workspace_id") REFERENCES "public"."workspaces"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "sla_targets" ADD CONSTRAINT "sla_targets_team_id_teams_id_fk" FOREIGN KEY ("team_id") REFERENCES "public"."teams"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "sla_targets_workspace_key" ON "sla_targets" USING btree ("workspace_id") WHERE team_id IS NULL;--> statement-breakpoint
CREATE UNIQUE INDEX "sla_targets_team_key" ON "sla_targets" USING btree ("workspace_id","team_id") WHERE team_id IS NOT NULL;