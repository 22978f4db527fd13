CREATE TABLE "automation_schedules" (
	"rule_id" uuid PRIMARY KEY NOT NULL,
	"workspace_id" uuid NOT NULL,
	"due_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
ALTER TABLE "automation_inbox" ADD COLUMN "detail" jsonb;--> statement-breakpoint
ALTER TABLE "automation_schedules" ADD CONSTRAINT "automation_schedules_rule_id_automation_rules_id_fk" FOREIGN KEY ("rule_id") REFERENCES "public"."automation_rules"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "automation_schedules_due_idx" ON "automation_schedules" USING btree ("due_at");