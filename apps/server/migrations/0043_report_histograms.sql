CREATE TABLE "report_histograms" (
	"workspace_id" uuid NOT NULL,
	"level" smallint NOT NULL,
	"block" integer NOT NULL,
	"metric" text NOT NULL,
	"channel_id" uuid NOT NULL,
	"team_id" uuid,
	"agent_user_id" uuid,
	"bucket" smallint NOT NULL,
	"count" integer NOT NULL,
	"sum" bigint NOT NULL,
	CONSTRAINT "report_histograms_key" UNIQUE NULLS NOT DISTINCT("workspace_id","level","block","metric","channel_id","team_id","agent_user_id","bucket") INCLUDE ("count","sum")
);
--> statement-breakpoint
-- The report reads a period's spans from the key's index alone (INCLUDE, written by hand: drizzle
-- has no INCLUDE): an index-only scan, 3-4 times faster than visiting the rows, as long as the
-- pages are marked all-visible, so vacuum comes after a few percent of the rows changed rather than
-- the default 20%.
ALTER TABLE "report_histograms" SET (autovacuum_vacuum_scale_factor = 0.02, autovacuum_vacuum_insert_scale_factor = 0.02);
--> statement-breakpoint
ALTER TABLE "report_histograms" ADD CONSTRAINT "report_histograms_workspace_id_workspaces_id_fk" FOREIGN KEY ("workspace_id") REFERENCES "public"."workspaces"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
-- A duration's bucket in report_histograms: 0 for 0 ms (business time outside hours), then steps
-- 5% wide (1 + floor(log base 1.05 of ms)); -1 for no duration. A bucket's facts are read back
-- as their mean (report-histograms.ts), so a percentile is within 5% of the exact one.
CREATE FUNCTION report_bucket(ms bigint) RETURNS smallint
  LANGUAGE sql IMMUTABLE PARALLEL SAFE
  AS $$ SELECT (CASE WHEN ms IS NULL THEN -1 WHEN ms <= 0 THEN 0
                     ELSE 1 + floor(ln(ms::float8) / ln(1.05::float8))::int END)::smallint $$;
--> statement-breakpoint
-- The rows (keys, count, sum) that add (sign 1) or take away (sign -1) the facts of the cycles in
-- `source` to report_histograms, at levels 0 to max_level. The facts are those the performance
-- report counts (performance-figures.ts reads the period's edges from the cycles the same way; a
-- test checks they agree): each is dated by when it counts (started, resolved, expired), by UTC day.
CREATE FUNCTION report_histogram_rows_sql(source text, sign int, max_level int) RETURNS text
  LANGUAGE sql IMMUTABLE PARALLEL SAFE
  AS $fn$ SELECT format($q$
    SELECT workspace_id, l::smallint AS level, day >> l AS block, metric, channel_id, team_id, agent AS agent_user_id,
           bucket, %2$s * count(*)::int AS count, %2$s * coalesce(sum(v), 0)::bigint AS sum
      FROM (SELECT workspace_id, channel_id, team_id, metric, agent,
                   (at AT TIME ZONE 'UTC')::date - DATE '1970-01-01' AS day,
                   CASE WHEN duration THEN report_bucket(v) ELSE -1 END AS bucket, v
              FROM (SELECT workspace_id, channel_id, team_id, 'assigned' AS metric, u AS agent, started_at AS at,
                           NULL::bigint AS v, false AS duration FROM %1$I, unnest(assigned_user_ids) u
                    UNION ALL SELECT workspace_id, channel_id, team_id, 'handled', u, started_at, NULL, false
                      FROM %1$I, unnest(replier_user_ids) u
                    UNION ALL SELECT workspace_id, channel_id, team_id, 'reopened', agent_user_id, started_at, NULL, false
                      FROM %1$I WHERE reopened
                    UNION ALL SELECT workspace_id, channel_id, team_id, 'first', first_responder_user_id, started_at,
                                     first_response_ms, true FROM %1$I WHERE first_response_ms IS NOT NULL
                    UNION ALL SELECT workspace_id, channel_id, team_id, 'first_b', first_responder_user_id, started_at,
                                     first_response_bms, true FROM %1$I WHERE first_response_ms IS NOT NULL
                    UNION ALL SELECT workspace_id, channel_id, team_id, 'response', agent_user_id, started_at, r, true
                      FROM %1$I, unnest(response_ms) r
                    UNION ALL SELECT workspace_id, channel_id, team_id, 'response_b', agent_user_id, started_at, r, true
                      FROM %1$I, unnest(response_bms) r
                    UNION ALL SELECT workspace_id, channel_id, team_id, 'queue', agent_user_id, started_at, w, true
                      FROM %1$I, unnest(queue_wait_ms) w
                    UNION ALL SELECT workspace_id, channel_id, team_id, 'queue_b', agent_user_id, started_at, w, true
                      FROM %1$I, unnest(queue_wait_bms) w
                    UNION ALL SELECT workspace_id, channel_id, team_id, 'sent', NULL, started_at, agent_messages, false
                      FROM %1$I WHERE team_id IS NOT NULL
                    UNION ALL SELECT workspace_id, channel_id, team_id, 'resolved', agent_user_id, resolved_at,
                                     resolution_ms, true FROM %1$I WHERE resolved_at IS NOT NULL
                    UNION ALL SELECT workspace_id, channel_id, team_id, 'resolved_b', agent_user_id, resolved_at,
                                     resolution_bms, true FROM %1$I WHERE resolved_at IS NOT NULL
                    UNION ALL SELECT workspace_id, channel_id, team_id, 'expired', agent_user_id, expires_at,
                                     CASE WHEN first_response_at IS NULL OR first_response_at > expires_at THEN 1 ELSE 0 END,
                                     false FROM %1$I WHERE expires_at IS NOT NULL) facts) f,
           generate_series(0, %3$s) AS l
     GROUP BY 1, 2, 3, 4, 5, 6, 7, 8$q$, source, sign, max_level) $fn$;
--> statement-breakpoint
-- Adds rows of report_histogram_rows_sql (or any with the same columns) to report_histograms.
CREATE FUNCTION report_histograms_upsert_sql(rows_sql text) RETURNS text
  LANGUAGE sql IMMUTABLE PARALLEL SAFE
  AS $fn$ SELECT format($q$
    INSERT INTO report_histograms AS h
           (workspace_id, level, block, metric, channel_id, team_id, agent_user_id, bucket, count, sum)
    %s
    ON CONFLICT ON CONSTRAINT report_histograms_key
    DO UPDATE SET count = h.count + excluded.count, sum = h.sum + excluded.sum$q$, rows_sql) $fn$;
--> statement-breakpoint
-- Every write of conversation_cycles carries its facts to report_histograms in its own
-- transaction, cascades from a removed conversation included. Buckets left at 0 stay (the report
-- skips them) until a rebuild. Writers that keep the histograms themselves set
-- charla.histograms_kept (refresh-reports.ts: the old and new facts of a conversation netted
-- before writing; rebuildReports: filled once at the end).
CREATE FUNCTION report_histograms_follow_cycles() RETURNS trigger
  LANGUAGE plpgsql
  AS $$
BEGIN
  IF current_setting('charla.histograms_kept', true) = 'on' THEN RETURN NULL; END IF;
  -- The transition tables are visible only to statements run by this function itself.
  IF TG_OP IN ('DELETE', 'UPDATE') THEN EXECUTE report_histograms_upsert_sql(report_histogram_rows_sql('old_rows', -1, 6)); END IF;
  IF TG_OP IN ('INSERT', 'UPDATE') THEN EXECUTE report_histograms_upsert_sql(report_histogram_rows_sql('new_rows', 1, 6)); END IF;
  RETURN NULL;
END $$;
--> statement-breakpoint
CREATE TRIGGER conversation_cycles_histograms_insert AFTER INSERT ON conversation_cycles
  REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION report_histograms_follow_cycles();
--> statement-breakpoint
CREATE TRIGGER conversation_cycles_histograms_delete AFTER DELETE ON conversation_cycles
  REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION report_histograms_follow_cycles();
--> statement-breakpoint
CREATE TRIGGER conversation_cycles_histograms_update AFTER UPDATE ON conversation_cycles
  REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION report_histograms_follow_cycles();
