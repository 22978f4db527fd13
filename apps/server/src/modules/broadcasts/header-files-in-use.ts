import type { Database } from '../../platform/db/database';

/**
 * Which of these uploads a broadcast sends or shows: the header file picked for it, or the
 * sample of the template it keeps (its copy of the template as approved when it started).
 */
export async function headerFilesInUse(db: Database, mediaIds: string[]): Promise<Set<string>> {
  const rows = await db.query<{ id: string }>(
    `SELECT variables->>'headerMediaId' AS id FROM broadcasts
      WHERE variables->>'headerMediaId' = ANY($1::text[])
     UNION
     SELECT template->'header'->>'exampleMediaId' FROM broadcasts
      WHERE template->'header'->>'exampleMediaId' = ANY($1::text[])`,
    [mediaIds],
  );
  return new Set(rows.map((r) => r.id));
}
