import type { ChannelBacklog } from '@charla/contracts';
import type { Database } from '../../platform/db/database';

const HOUR_MS = 3_600_000;

/**
 * What each number has not sent yet and what failed in the last hour (Settings shows it on the
 * number's card): the messages waiting in the outbox, the oldest one's age, and the newest
 * failure with WhatsApp's reason. A number with nothing waiting and no failure is absent.
 */
export async function numberBacklog(
  db: Pick<Database, 'query'>,
  workspaceId: string,
  channelIds: string[],
  now: Date,
): Promise<Map<string, ChannelBacklog>> {
  if (channelIds.length === 0) return new Map();
  const [waiting, failed] = await Promise.all([
    db.query<{
      channel_id: string;
      queued: string | number;
      in_doubt: string | number;
      oldest: Date | string;
    }>(
      `SELECT channel_id, count(*) FILTER (WHERE state = 'queued') AS queued,
              count(*) FILTER (WHERE state = 'sending') AS in_doubt, min(created_at) AS oldest
         FROM outbox_items
        WHERE workspace_id = $1 AND channel_id = ANY($2::uuid[]) AND kind = 'message'
        GROUP BY channel_id`,
      [workspaceId, channelIds],
    ),
    // The workspace's messages of the last hour, newest first (messages_workspace_time_idx).
    db.query<{ channel_id: string; failed: string | number; error: unknown; occurred_at: Date | string }>(
      `SELECT DISTINCT ON (channel_id) channel_id, count(*) OVER (PARTITION BY channel_id) AS failed,
              error, occurred_at
         FROM messages
        WHERE workspace_id = $1 AND occurred_at > $3 AND channel_id = ANY($2::uuid[])
          AND direction = 'outbound' AND status = 'failed'
        ORDER BY channel_id, occurred_at DESC, seq DESC`,
      [workspaceId, channelIds, new Date(now.getTime() - HOUR_MS)],
    ),
  ]);
  const backlog = new Map<string, ChannelBacklog>();
  const of = (channelId: string): ChannelBacklog => {
    let b = backlog.get(channelId);
    if (!b) {
      b = { queued: 0, inDoubt: 0, oldestQueuedAt: null, failedLastHour: 0, lastError: null };
      backlog.set(channelId, b);
    }
    return b;
  };
  for (const row of waiting) {
    const b = of(row.channel_id);
    b.queued = Number(row.queued);
    b.inDoubt = Number(row.in_doubt);
    b.oldestQueuedAt = new Date(row.oldest).toISOString();
  }
  for (const row of failed) {
    const b = of(row.channel_id);
    const error = (typeof row.error === 'string' ? JSON.parse(row.error) : row.error) as {
      code?: number | null;
      reason?: string;
    } | null;
    b.failedLastHour = Number(row.failed);
    b.lastError = {
      code: error?.code ?? null,
      reason: error?.reason ?? '',
      at: new Date(row.occurred_at).toISOString(),
    };
  }
  return backlog;
}
