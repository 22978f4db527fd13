import { applyStoredStatuses } from '../inbox';
import type { SendOutcome } from '../outbox';
import type { BroadcastsDeps } from './broadcasts.deps';
import { recordSentRecipients } from './record-sent';

export type { SendOutcome };

/** After this many attempts a retryable failure is final. */
const MAX_ATTEMPTS = 6;
/** WhatsApp's code when the customer stopped marketing messages (reference §7.8). */
export const OPTED_OUT_CODE = 131050;

/** Collects the outcome of each send and writes them in batches (a few statements per flush). */
export class SendResults {
  private pending: SendOutcome[] = [];
  private flushing: Promise<void> | null = null;

  constructor(
    private readonly deps: BroadcastsDeps,
    private readonly mine: Set<number>,
  ) {}

  add(outcome: SendOutcome): void {
    this.pending.push(outcome);
    if (this.pending.length >= 500) void this.flush();
  }

  async flush(wait = false): Promise<void> {
    if (this.flushing) {
      if (!wait) return;
      await this.flushing;
    }
    if (this.pending.length === 0) return;
    const batch = this.pending;
    this.pending = [];
    this.flushing = this.write(batch)
      .catch((err) => {
        // Kept for the next flush: the database may be back by then.
        this.pending.unshift(...batch);
        this.deps.log.error({ err }, 'storing broadcast send results failed');
      })
      .finally(() => {
        this.flushing = null;
      });
    await this.flushing;
  }

  private async write(batch: SendOutcome[]) {
    const sent = batch.filter((o) => o.kind === 'sent');
    const retry = batch.filter((o) => o.kind === 'retry');
    const failed = batch.filter((o) => o.kind === 'failed');
    const recorded = sent.length
      ? await this.deps.db.transaction((query) =>
          recordSentRecipients(
            query,
            sent.map((s) => ({ recipientId: s.id, wamid: s.wamid, at: s.at })),
          ),
        )
      : { changes: [], messages: [] };
    // A status webhook ingested while that transaction ran could not see its messages.
    const changes = [
      ...recorded.changes,
      ...(await applyStoredStatuses(this.deps.db.query, recorded.messages)),
    ];
    if (retry.length) {
      const now = this.deps.clock.now();
      await this.deps.db.query(
        `UPDATE broadcast_recipients r
            SET state = CASE WHEN r.attempts >= ${MAX_ATTEMPTS} AND NOT v.refund THEN 'failed' ELSE 'queued' END,
                attempts = CASE WHEN v.refund THEN r.attempts - 1 ELSE r.attempts END,
                claimed_at = NULL, error_code = v.code, error_reason = v.reason,
                not_before = CASE WHEN v.refund THEN NULL ELSE
                  $4::timestamptz + CASE WHEN v.code = 131056 THEN power(4, r.attempts - 1)
                                         ELSE least(power(2, r.attempts - 1), 60) END * interval '1 second' END
           FROM unnest($1::bigint[], $2::int[], $3::text[], $5::boolean[]) AS v(id, code, reason, refund)
          WHERE r.id = v.id AND r.state = 'sending'`,
        [
          retry.map((o) => o.id),
          retry.map((o) => o.code),
          retry.map((o) => o.reason),
          now,
          retry.map((o) => o.refund === true),
        ],
      );
    }
    if (failed.length) {
      await this.deps.db.query(
        `UPDATE broadcast_recipients r SET state = 'failed', error_code = v.code, error_reason = v.reason
           FROM unnest($1::bigint[], $2::int[], $3::text[]) AS v(id, code, reason)
          WHERE r.id = v.id AND r.state = 'sending'`,
        [failed.map((o) => o.id), failed.map((o) => o.code), failed.map((o) => o.reason)],
      );
      const optedOut = failed.filter((o) => o.code === OPTED_OUT_CODE).map((o) => o.id);
      if (optedOut.length)
        await this.deps.db.query(
          `UPDATE contacts c SET opt_in_state = 'opted_out', opt_in_source = 'api', opt_in_at = $2, updated_at = now()
             FROM broadcast_recipients r WHERE r.id = ANY($1::bigint[]) AND c.id = r.contact_id`,
          [optedOut, this.deps.clock.now()],
        );
    }
    for (const o of batch) this.mine.delete(o.id);
    if (changes.length)
      await this.deps
        .notifyConversations(
          changes.filter((c) => c.messageId).map((c) => ({ ...c, messageId: c.messageId! })),
        )
        .catch(() => {});
  }
}
