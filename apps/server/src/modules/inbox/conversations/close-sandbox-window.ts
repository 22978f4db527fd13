import type { Conversation } from '@charla/contracts';
import { AppError, notFound } from '../../../platform/errors';
import type { InboxDeps } from '../inbox.deps';
import { WINDOW_MS } from './conversation-window';
import { findConversation } from './get-thread';

/**
 * The sandbox's "close the 24-hour window now": time passes for this conversation only, so a
 * newcomer sees at once what happens a day after the customer's last message (templates only).
 * The simulator's window for the customer closes too, through the channel, so a free-form send
 * that slipped past Charla would be refused there as Meta refuses it. Real numbers: 409.
 */
export async function closeSandboxWindow(
  deps: Pick<InboxDeps, 'db' | 'clock' | 'gateway' | 'notify'>,
  workspaceId: string,
  conversationId: string,
): Promise<Conversation> {
  const [row] = await deps.db.query<{ channel_id: string; kind: string; wa_id: string | null }>(
    `SELECT c.channel_id, ch.kind, ct.wa_id
       FROM conversations c JOIN channels ch ON ch.id = c.channel_id JOIN contacts ct ON ct.id = c.contact_id
      WHERE c.workspace_id = $1 AND c.id = $2`,
    [workspaceId, conversationId],
  );
  if (!row) throw notFound('conversation');
  if (row.kind !== 'sandbox') {
    throw new AppError(
      'conflict',
      'not_sandbox',
      "Only a sandbox number's window can be closed early. On a real WhatsApp number the window closes 24 hours after the customer's last message, and no one can shorten it.",
    );
  }
  if (row.wa_id) {
    try {
      await deps.gateway.closeSandboxWindow({ channelId: row.channel_id, to: row.wa_id });
    } catch (err) {
      throw new AppError(
        'unavailable',
        'simulator_unreachable',
        `The simulator did not close the window (${(err as Error).message}). Check that it is running and try again.`,
      );
    }
  }
  const closedAt = new Date(deps.clock.now().getTime() - WINDOW_MS);
  await deps.db.query(
    `UPDATE conversations SET last_inbound_at = $3
      WHERE workspace_id = $1 AND id = $2 AND last_inbound_at > $3`,
    [workspaceId, conversationId, closedAt],
  );
  await deps.notify([{ kind: 'conversation.updated', workspaceId, conversationId }]);
  return findConversation(deps, workspaceId, conversationId);
}
