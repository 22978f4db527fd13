import type { Query } from '../../../platform/db/database';

/**
 * The customer wrote: their active enrolments stop (`replied`; `opted_out` when the message was
 * their opt-out keyword, which the ingest applied just before). One statement for the ingest's
 * batch, in its transaction, so a step due at the same moment is either sent before the reply
 * was stored or not at all.
 */
export async function stopSequencesOnInbound(query: Query, messageIds: string[]): Promise<void> {
  if (messageIds.length === 0) return;
  await query(
    `UPDATE sequence_enrollments e
        SET status = 'stopped', next_at = NULL, ended_at = now(),
            stop_reason = CASE WHEN ct.opt_in_state = 'opted_out' THEN 'opted_out' ELSE 'replied' END
       FROM contacts ct
      WHERE e.status = 'active' AND ct.id = e.contact_id
        AND e.contact_id IN (
          SELECT c.contact_id FROM messages m JOIN conversations c ON c.id = m.conversation_id
           WHERE m.id = ANY($1::uuid[]) AND m.direction = 'inbound'
             AND m.type NOT IN ('system', 'revoke', 'edit', 'call', 'reaction'))`,
    [messageIds],
  );
}
