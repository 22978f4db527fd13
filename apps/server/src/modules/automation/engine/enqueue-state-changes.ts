import type { Query } from '../../../platform/db/database';

/** What a member (or the API) changed that a rule may wait for; automation's own changes never come here. */
export type StateChange =
  | { type: 'tag_added'; tags: string[] }
  | { type: 'label_added'; labelId: string }
  /** The new values of the attributes that changed (null: removed). */
  | { type: 'attribute_changed'; attributes: Record<string, unknown> }
  | { type: 'status_changed'; from: string; to: string };

/** A change in a conversation, or to a contact (heard in the contact's latest conversation). */
export type StateChangeEvent = { workspaceId: string; change: StateChange } & (
  | { conversationId: string; contactId?: undefined }
  | { contactId: string; conversationId?: undefined }
);

/**
 * Hands members' changes to automation inside the change's own transaction, as the ingest does
 * with messages: the change is kept if and only if the rules will see it, once. Only workspaces
 * with a rule turned on that waits for that kind of change get a row; a contact with no
 * conversation has nowhere for a rule to act, and gets none.
 */
export async function enqueueStateChanges(query: Query, events: StateChangeEvent[]): Promise<number> {
  if (events.length === 0) return 0;
  const rows = await query(
    `INSERT INTO automation_inbox (workspace_id, kind, conversation_id, detail, due_at)
     SELECT e.w, 'state_change', e.c, e.d, '-infinity'::timestamptz
       FROM (SELECT v.w, v.d::jsonb AS d, v.n,
                    COALESCE((SELECT c.id FROM conversations c WHERE c.workspace_id = v.w AND c.id = v.c),
                             (SELECT c.id FROM conversations c WHERE c.workspace_id = v.w AND c.contact_id = v.ct
                               ORDER BY c.last_activity_at DESC, c.id DESC LIMIT 1)) AS c
               FROM unnest($1::uuid[], $2::uuid[], $3::uuid[], $4::text[]) WITH ORDINALITY AS v(w, c, ct, d, n)) e
      WHERE e.c IS NOT NULL
        AND EXISTS (SELECT 1 FROM automation_rules r
                     WHERE r.workspace_id = e.w AND r.enabled AND r.trigger->>'type' = e.d->>'type')
      ORDER BY e.n
     RETURNING id`,
    [
      events.map((e) => e.workspaceId),
      events.map((e) => e.conversationId ?? null),
      events.map((e) => e.contactId ?? null),
      events.map((e) => JSON.stringify(e.change)),
    ],
  );
  return rows.length;
}
