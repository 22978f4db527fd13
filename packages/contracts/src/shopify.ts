import { z } from 'zod';
import { AutomationTemplateSchema } from './automation';

/**
 * Shopify: a shop connected with its webhook secret sends its orders, fulfilments and checkouts to
 * Charla, which answers with ready-made automations, each a template the owner picks whose values
 * may hold the variables below (`{{order.name}}`, `{{tracking.url}}`…).
 */

/** The variables each automation fills, for the template's values. */
export const SHOPIFY_VARIABLES = {
  orderConfirmation: [
    'customer.first_name',
    'customer.name',
    'order.name',
    'order.total',
    'order.status_url',
    'order.items',
  ],
  shippingUpdate: [
    'customer.first_name',
    'customer.name',
    'order.name',
    'order.status_url',
    'tracking.url',
    'tracking.number',
    'tracking.company',
  ],
  abandonedCheckout: ['customer.first_name', 'customer.name', 'checkout.url', 'checkout.total'],
} as const;

/** One automation: on or off, and the template it sends (values with the variables above). */
export const ShopifyAutomationSchema = z.object({
  enabled: z.boolean().default(false),
  template: AutomationTemplateSchema.nullable().default(null),
});
export type ShopifyAutomation = z.infer<typeof ShopifyAutomationSchema>;

/** Abandoned-checkout recovery: three templates, sent 15 minutes, 1 hour and 24 hours after the checkout. */
export const ShopifyRecoverySchema = z.object({
  enabled: z.boolean().default(false),
  steps: z.array(AutomationTemplateSchema.nullable()).length(3).default([null, null, null]),
});
export type ShopifyRecovery = z.infer<typeof ShopifyRecoverySchema>;

export const ShopifyAutomationsSchema = z.object({
  orderConfirmation: ShopifyAutomationSchema.default({ enabled: false, template: null }),
  shippingUpdate: ShopifyAutomationSchema.default({ enabled: false, template: null }),
  abandonedCheckout: ShopifyRecoverySchema.default({ enabled: false, steps: [null, null, null] }),
});
export type ShopifyAutomations = z.infer<typeof ShopifyAutomationsSchema>;

/** After a checkout: step 1 at 15 minutes, step 2 at 1 hour, step 3 at 24 hours. */
export const SHOPIFY_RECOVERY_DELAYS_MINUTES = [15, 60, 24 * 60] as const;

export const ShopDomainSchema = z
  .string()
  .trim()
  .toLowerCase()
  .transform((s) => s.replace(/^https?:\/\//, '').replace(/\/.*$/, ''))
  .pipe(
    z
      .string()
      .regex(/^[a-z0-9][a-z0-9-]*\.myshopify\.com$/, 'Write the shop’s address, e.g. luna.myshopify.com'),
  );

export const ShopifyConnectionSchema = z.object({
  id: z.uuid(),
  shopDomain: z.string(),
  /** The address to paste in Shopify (Settings › Notifications › Webhooks), one per topic. */
  webhookUrl: z.string(),
  topics: z.array(z.string()),
  /** The number the messages leave from. */
  channelId: z.uuid(),
  automations: ShopifyAutomationsSchema,
  /** The sequence that sends the recovery steps (kept in step with `abandonedCheckout`). */
  recoverySequenceId: z.uuid().nullable(),
  lastReceivedAt: z.string().nullable(),
  createdAt: z.string(),
});
export type ShopifyConnection = z.infer<typeof ShopifyConnectionSchema>;

export const ConnectShopifyRequestSchema = z.object({
  shopDomain: ShopDomainSchema,
  /** The secret Shopify signs its webhooks with (shown under the webhooks list in Shopify). */
  webhookSecret: z.string().trim().min(8, 'Paste the webhook secret Shopify shows').max(200).optional(),
  channelId: z.uuid(),
  automations: ShopifyAutomationsSchema.default({
    orderConfirmation: { enabled: false, template: null },
    shippingUpdate: { enabled: false, template: null },
    abandonedCheckout: { enabled: false, steps: [null, null, null] },
  }),
});
export type ConnectShopifyRequest = z.input<typeof ConnectShopifyRequestSchema>;

/** What Charla did with a webhook Shopify sent. */
export const ShopifyEventOutcomeSchema = z.enum([
  'pending',
  'sent',
  'enrolled',
  'refreshed',
  'stopped',
  'skipped',
  'ignored',
  'failed',
]);
export type ShopifyEventOutcome = z.infer<typeof ShopifyEventOutcomeSchema>;

export const ShopifyEventSchema = z.object({
  id: z.string(),
  webhookId: z.string(),
  topic: z.string(),
  receivedAt: z.string(),
  body: z.unknown(),
  outcome: ShopifyEventOutcomeSchema,
  detail: z.string().nullable(),
  messageId: z.string().nullable(),
  contactId: z.string().nullable(),
});
export type ShopifyEvent = z.infer<typeof ShopifyEventSchema>;
