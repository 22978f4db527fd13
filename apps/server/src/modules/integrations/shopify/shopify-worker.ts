import { createWokenWorker } from '../../../platform/woken-worker';
import type { IntegrationsDeps } from '../integrations.deps';
import { processShopifyEvents } from './process-shopify-events';

/**
 * Acts on the webhooks shops sent: woken when one is stored, drains while batches come back full,
 * and otherwise looks every `pollMs` for events another process stored or one that died left.
 */
export function createShopifyWorker(
  deps: IntegrationsDeps,
  opts: { batchSize?: number; pollMs?: number } = {},
) {
  const batchSize = opts.batchSize ?? 50;
  const pollMs = opts.pollMs ?? 5000;
  return createWokenWorker({
    drain: () => processShopifyEvents(deps, batchSize),
    idleWaitMs: async () => pollMs,
    onError: (err) => deps.log?.error({ err }, 'shopify worker error'),
  });
}
export type ShopifyWorker = ReturnType<typeof createShopifyWorker>;
