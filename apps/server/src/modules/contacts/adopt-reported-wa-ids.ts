import type { Query } from '../../platform/db/database';

/**
 * A customer writes from a wa_id whose number is already a contact in another form: typed or
 * imported as +52 55 1234 5678 while WhatsApp reports 5215512345678, Argentina's 549, Brazil's
 * ninth digit (`phone_key`, see phone-numbers.ts). That contact takes the wa_id WhatsApp
 * reported, so the message lands in it instead of in a second contact, and replies go to the id
 * WhatsApp uses. A contact that already has the exact wa_id is left as it is; where a number was
 * already split in two, the oldest contact is the one chosen.
 */
export async function adoptReportedWaIds(
  query: Query,
  senders: { workspaceId: string; waId: string | null }[],
): Promise<void> {
  const unique = new Map<string, { workspaceId: string; waId: string }>();
  for (const s of senders)
    if (s.waId) unique.set(`${s.workspaceId}|${s.waId}`, { workspaceId: s.workspaceId, waId: s.waId });
  if (unique.size === 0) return;
  const rows = [...unique.values()];
  await query(
    `UPDATE contacts c SET wa_id = m.wa, updated_at = now()
       FROM (SELECT DISTINCT ON (k.id) k.id, t.wa
               -- The key is worked out once per sender (OFFSET 0 keeps the subquery apart): inside
               -- the join, a plan that reads a workspace's contacts (a young table's statistics)
               -- worked it out for every contact, half a second for 300 senders among 1,000.
               FROM (SELECT w, wa, phone_match_key(wa) AS key
                       FROM unnest($1::uuid[], $2::text[]) AS u(w, wa) OFFSET 0) t
               JOIN LATERAL (SELECT k.id FROM contacts k
                              WHERE k.workspace_id = t.w AND k.phone_key = t.key AND k.wa_id <> t.wa
                              ORDER BY k.created_at, k.id LIMIT 1) k ON true
              WHERE NOT EXISTS (SELECT 1 FROM contacts e WHERE e.workspace_id = t.w AND e.wa_id = t.wa)
              ORDER BY k.id, t.wa) m
      WHERE c.id = m.id`,
    [rows.map((r) => r.workspaceId), rows.map((r) => r.waId)],
  );
}
