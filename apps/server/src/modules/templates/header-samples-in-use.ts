import type { Database } from '../../platform/db/database';

/** Which of these uploads are a template's header sample (Meta reviews the template with it). */
export async function headerSamplesInUse(db: Database, mediaIds: string[]): Promise<Set<string>> {
  const rows = await db.query<{ id: string }>(
    `SELECT DISTINCT header->>'exampleMediaId' AS id FROM templates
      WHERE header->>'exampleMediaId' = ANY($1::text[])`,
    [mediaIds],
  );
  return new Set(rows.map((r) => r.id));
}
