import type { IntegrationsActor, IntegrationsDeps } from '../integrations.deps';
import { assertManager } from '../triggers';
import { auditShopify, notConnected } from './shopify-connection-row';
import { cancelCheckoutRecoveries } from './stop-checkout-recovery';

/**
 * The shop is disconnected: its address stops answering, its events go, and the recovery
 * sequence it owned is turned off and its waiting checkouts cancelled (kept for the counts).
 */
export async function disconnectShopify(deps: IntegrationsDeps, actor: IntegrationsActor): Promise<void> {
  assertManager(actor);
  const row = await deps.db.transaction(async (query) => {
    const [gone] = await query<{ id: string; shop_domain: string; recovery_sequence_id: string | null }>(
      'DELETE FROM shopify_connections WHERE workspace_id = $1 RETURNING id, shop_domain, recovery_sequence_id',
      [actor.workspaceId],
    );
    if (gone?.recovery_sequence_id) {
      await query('UPDATE sequences SET enabled = false WHERE workspace_id = $1 AND id = $2', [
        actor.workspaceId,
        gone.recovery_sequence_id,
      ]);
      await cancelCheckoutRecoveries(query, actor.workspaceId, gone.recovery_sequence_id, deps.clock.now());
    }
    return gone;
  });
  if (!row) throw notConnected();
  await auditShopify(deps, actor, 'integration.shopify_disconnected', row);
}
