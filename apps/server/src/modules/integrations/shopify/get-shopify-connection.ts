import type { ShopifyConnection } from '@charla/contracts';
import type { IntegrationsActor, IntegrationsDeps } from '../integrations.deps';
import { assertManager } from '../triggers';
import { findConnection, toConnection } from './shopify-connection-row';

/** The workspace's Shopify connection, or null when no shop is connected. */
export async function getShopifyConnection(
  deps: IntegrationsDeps,
  actor: IntegrationsActor,
): Promise<ShopifyConnection | null> {
  assertManager(actor);
  const row = await findConnection(deps.db.query, actor.workspaceId);
  return row ? toConnection(deps, row) : null;
}
