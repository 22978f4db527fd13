import { type ShopifyAutomations, ShopifyAutomationsSchema, type ShopifyConnection } from '@charla/contracts';
import type { Query } from '../../../platform/db/database';
import { AppError } from '../../../platform/errors';
import { type AuditEntry, auditActor, recordAudit } from '../../audit';
import type { IntegrationsActor, IntegrationsDeps } from '../integrations.deps';

/** The topics to subscribe to in Shopify, all to the same address. */
export const SHOPIFY_TOPICS = ['orders/create', 'orders/fulfilled', 'checkouts/create', 'checkouts/update'];

export interface ConnectionRow {
  id: string;
  workspace_id: string;
  shop_domain: string;
  secret_sealed: string;
  channel_id: string;
  automations: ShopifyAutomations;
  recovery_sequence_id: string | null;
  last_received_at: Date | string | null;
  created_at: Date | string;
}
export const CONNECTION_COLUMNS =
  'id, workspace_id, shop_domain, secret_sealed, channel_id, automations, recovery_sequence_id, last_received_at, created_at';

export async function findConnection(query: Query, workspaceId: string): Promise<ConnectionRow | null> {
  const [row] = await query<ConnectionRow & Record<string, unknown>>(
    `SELECT ${CONNECTION_COLUMNS} FROM shopify_connections WHERE workspace_id = $1`,
    [workspaceId],
  );
  return row ?? null;
}

export const webhookUrlOf = (deps: Pick<IntegrationsDeps, 'publicUrl'>, id: string) =>
  `${deps.publicUrl.replace(/\/+$/, '')}/webhooks/shopify/${id}`;

export const toConnection = (deps: IntegrationsDeps, r: ConnectionRow): ShopifyConnection => ({
  id: r.id,
  shopDomain: r.shop_domain,
  webhookUrl: webhookUrlOf(deps, r.id),
  topics: SHOPIFY_TOPICS,
  channelId: r.channel_id,
  automations: ShopifyAutomationsSchema.parse(r.automations),
  recoverySequenceId: r.recovery_sequence_id,
  lastReceivedAt: r.last_received_at ? new Date(r.last_received_at).toISOString() : null,
  createdAt: new Date(r.created_at).toISOString(),
});

/** A line of the audit log for a change to the shop's connection: who, from where, which shop. */
export async function auditShopify(
  deps: IntegrationsDeps,
  actor: IntegrationsActor,
  action: AuditEntry['action'],
  row: { id: string; shop_domain: string },
) {
  await recordAudit(deps.db.orm, {
    workspaceId: actor.workspaceId,
    ...(await auditActor(deps.db.orm, actor.userId)),
    ip: actor.ip,
    action,
    targetType: 'integration',
    targetId: row.id,
    targetLabel: row.shop_domain,
  });
}

export const notConnected = () =>
  new AppError('not_found', 'shopify_not_connected', 'No Shopify shop is connected to this workspace.');
