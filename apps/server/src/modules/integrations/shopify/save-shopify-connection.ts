import {
  type AutomationTemplate,
  type ConnectShopifyRequest,
  ConnectShopifyRequestSchema,
  SHOPIFY_RECOVERY_DELAYS_MINUTES,
  SHOPIFY_VARIABLES,
  type ShopifyAutomations,
  type ShopifyConnection,
} from '@charla/contracts';
import type { Query } from '../../../platform/db/database';
import { AppError } from '../../../platform/errors';
import type { IntegrationsActor, IntegrationsDeps } from '../integrations.deps';
import { assertManager } from '../triggers';
import {
  auditShopify,
  CONNECTION_COLUMNS,
  type ConnectionRow,
  findConnection,
  toConnection,
} from './shopify-connection-row';
import { variablesUsed } from './shopify-payloads';
import { cancelCheckoutRecoveries } from './stop-checkout-recovery';

type Problem = { path: string; message: string };

/**
 * Connects the workspace's shop, or changes its connection: the shop, the webhook secret (sealed;
 * required the first time, kept when left out), the number, and the automations with their
 * templates. The abandoned-checkout recovery is kept in step as a sequence the connection owns:
 * three template steps at 15 minutes, 1 hour and 24 hours, on every day and hour.
 */
export async function saveShopifyConnection(
  deps: IntegrationsDeps,
  actor: IntegrationsActor,
  request: ConnectShopifyRequest,
): Promise<ShopifyConnection> {
  assertManager(actor);
  const input = ConnectShopifyRequestSchema.parse(request);
  const current = await findConnection(deps.db.query, actor.workspaceId);
  if (!current && !input.webhookSecret)
    throw new AppError('unprocessable', 'secret_missing', 'Paste the webhook secret Shopify shows.', [
      { path: 'webhookSecret', message: 'Required to connect' },
    ]);
  await assertTemplates(deps, actor.workspaceId, input.channelId, input.automations);
  const row = await deps.db.transaction(async (query) => {
    const sequenceId = await syncRecoverySequence(query, actor, {
      sequenceId: current?.recovery_sequence_id ?? null,
      channelId: input.channelId,
      shopDomain: input.shopDomain,
      recovery: input.automations.abandonedCheckout,
      at: deps.clock.now(),
    });
    const [saved] = await query<ConnectionRow & Record<string, unknown>>(
      `INSERT INTO shopify_connections (workspace_id, shop_domain, secret_sealed, channel_id, automations, recovery_sequence_id, created_by, created_at)
       VALUES ($1, $2, $3, $4, $5::jsonb, $6, $7, $8)
       ON CONFLICT (workspace_id) DO UPDATE SET shop_domain = EXCLUDED.shop_domain,
         secret_sealed = CASE WHEN $9 THEN EXCLUDED.secret_sealed ELSE shopify_connections.secret_sealed END,
         channel_id = EXCLUDED.channel_id, automations = EXCLUDED.automations,
         recovery_sequence_id = EXCLUDED.recovery_sequence_id
       RETURNING ${CONNECTION_COLUMNS}`,
      [
        actor.workspaceId,
        input.shopDomain,
        deps.secrets.encrypt(input.webhookSecret ?? ''),
        input.channelId,
        JSON.stringify(input.automations),
        sequenceId,
        actor.userId,
        deps.clock.now(),
        input.webhookSecret !== undefined,
      ],
    );
    return saved!;
  });
  await auditShopify(
    deps,
    actor,
    current ? 'integration.shopify_updated' : 'integration.shopify_connected',
    row,
  );
  return toConnection(deps, row);
}

/**
 * Each template chosen is an approved-or-pending template of the number's account, and its values
 * use only the variables its automation fills; the recovery, when on, has its three templates.
 */
async function assertTemplates(
  deps: IntegrationsDeps,
  workspaceId: string,
  channelId: string,
  automations: ShopifyAutomations,
) {
  const [channel] = await deps.db.query<{ waba_id: string }>(
    'SELECT waba_id FROM channels WHERE workspace_id = $1 AND id = $2',
    [workspaceId, channelId],
  );
  if (!channel)
    throw new AppError('unprocessable', 'channel_not_found', 'That number is not one of this workspace.', [
      { path: 'channelId', message: 'No such number' },
    ]);
  const chosen: { path: string; template: AutomationTemplate; known: readonly string[] }[] = [];
  const problems: Problem[] = [];
  const { orderConfirmation, shippingUpdate, abandonedCheckout } = automations;
  if (orderConfirmation.template)
    chosen.push({
      path: 'automations.orderConfirmation.template',
      template: orderConfirmation.template,
      known: SHOPIFY_VARIABLES.orderConfirmation,
    });
  else if (orderConfirmation.enabled)
    problems.push({ path: 'automations.orderConfirmation.template', message: 'Choose a template' });
  if (shippingUpdate.template)
    chosen.push({
      path: 'automations.shippingUpdate.template',
      template: shippingUpdate.template,
      known: SHOPIFY_VARIABLES.shippingUpdate,
    });
  else if (shippingUpdate.enabled)
    problems.push({ path: 'automations.shippingUpdate.template', message: 'Choose a template' });
  abandonedCheckout.steps.forEach((template, i) => {
    const path = `automations.abandonedCheckout.steps.${i}`;
    if (template) chosen.push({ path, template, known: SHOPIFY_VARIABLES.abandonedCheckout });
    else if (abandonedCheckout.enabled) problems.push({ path, message: 'Choose a template' });
  });
  for (const { path, template, known } of chosen) {
    const [row] = await deps.db.query<{ waba_id: string }>(
      'SELECT waba_id FROM templates WHERE workspace_id = $1 AND id = $2',
      [workspaceId, template.templateId],
    );
    if (!row || row.waba_id !== channel.waba_id)
      problems.push({ path: `${path}.templateId`, message: "Not a template of the number's account" });
    const unknown = variablesUsed(template.values).filter((v) => !known.includes(v));
    if (unknown.length > 0)
      problems.push({
        path: `${path}.values`,
        message: `Unknown ${unknown.map((v) => `{{${v}}}`).join(', ')}; use ${known.map((v) => `{{${v}}}`).join(', ')}`,
      });
  }
  if (problems.length > 0)
    throw new AppError(
      'unprocessable',
      'shopify_templates_invalid',
      `Fix the automations' templates: ${problems.map((p) => `${p.path}: ${p.message}`).join('; ')}.`,
      problems,
    );
}

/** The recovery's variables as the sequence fills them: the checkout saved on the contact. */
const SEQUENCE_VARIABLES: Record<string, string> = {
  'customer.first_name': 'contact.first_name',
  'customer.name': 'contact.name',
  'checkout.url': 'contact.shopify_checkout_url',
  'checkout.total': 'contact.shopify_checkout_total',
};
const forSequence = (text: string) =>
  text.replace(/\{\{\s*([^{}]*?)\s*\}\}/g, (all, name: string) =>
    SEQUENCE_VARIABLES[name] ? `{{${SEQUENCE_VARIABLES[name]}}}` : all,
  );
const mapValues = (r: Record<string, string>) =>
  Object.fromEntries(Object.entries(r).map(([k, v]) => [k, forSequence(v)]));

/** Writes the recovery sequence (created the first time templates are chosen); answers its id. */
async function syncRecoverySequence(
  query: Query,
  actor: IntegrationsActor,
  s: {
    sequenceId: string | null;
    channelId: string;
    shopDomain: string;
    recovery: ShopifyAutomations['abandonedCheckout'];
    at: Date;
  },
): Promise<string | null> {
  const templates = s.recovery.steps;
  if (!s.sequenceId && !templates.every(Boolean)) return null;
  let before = 0;
  const steps = templates.flatMap((template, i) => {
    const at = SHOPIFY_RECOVERY_DELAYS_MINUTES[i]!;
    const delay = { amount: at - before, unit: 'minutes' as const };
    before = at;
    if (!template) return [];
    const values = {
      header: template.values.header === null ? null : forSequence(template.values.header),
      body: mapValues(template.values.body),
      buttons: mapValues(template.values.buttons),
    };
    return [{ delay, message: null, template: { templateId: template.templateId, values } }];
  });
  const enabled = s.recovery.enabled && steps.length === 3;
  const name = `Shopify: ${s.shopDomain} · abandoned checkout`;
  if (s.sequenceId) {
    const [updated] = await query<{ id: string }>(
      `UPDATE sequences SET name = $3, channel_id = $4, steps = CASE WHEN $5::int = 3 THEN $6::jsonb ELSE steps END,
              enabled = $7, updated_at = $8
        WHERE workspace_id = $1 AND id = $2 RETURNING id`,
      [
        actor.workspaceId,
        s.sequenceId,
        name,
        s.channelId,
        steps.length,
        JSON.stringify(steps),
        enabled,
        s.at,
      ],
    );
    if (updated) {
      if (!enabled) await cancelCheckoutRecoveries(query, actor.workspaceId, updated.id, s.at);
      return updated.id;
    }
    // Deleted from the sequences page: made again below.
    if (steps.length < 3) return null;
  }
  const [created] = await query<{ id: string }>(
    `INSERT INTO sequences (workspace_id, name, channel_id, steps, weekdays, from_time, to_time, time_zone, enabled, created_by, created_at, updated_at)
     VALUES ($1, $2, $3, $4::jsonb, '{1,2,3,4,5,6,7}', '00:00', '24:00', 'UTC', $5, $6, $7, $7) RETURNING id`,
    [actor.workspaceId, name, s.channelId, JSON.stringify(steps), enabled, actor.userId, s.at],
  );
  return created!.id;
}
