import type { Database } from '../../../platform/db/database';
import { createGroupCommit } from '../../../platform/group-commit';

/**
 * Appends raw webhooks to `webhook_events`. Concurrent deliveries share one multi-row insert
 * (group commit): on PGlite's single connection that is the difference between hundreds and
 * thousands of webhooks a second. `append` resolves only once the row is durable.
 */
export function createWebhookEventLog(db: Database) {
  const commit = createGroupCommit<{ key: string; raw: string; signedFor: string[] }>(async (rows) => {
    // An array per row cannot be unnested beside the others: the ids travel comma-joined.
    await db.query(
      `INSERT INTO webhook_events (dedupe_key, raw_body, signed_for)
       SELECT key, raw, string_to_array(signed, ',')::uuid[] FROM unnest($1::text[], $2::text[], $3::text[]) AS v(key, raw, signed)
       ON CONFLICT (dedupe_key) DO NOTHING`,
      [rows.map((r) => r.key), rows.map((r) => r.raw), rows.map((r) => r.signedFor.join(','))],
    );
  });
  return {
    /** `signedFor`: the channels whose own app secret verified the body; only their changes are applied. */
    append: (key: string, raw: string, signedFor: string[]) => commit.write({ key, raw, signedFor }),
  };
}

export type WebhookEventLog = ReturnType<typeof createWebhookEventLog>;
