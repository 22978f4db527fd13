import type { Query } from '../../platform/db/database';
import { contactEvents } from './contact-events';
import type { ImportedContact } from './import-plan';

const MERGE_TAGS = (current: string, incoming: string) =>
  `ARRAY(SELECT t FROM unnest(${current} || ARRAY(SELECT jsonb_array_elements_text(${incoming})))
           WITH ORDINALITY AS x(t, i) GROUP BY t ORDER BY min(i))`;

/** What became of each contact given, in its order: its id, or null when an earlier one took its place. */
export type UpsertOutcome = { id: string; status: 'created' | 'updated' } | null;

/**
 * A contact is the same person when its number's match key (phone-numbers.ts: Mexico's 521,
 * Argentina's 549, Brazil's ninth digit) or its E.164 number matches one already stored:
 * customers who wrote first keep the wa_id WhatsApp reported. Known contacts get the given
 * name, extra tags and attributes; the rest are inserted. `source` is recorded with a consent
 * the rows change (a CSV import, or the API's bulk upsert).
 */
export async function upsertContacts(
  query: Query,
  workspaceId: string,
  contacts: ImportedContact[],
  now: Date,
  source: 'import' | 'api',
): Promise<{ created: number; updated: number; outcomes: UpsertOutcome[] }> {
  if (contacts.length === 0) return { created: 0, updated: 0, outcomes: [] };
  // Oldest first: where a number was already split in two, the older contact is the one kept.
  const existing = await query<{ id: string; phone_key: string | null; phone: string | null }>(
    `SELECT id, phone_key, phone FROM contacts
      WHERE workspace_id = $1 AND (phone_key = ANY($2::text[]) OR phone = ANY($3::text[]))
      ORDER BY created_at DESC, id DESC`,
    [workspaceId, contacts.map((c) => c.matchKey), contacts.map((c) => c.phone)],
  );
  const byKey = new Map(existing.filter((e) => e.phone_key).map((e) => [e.phone_key, e.id]));
  const byPhone = new Map(existing.filter((e) => e.phone).map((e) => [e.phone, e.id]));
  const record = (c: ImportedContact, id?: string) => ({
    id,
    wa_id: c.waId,
    phone: c.phone,
    name: c.name,
    tags: c.tags,
    attributes: c.attributes,
    opt_in: c.optIn === null ? null : c.optIn ? 'opted_in' : 'opted_out',
  });
  const toUpdate: ReturnType<typeof record>[] = [];
  const toInsert: ReturnType<typeof record>[] = [];
  const outcomes: UpsertOutcome[] = contacts.map(() => null);
  const updateAt = new Map<string, number>();
  const insertAt = new Map<string, number>();
  const claimed = new Set<string>();
  contacts.forEach((c, i) => {
    const id = byKey.get(c.matchKey) ?? byPhone.get(c.phone);
    if (id && !claimed.has(id)) {
      claimed.add(id);
      updateAt.set(id, i);
      toUpdate.push(record(c, id));
    } else if (!id) {
      insertAt.set(c.waId, i);
      toInsert.push(record(c));
    }
  });
  const recordset = `jsonb_to_recordset($2::jsonb) AS r(id uuid, wa_id text, phone text, name text, tags jsonb, attributes jsonb, opt_in text)`;
  // A customer's own "stop" is not overridden by a row saying they agreed.
  const optInChanges = (c: string) => `
    opt_in_state = CASE WHEN r.opt_in IS NULL OR (${c}.opt_in_source = 'customer_keyword' AND ${c}.opt_in_state = 'opted_out')
                        THEN ${c}.opt_in_state ELSE r.opt_in END,
    opt_in_source = CASE WHEN r.opt_in IS NULL OR r.opt_in = ${c}.opt_in_state
                           OR (${c}.opt_in_source = 'customer_keyword' AND ${c}.opt_in_state = 'opted_out')
                         THEN ${c}.opt_in_source ELSE $4::text END,
    opt_in_at = CASE WHEN r.opt_in IS NULL OR r.opt_in = ${c}.opt_in_state
                       OR (${c}.opt_in_source = 'customer_keyword' AND ${c}.opt_in_state = 'opted_out')
                     THEN ${c}.opt_in_at ELSE $3::timestamptz END`;
  let updated = 0;
  if (toUpdate.length > 0) {
    const rows = await query<{ id: string }>(
      `UPDATE contacts c SET
         name = COALESCE(r.name, c.name),
         phone = COALESCE(c.phone, r.phone),
         tags = ${MERGE_TAGS('c.tags', 'r.tags')},
         attributes = c.attributes || r.attributes,
         ${optInChanges('c')},
         updated_at = $3::timestamptz
       FROM ${recordset}
       WHERE c.workspace_id = $1 AND c.id = r.id
       RETURNING c.id`,
      [workspaceId, JSON.stringify(toUpdate), now, source],
    );
    updated += rows.length;
    for (const row of rows) outcomes[updateAt.get(row.id)!] = { id: row.id, status: 'updated' };
  }
  let created = 0;
  if (toInsert.length > 0) {
    const rows = await query<{ id: string; wa_id: string; inserted: boolean }>(
      `INSERT INTO contacts AS c (workspace_id, wa_id, phone, name, tags, attributes, opt_in_state, opt_in_source, opt_in_at)
       SELECT $1, r.wa_id, r.phone, r.name, ARRAY(SELECT jsonb_array_elements_text(r.tags)), r.attributes,
              COALESCE(r.opt_in, 'unknown'), CASE WHEN r.opt_in IS NULL THEN NULL ELSE $4::text END,
              CASE WHEN r.opt_in IS NULL THEN NULL ELSE $3::timestamptz END
         FROM ${recordset}
       ON CONFLICT (workspace_id, wa_id) DO UPDATE SET
         name = COALESCE(EXCLUDED.name, c.name),
         tags = ARRAY(SELECT t FROM unnest(c.tags || EXCLUDED.tags) WITH ORDINALITY AS x(t, i) GROUP BY t ORDER BY min(i)),
         attributes = c.attributes || EXCLUDED.attributes,
         updated_at = $3::timestamptz
       RETURNING c.id, c.wa_id, (xmax = 0) AS inserted`,
      [workspaceId, JSON.stringify(toInsert), now, source],
    );
    created = rows.filter((r) => r.inserted).length;
    updated += rows.length - created;
    for (const row of rows) {
      const at = insertAt.get(row.wa_id);
      if (at !== undefined) outcomes[at] = { id: row.id, status: row.inserted ? 'created' : 'updated' };
    }
  }
  await contactEvents.emit(
    query,
    outcomes.flatMap((outcome, i) =>
      outcome
        ? [
            {
              workspaceId,
              contactId: outcome.id,
              kind: outcome.status,
              fields: outcome.status === 'created' ? [] : fieldsGiven(contacts[i]!),
              source,
              at: now,
            },
          ]
        : [],
    ),
  );
  return { created, updated, outcomes };
}

/** What a row brought to a contact that existed, as `contact.updated` names it. */
function fieldsGiven(row: ImportedContact): string[] {
  return [
    ...(row.name ? ['name'] : []),
    ...(row.tags.length > 0 ? ['tags'] : []),
    ...(Object.keys(row.attributes).length > 0 ? ['attributes'] : []),
    ...(row.optIn !== null ? ['optIn'] : []),
  ];
}
