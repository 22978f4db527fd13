import type { Query } from '../../../platform/db/database';
import { createWokenWorker } from '../../../platform/woken-worker';
import { deliverDue, untilNextDue } from './deliver-due';
import type { WebhookDeps } from './webhooks.deps';

/** Deliveries were queued: heard by every process's worker when the queueing transaction commits. */
const DUE_CHANNEL = 'charla_webhooks_due';

/**
 * Tells the workers that deliveries were queued in this transaction. NOTIFY is transactional: it
 * reaches them on commit, never before (a wake before commit would find nothing and sleep), and
 * not at all on rollback. Called by the enqueue functions that run inside other modules'
 * transactions (contacts, bots, late statuses), when they queued something.
 */
export async function announceQueued(query: Query, queued: number): Promise<number> {
  if (queued > 0) await query('SELECT pg_notify($1, $2)', [DUE_CHANNEL, '']);
  return queued;
}

/** Drains due deliveries in batches; woken when deliveries are queued, sleeps until the next retry. */
export function createWebhookWorker(deps: WebhookDeps) {
  const worker = createWokenWorker({
    drain: () => deliverDue(deps),
    idleWaitMs: () => untilNextDue(deps),
    onError: (err) => deps.log.error({ err }, 'webhook deliveries failed; retrying'),
  });
  let unlisten: (() => Promise<void>) | null = null;
  return {
    async start() {
      unlisten = await deps.db.listen(DUE_CHANNEL, () => worker.wake());
      worker.start();
    },
    wake: () => worker.wake(),
    async stop() {
      await unlisten?.().catch(() => {});
      unlisten = null;
      await worker.stop();
    },
  };
}
