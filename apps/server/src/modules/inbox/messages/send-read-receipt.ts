import type { InboxDeps } from '../inbox.deps';

export const SEND_READ_RECEIPT_JOB = 'inbox.send-read-receipt';

/** Tells WhatsApp the agent read the customer's message (the customer's blue ticks). */
export async function sendReadReceipt(deps: InboxDeps, messageId: string): Promise<void> {
  const [m] = await deps.db.query<{ channel_id: string; external_id: string | null }>(
    `SELECT channel_id, external_id FROM messages WHERE id = $1 AND direction = 'inbound'`,
    [messageId],
  );
  if (!m?.external_id) return;
  await deps.gateway.markRead({ channelId: m.channel_id, externalId: m.external_id });
}
