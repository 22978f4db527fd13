import type { Database } from '../../../platform/db/database';
import { createGroupCommit } from '../../../platform/group-commit';

/**
 * Appends raw webhooks to `webhook_events`. Concurrent deliveries share one multi-row insert
 * (group commit): on PGlite's single connection that is the difference between hundreds and
 * thousands of webhooks a second. `append` resolves only once the row is durable.
 */
export function createWebhookEventLog(db: Database) {
  const commit = createGroupCommit<{ key: string; raw: string }>(async (rows) => {
    await db.query(
      `INSERT INTO webhook_events (dedupe_key, raw_body)
       SELECT * FROM unnest($1::text[], $2::text[]) ON CONFLICT (dedupe_key) DO NOTHING`,
      [rows.map((r) => r.key), rows.map((r) => r.raw)],
    );
  });
  return { append: (key: string, raw: string) => commit.write({ key, raw }) };
}

export type WebhookEventLog = ReturnType<typeof createWebhookEventLog>;
