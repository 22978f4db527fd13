import type { Database } from '../../platform/db/database';

/**
 * Which of these uploads an automatic message sends: a rule's send_message action, a bot's
 * message node (its draft or any published version, which running sessions may still be on) or
 * a sequence's step. One statement, one scan of each table, however many ids.
 */
export async function automationFilesInUse(db: Database, mediaIds: string[]): Promise<Set<string>> {
  if (mediaIds.length === 0) return new Set();
  const rows = await db.query<{ id: string }>(
    `SELECT id FROM (
       SELECT jsonb_path_query(actions, '$[*].message.mediaId') #>> '{}' AS id FROM automation_rules
       UNION SELECT jsonb_path_query(draft, '$.nodes[*].message.mediaId') #>> '{}' FROM flows
       UNION SELECT jsonb_path_query(definition, '$.nodes[*].message.mediaId') #>> '{}' FROM flow_versions
       UNION SELECT jsonb_path_query(steps, '$[*].message.mediaId') #>> '{}' FROM sequences
     ) used WHERE id = ANY($1::text[])`,
    [mediaIds],
  );
  return new Set(rows.map((r) => r.id));
}
