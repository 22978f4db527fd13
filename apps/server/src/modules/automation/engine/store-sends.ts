import type { MessageContent } from '@charla/contracts';
import type { Query } from '../../../platform/db/database';
import { type AutomatedBy, previewOf } from '../../inbox';
import type { AutomationEngineDeps } from '../automation.deps';

/** An automatic message to store and send (rules', bots' and sequences' alike). */
export interface PendingSend {
  id: string;
  workspaceId: string;
  conversationId: string;
  channelId: string;
  content: MessageContent;
  at: Date;
  by: AutomatedBy;
}

/**
 * Stores automatic messages (rules', bots', sequences') as queued outbound messages and hands
 * them to the outbox, in the caller's transaction: one statement for the messages and their
 * conversations' activity and the files they carry (the first message that sends one keeps it, as
 * an agent's), one for the outbox, however many there are.
 */
export async function storeSends(
  deps: Pick<AutomationEngineDeps, 'outbox'>,
  query: Query,
  sends: PendingSend[],
) {
  if (sends.length === 0) return;
  await query(
    `WITH v AS (
       SELECT * FROM unnest($1::uuid[], $2::uuid[], $3::uuid[], $4::uuid[], $5::text[], $6::text[], $7::jsonb[],
                            $8::timestamptz[], $9::jsonb[]) WITH ORDINALITY AS v(id, ws, conv, ch, type, text, content, at, by, n))
     , m AS (
       INSERT INTO messages (id, workspace_id, conversation_id, channel_id, direction, type, text, content, status,
                             occurred_at, automated_by)
       SELECT id, ws, conv, ch, 'outbound', type, text, content, 'queued', at, by FROM v ORDER BY n RETURNING id)
     , f AS (
       UPDATE media SET message_id = COALESCE(media.message_id, x.id)
         FROM (SELECT DISTINCT ON (media_id) (content->'media'->>'id')::uuid AS media_id, ws, id FROM v
                WHERE content->'media'->>'id' IS NOT NULL ORDER BY media_id, n) x
        WHERE media.workspace_id = x.ws AND media.id = x.media_id)
     UPDATE conversations SET last_activity_at = GREATEST(last_activity_at, x.at)
       FROM (SELECT conv, max(at) AS at FROM v GROUP BY conv) x WHERE conversations.id = x.conv`,
    [
      sends.map((s) => s.id),
      sends.map((s) => s.workspaceId),
      sends.map((s) => s.conversationId),
      sends.map((s) => s.channelId),
      sends.map((s) => s.content.type),
      sends.map((s) => previewOf(s.content)),
      sends.map((s) => JSON.stringify(s.content)),
      sends.map((s) => s.at),
      sends.map((s) => JSON.stringify(s.by)),
    ],
  );
  await deps.outbox.enqueue(
    query,
    sends.map((s) => ({
      kind: 'message' as const,
      workspaceId: s.workspaceId,
      channelId: s.channelId,
      conversationId: s.conversationId,
      messageId: s.id,
    })),
  );
}
