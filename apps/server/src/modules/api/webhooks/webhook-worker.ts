import { createWokenWorker } from '../../../platform/woken-worker';
import { deliverDue, untilNextDue } from './deliver-due';
import type { WebhookDeps } from './webhooks.deps';

/** Drains due deliveries in batches; woken when deliveries are queued, sleeps until the next retry. */
export function createWebhookWorker(deps: WebhookDeps) {
  return createWokenWorker({
    drain: () => deliverDue(deps),
    idleWaitMs: () => untilNextDue(deps),
    onError: (err) => deps.log.error({ err }, 'webhook deliveries failed; retrying'),
  });
}
