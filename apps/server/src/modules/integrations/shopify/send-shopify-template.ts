import { createHash } from 'node:crypto';
import { type AutomationTemplate, fillVariables } from '@charla/contracts';
import { AppError } from '../../../platform/errors';
import { sendToCustomer } from '../../inbox';
import type { IntegrationsDeps } from '../integrations.deps';
import type { ShopifyEventRow, ShopifyOutcome } from './shopify-outcome';
import { customerNameOf, customerPhoneOf, e164Of, variablesUsed } from './shopify-payloads';

/** The message's id for an event: the same on a retry after a crash, so it is stored once. */
export function messageIdFor(event: ShopifyEventRow): string {
  const h = createHash('sha256').update(`shopify-event:${event.connection_id}:${event.id}`).digest('hex');
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-4${h.slice(13, 16)}-a${h.slice(17, 20)}-${h.slice(20, 32)}`;
}

/**
 * Sends the automation's template to the customer of an order, its variables filled from it,
 * from the connection's number (a template goes at any time, inside the window or not). No phone,
 * a phone WhatsApp cannot reach, or a variable the order lacks: skipped, saying which.
 */
export async function sendShopifyTemplate(
  deps: IntegrationsDeps,
  event: ShopifyEventRow,
  template: AutomationTemplate,
  variables: Record<string, string>,
  what: string,
): Promise<ShopifyOutcome> {
  const phone = customerPhoneOf(event.body);
  if (!phone)
    return {
      outcome: 'skipped',
      detail: `No ${what} sent: the order has no phone number (order, customer, shipping or billing address).`,
    };
  const to = e164Of(phone, event.default_country);
  if (!to.ok) return { outcome: 'skipped', detail: `No ${what} sent: ${to.reason}` };
  const empty = variablesUsed(template.values).filter((v) => !variables[v]);
  if (empty.length > 0)
    return {
      outcome: 'skipped',
      detail: `No ${what} sent: the order has no ${empty.map((v) => `{{${v}}}`).join(', ')}.`,
    };
  const fill = (v: string) => fillVariables(v, variables);
  const { values } = template;
  try {
    const sent = await sendToCustomer(
      deps.inbox,
      {
        workspaceId: event.workspace_id,
        by: { kind: 'integration', id: event.connection_id, name: 'Shopify' },
      },
      {
        channelId: event.channel_id,
        to: to.phone,
        name: customerNameOf(event.body).full || null,
        message: {
          type: 'template',
          template: {
            templateId: template.templateId,
            values: {
              header: values.header === null ? null : fill(values.header),
              headerMediaId: null,
              body: Object.fromEntries(Object.entries(values.body).map(([k, v]) => [k, fill(v)])),
              buttons: Object.fromEntries(Object.entries(values.buttons).map(([k, v]) => [k, fill(v)])),
            },
          },
        },
        messageId: messageIdFor(event),
        resumed: true,
      },
    );
    return {
      outcome: 'sent',
      detail: `${what[0]!.toUpperCase()}${what.slice(1)} sent to ${to.phone}.`,
      messageId: sent.message.id,
      contactId: sent.contactId,
    };
  } catch (error) {
    if (error instanceof AppError) return { outcome: 'failed', detail: `No ${what} sent: ${error.message}` };
    throw error;
  }
}
