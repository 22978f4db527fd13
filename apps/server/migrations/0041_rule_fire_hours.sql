CREATE TABLE "automation_rule_fire_hours" (
	"rule_id" uuid NOT NULL,
	"workspace_id" uuid NOT NULL,
	"hour" timestamp with time zone NOT NULL,
	"fired" integer NOT NULL,
	CONSTRAINT "automation_rule_fire_hours_rule_id_hour_pk" PRIMARY KEY("rule_id","hour")
);
--> statement-breakpoint
ALTER TABLE "automation_rule_fire_hours" ADD CONSTRAINT "automation_rule_fire_hours_rule_id_automation_rules_id_fk" FOREIGN KEY ("rule_id") REFERENCES "public"."automation_rules"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "automation_rule_fire_hours_workspace_idx" ON "automation_rule_fire_hours" USING btree ("workspace_id","hour");