import { SendFailure } from '../inbox';

/** How one send ended, as the pipeline records it (`id`: the queue row: outbox item or broadcast recipient). */
export type SendOutcome =
  | { kind: 'sent'; id: number; wamid: string; at: Date }
  /**
   * Nothing reached Meta (throughput, pair rate, refused connection): queued again after a backoff.
   * `refund`: not about this recipient (WhatsApp down for everyone, see OutageBackoff, or a
   * refusal that pauses a broadcast): the attempt is given back and it goes when the sender does.
   */
  | { kind: 'retry'; id: number; code: number | null; reason: string; refund?: boolean }
  | { kind: 'failed'; id: number; code: number | null; reason: string }
  /** No answer: it may have been sent. Left claimed; Meta's status (callback data) or the grace period settles it. */
  | { kind: 'in_doubt'; id: number };

/** The outcome of a send that threw: what the channel said, or Charla's own failure. */
export function outcomeOf(id: number, err: unknown): SendOutcome {
  if (err instanceof SendFailure) {
    if (err.mayHaveBeenSent) return { kind: 'in_doubt', id };
    return { kind: err.retryable ? 'retry' : 'failed', id, code: err.error.code, reason: err.error.reason };
  }
  return {
    kind: 'failed',
    id,
    code: null,
    reason: `Charla could not send this message: ${err instanceof Error ? err.message : String(err)}`,
  };
}
