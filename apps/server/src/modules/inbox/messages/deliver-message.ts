import type { MessageError } from '@charla/contracts';
import type { InboxDeps } from '../inbox.deps';
import { SendFailure } from '../inbox.ports';
import { applyFurthestStatus } from './record-inbound';
import { applyPendingReactions } from './record-reactions';

export const SEND_MESSAGE_JOB = 'inbox.send-message';

/**
 * The sender worker: hands one queued message to its channel. The claim (send_attempted_at)
 * makes a second run a no-op, because the Cloud API has no idempotency key and a retried
 * POST would message the customer twice.
 */
export async function deliverMessage(deps: InboxDeps, messageId: string): Promise<void> {
  const [claimed] = await deps.db.query<{
    workspace_id: string;
    conversation_id: string;
    channel_id: string;
    text: string;
    wa_id: string | null;
  }>(
    `UPDATE messages m SET send_attempted_at = $2
       FROM conversations c JOIN contacts ct ON ct.id = c.contact_id
      WHERE m.id = $1 AND c.id = m.conversation_id AND m.status = 'queued' AND m.send_attempted_at IS NULL
      RETURNING m.workspace_id, m.conversation_id, m.channel_id, m.text, ct.wa_id`,
    [messageId, deps.clock.now()],
  );
  if (!claimed) return;
  const change = { workspaceId: claimed.workspace_id, conversationId: claimed.conversation_id, messageId };
  if (!claimed.wa_id) {
    await failMessage(deps, messageId, {
      code: null,
      reason: 'This contact has no WhatsApp phone number we can send to.',
      details: null,
    });
    return deps.notify([{ kind: 'message.updated', ...change }]);
  }
  try {
    const { externalId } = await deps.gateway.sendText({
      channelId: claimed.channel_id,
      to: claimed.wa_id,
      body: claimed.text,
    });
    const changes = await deps.db.transaction(async (query) => {
      await query(
        `UPDATE messages SET external_id = $2, status = 'accepted' WHERE id = $1 AND status = 'queued'`,
        [messageId, externalId],
      );
      // Meta's status webhook may have arrived before we stored the wamid: apply it now.
      const early = await query<{ status: string; errors: unknown }>(
        'SELECT status, errors FROM message_status_events WHERE channel_id = $1 AND external_id = $2',
        [claimed.channel_id, externalId],
      );
      const statuses = await applyFurthestStatus(
        query,
        early.map((e) => ({ channelId: claimed.channel_id, externalId, status: e.status, error: e.errors })),
      );
      // The customer may even have reacted to it already.
      const reactions = await applyPendingReactions(query, [{ channelId: claimed.channel_id, externalId }]);
      return [...statuses, ...reactions];
    });
    await deps.notify([{ kind: 'message.updated', ...change }, ...changes]);
  } catch (err) {
    if (err instanceof SendFailure && err.retryable) {
      // Nothing reached the customer: release the claim and let the queue retry with backoff.
      await deps.db.query('UPDATE messages SET send_attempted_at = NULL WHERE id = $1', [messageId]);
      throw err;
    }
    const error: MessageError =
      err instanceof SendFailure
        ? err.error
        : {
            code: null,
            reason: 'Charla could not send this message.',
            details: err instanceof Error ? err.message : String(err),
          };
    await failMessage(deps, messageId, error);
    await deps.notify([{ kind: 'message.updated', ...change }]);
  }
}

async function failMessage(deps: Pick<InboxDeps, 'db'>, messageId: string, error: MessageError) {
  await deps.db.query(
    `UPDATE messages SET status = 'failed', error = $2::jsonb WHERE id = $1 AND status = 'queued'`,
    [messageId, JSON.stringify(error)],
  );
}

/**
 * After a crash: queue what was stored but never handed to the queue, and fail what was
 * handed to the channel with no answer (it may have reached Meta; sending again could
 * duplicate it, so a person decides).
 */
export async function recoverStrandedSends(deps: InboxDeps): Promise<number> {
  const now = deps.clock.now();
  const unsent = await deps.db.query<{ id: string }>(
    `SELECT id FROM messages WHERE status = 'queued' AND send_attempted_at IS NULL AND created_at < $1 LIMIT 1000`,
    [new Date(now.getTime() - 30_000)],
  );
  for (const m of unsent) await deps.jobs.send(SEND_MESSAGE_JOB, { messageId: m.id }, { singletonKey: m.id });
  const unknown = await deps.db.query<{ id: string; workspace_id: string; conversation_id: string }>(
    `UPDATE messages SET status = 'failed', error = $2::jsonb
      WHERE status = 'queued' AND send_attempted_at < $1 RETURNING id, workspace_id, conversation_id`,
    [
      new Date(now.getTime() - 120_000),
      JSON.stringify({
        code: null,
        reason:
          'Charla stopped while sending this message, so it may or may not have been delivered. Check with the customer before sending it again.',
        details: null,
      }),
    ],
  );
  await deps.notify(
    unknown.map((m) => ({
      kind: 'message.updated',
      workspaceId: m.workspace_id,
      conversationId: m.conversation_id,
      messageId: m.id,
    })),
  );
  return unsent.length + unknown.length;
}
