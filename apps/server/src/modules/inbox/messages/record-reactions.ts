import type { Query } from '../../../platform/db/database';
import { toPgSafeText } from '../../../platform/db/pg-safe';
import type { InboundReaction, InboxChange } from '../inbox.ports';

/**
 * Every reaction is first kept by its target's external id (the message may not be stored
 * yet: deliveries come out of order, and an outbound message learns its wamid after the
 * send), then moved onto the messages that are known. `stored` are messages just stored,
 * whose early reactions can now apply.
 */
export async function recordReactions(
  query: Query,
  reactions: InboundReaction[],
  stored: { channelId: string; externalId: string }[],
): Promise<InboxChange[]> {
  // The newest reaction per target and side wins; a tie goes to the later one in the batch.
  const latest = new Map<string, InboundReaction>();
  for (const r of reactions) {
    const key = `${r.channelId}|${r.targetExternalId}|${r.direction}`;
    const prev = latest.get(key);
    if (!prev || prev.occurredAt <= r.occurredAt) latest.set(key, r);
  }
  const rows = [...latest.values()];
  if (rows.length > 0) {
    await query(
      `INSERT INTO pending_reactions (workspace_id, channel_id, target_external_id, direction, emoji, reacted_at)
       SELECT * FROM unnest($1::uuid[], $2::uuid[], $3::text[], $4::text[], $5::text[], $6::timestamptz[])
       ON CONFLICT (channel_id, target_external_id, direction) DO UPDATE
         SET emoji = EXCLUDED.emoji, reacted_at = EXCLUDED.reacted_at
       WHERE pending_reactions.reacted_at <= EXCLUDED.reacted_at`,
      [
        rows.map((r) => r.workspaceId),
        rows.map((r) => r.channelId),
        rows.map((r) => toPgSafeText(r.targetExternalId)),
        rows.map((r) => r.direction),
        rows.map((r) => toPgSafeText(r.emoji)),
        rows.map((r) => r.occurredAt),
      ],
    );
  }
  const targets = new Map<string, { channelId: string; externalId: string }>();
  for (const r of rows)
    targets.set(`${r.channelId}|${r.targetExternalId}`, {
      channelId: r.channelId,
      externalId: r.targetExternalId,
    });
  for (const s of stored) targets.set(`${s.channelId}|${s.externalId}`, s);
  return applyPendingReactions(query, [...targets.values()]);
}

/** Moves the kept reactions of these (now known) messages onto them. */
export async function applyPendingReactions(
  query: Query,
  targets: { channelId: string; externalId: string }[],
): Promise<InboxChange[]> {
  if (targets.length === 0) return [];
  const moved = await query<{ message_id: string; workspace_id: string; conversation_id: string }>(
    `WITH moved AS (
       DELETE FROM pending_reactions p
        USING unnest($1::uuid[], $2::text[]) AS k(ch, ex), messages m
        WHERE p.channel_id = k.ch AND p.target_external_id = k.ex
          AND m.channel_id = p.channel_id AND m.external_id = p.target_external_id
       RETURNING m.id AS message_id, m.workspace_id, m.conversation_id, p.direction, p.emoji, p.reacted_at),
     applied AS (
       INSERT INTO message_reactions (message_id, workspace_id, direction, emoji, reacted_at)
       SELECT message_id, workspace_id, direction, emoji, reacted_at FROM moved
       ON CONFLICT (message_id, direction) DO UPDATE
         SET emoji = EXCLUDED.emoji, reacted_at = EXCLUDED.reacted_at
       WHERE message_reactions.reacted_at <= EXCLUDED.reacted_at)
     SELECT DISTINCT message_id, workspace_id, conversation_id FROM moved`,
    [targets.map((t) => t.channelId), targets.map((t) => toPgSafeText(t.externalId))],
  );
  return moved.map((r) => ({
    kind: 'message.updated' as const,
    workspaceId: r.workspace_id,
    conversationId: r.conversation_id,
    messageId: r.message_id,
  }));
}
