import type { MessageError } from '@charla/contracts';
import type { Query } from '../../platform/db/database';
import { applyPendingReactions, applyStoredStatuses, type InboxChange, type MessageKey } from '../inbox';
import type { ClaimedItem } from './claim-items';
import type { OutboxDeps } from './outbox.deps';
import type { ItemOutcome } from './send-item';

/** After this many attempts a retryable failure is final (as for broadcast recipients). */
export const MAX_ATTEMPTS = 6;

type Settled = { item: ClaimedItem; outcome: ItemOutcome };

/**
 * Writes the outcomes of sends in batches: one transaction per flush, whatever its size, so the
 * database's cost per send falls as the load grows. The drain calls `flush` between claims (never
 * during one), so a claim always sees every earlier outcome.
 */
export class OutboxResults {
  private pending: Settled[] = [];

  constructor(
    private readonly deps: OutboxDeps,
    private readonly channelId: string,
  ) {}

  get size(): number {
    return this.pending.length;
  }

  add(item: ClaimedItem, outcome: ItemOutcome): void {
    this.pending.push({ item, outcome });
    this.count(item, outcome);
  }

  /** For operators (/metrics): what WhatsApp answered, and how long a send took to leave. */
  private count(item: ClaimedItem, outcome: ItemOutcome) {
    const metrics = this.deps.metrics;
    // Dropped and released sends never reached WhatsApp; nor did one waiting for the customer's pair rate.
    if (!metrics || outcome.kind === 'drop' || outcome.kind === 'release' || outcome.delayMs !== undefined)
      return;
    if (outcome.kind === 'sent') {
      // Real time, as the database stamped `created_at`: the business clock may be a test's.
      metrics.observeLatency(this.channelId, item.kind, (Date.now() - item.createdAt.getTime()) / 1000);
      metrics.countSend(this.channelId, item.kind, 'sent', null);
    } else if (outcome.kind === 'in_doubt') metrics.countSend(this.channelId, item.kind, 'in_doubt', null);
    else {
      const final = outcome.kind === 'failed' || (!outcome.refund && item.attempts >= MAX_ATTEMPTS);
      metrics.countSend(this.channelId, item.kind, final ? 'failed' : 'retried', outcome.code);
    }
  }

  /** Writes what was added; answers the items it settled (kept for the next flush on an error). */
  async flush(): Promise<ClaimedItem[]> {
    if (this.pending.length === 0) return [];
    const batch = this.pending;
    this.pending = [];
    let changes: InboxChange[];
    try {
      changes = await this.deps.db.transaction((query) => this.write(query, batch));
    } catch (err) {
      this.pending.unshift(...batch);
      this.deps.log.error({ err, channelId: this.channelId }, 'storing send results failed');
      return [];
    }
    // A status webhook ingested while that transaction ran could not see the new wamids.
    const keys = sentMessageKeys(this.channelId, batch);
    const late = await applyStoredStatuses(this.deps.db.query, keys).catch(() => []);
    const lateReactions = await applyPendingReactions(this.deps.db.query, keys).catch(() => []);
    await this.deps.notify([...changes, ...late, ...lateReactions]).catch(() => {});
    return batch.map((s) => s.item);
  }

  private async write(query: Query, batch: Settled[]): Promise<InboxChange[]> {
    const byKind = (kind: ItemOutcome['kind']) => batch.filter((s) => s.outcome.kind === kind);
    // Locked in id order first, as settleInDoubt does, so the two never wait on each other in a cycle.
    await query('SELECT id FROM outbox_items WHERE id = ANY($1::bigint[]) ORDER BY id FOR UPDATE', [
      batch.map((s) => s.item.id),
    ]);
    const changes: InboxChange[] = [];
    const sentMessages = byKind('sent').filter((s) => s.item.kind === 'message');
    if (sentMessages.length > 0) {
      await query(
        `UPDATE messages m SET external_id = v.wamid, status = 'accepted', send_attempted_at = v.at
           FROM unnest($1::uuid[], $2::text[], $3::timestamptz[]) AS v(id, wamid, at)
          WHERE m.id = v.id AND m.status = 'queued' AND m.external_id IS NULL`,
        [
          sentMessages.map((s) => s.item.messageId),
          sentMessages.map((s) => (s.outcome as { wamid: string }).wamid),
          sentMessages.map((s) => (s.outcome as { at: Date }).at),
        ],
      );
      changes.push(...sentMessages.map((s) => changeOf(s.item)));
      // Meta's status webhook may have arrived before we stored the wamid, the customer's
      // reaction too: apply them now.
      const keys = sentMessageKeys(this.channelId, sentMessages);
      changes.push(
        ...(await applyStoredStatuses(query, keys)),
        ...(await applyPendingReactions(query, keys)),
      );
    }
    const retries = byKind('retry');
    const finalRetries = retries.filter(
      (s) => s.outcome.kind === 'retry' && !s.outcome.refund && s.item.attempts >= MAX_ATTEMPTS,
    );
    const again = retries.filter((s) => !finalRetries.includes(s));
    if (again.length > 0) {
      await query(
        `UPDATE outbox_items o
            SET state = 'queued', claimed_at = NULL,
                attempts = CASE WHEN v.refund THEN o.attempts - 1 ELSE o.attempts END,
                not_before = now() + CASE
                  WHEN v.delay_ms IS NOT NULL THEN v.delay_ms * interval '1 millisecond'
                  WHEN v.code = 131056 THEN power(4, o.attempts - 1) * interval '1 second'
                  ELSE least(power(2, o.attempts), 60) * interval '1 second' END
           FROM unnest($1::bigint[], $2::int[], $3::boolean[], $4::int[]) AS v(id, code, refund, delay_ms)
          WHERE o.id = v.id`,
        [
          again.map((s) => s.item.id),
          again.map((s) => (s.outcome as { code: number | null }).code),
          again.map((s) => (s.outcome as { refund?: boolean }).refund === true),
          again.map((s) => (s.outcome as { delayMs?: number }).delayMs ?? null),
        ],
      );
    }
    const failed = [
      ...byKind('failed').map((s) => ({ ...s, error: errorOf(s.outcome) })),
      ...finalRetries.map((s) => ({ ...s, error: gaveUp(errorOf(s.outcome), s.item.attempts) })),
    ];
    const failedMessages = failed.filter((s) => s.item.kind === 'message');
    if (failedMessages.length > 0) {
      await query(
        `UPDATE messages m SET status = 'failed', error = v.error::jsonb
           FROM unnest($1::uuid[], $2::text[]) AS v(id, error)
          WHERE m.id = v.id AND m.status = 'queued'`,
        [failedMessages.map((s) => s.item.messageId), failedMessages.map((s) => JSON.stringify(s.error))],
      );
      changes.push(...failedMessages.map((s) => changeOf(s.item)));
    }
    // A reaction WhatsApp refused for good is taken back off the message (unless a newer one replaced it).
    const failedReactions = failed.filter((s) => s.item.kind === 'reaction' && s.item.payload);
    if (failedReactions.length > 0) {
      const removed = await query<{ message_id: string }>(
        `DELETE FROM message_reactions r USING unnest($1::uuid[], $2::timestamptz[]) AS v(id, at)
          WHERE r.message_id = v.id AND r.direction = 'outbound' AND r.reacted_at = v.at RETURNING r.message_id`,
        [
          failedReactions.map((s) => s.item.messageId),
          failedReactions.map((s) => new Date(s.item.payload!.reactedAt)),
        ],
      );
      const gone = new Set(removed.map((r) => r.message_id));
      changes.push(...failedReactions.filter((s) => gone.has(s.item.messageId)).map((s) => changeOf(s.item)));
    }
    const released = byKind('release');
    if (released.length > 0) {
      await query(
        `UPDATE outbox_items SET state = 'queued', claimed_at = NULL, attempts = attempts - 1
          WHERE id = ANY($1::bigint[]) AND state = 'sending'`,
        [released.map((s) => s.item.id)],
      );
    }
    // Done for good: sent, failed, nothing to send. In doubt stays claimed for settleInDoubt.
    const done = batch.filter(
      (s) =>
        s.outcome.kind === 'sent' ||
        s.outcome.kind === 'drop' ||
        s.outcome.kind === 'failed' ||
        finalRetries.includes(s),
    );
    if (done.length > 0)
      await query('DELETE FROM outbox_items WHERE id = ANY($1::bigint[])', [done.map((s) => s.item.id)]);
    return changes;
  }
}

const changeOf = (item: ClaimedItem): InboxChange => ({
  kind: 'message.updated',
  workspaceId: item.workspaceId,
  conversationId: item.conversationId,
  messageId: item.messageId,
});

function sentMessageKeys(channelId: string, batch: Settled[]): MessageKey[] {
  return batch
    .filter((s) => s.item.kind === 'message' && s.outcome.kind === 'sent')
    .map((s) => ({ channelId, externalId: (s.outcome as { wamid: string }).wamid }));
}

function errorOf(outcome: ItemOutcome): MessageError {
  return outcome.kind === 'retry' || outcome.kind === 'failed'
    ? { code: outcome.code, reason: outcome.reason, details: null }
    : { code: null, reason: 'Charla could not send this message.', details: null };
}

/** A retryable failure that outlasted every retry: say so instead of promising another try. */
export function gaveUp(error: MessageError, attempts: number): MessageError {
  const what = error.reason.split('. ')[0]!.replace(/\.$/, '');
  return {
    ...error,
    reason: `${what}. Charla tried ${attempts} times without success; send it again later.`,
  };
}
