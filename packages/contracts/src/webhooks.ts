import { z } from 'zod';

/**
 * Every event Charla sends to subscribed URLs, with what its `data` holds and an example: the
 * catalogue the docs and the Settings page show. Deliveries follow Standard Webhooks: body
 * `{ type, timestamp, data }`, headers `webhook-id`, `webhook-timestamp`, `webhook-signature`.
 */
export const WEBHOOK_EVENT_CATALOG = {
  'message.received': {
    description: 'A customer wrote (any type). `data` is the message, its conversation and contact.',
    example: {
      message: { id: '6f1c…', type: 'text', text: 'Hola, ¿tienen envío a Puebla?', wamid: 'wamid.HBgM…' },
      conversationId: '0b7e…',
      contact: { id: '4d2a…', phone: '+5215512345678', name: 'Ana Ruiz' },
      channelId: '9c3f…',
    },
  },
  'message.sent': {
    description: 'WhatsApp reports one of your messages sent (one grey tick).',
    example: { message: { id: '6f1c…', wamid: 'wamid.HBgM…', status: 'sent' }, conversationId: '0b7e…' },
  },
  'message.status_changed': {
    description:
      'A message you sent was delivered, read or failed. A failure carries WhatsApp’s code (null when Charla’s own) and the reason in words.',
    example: {
      message: { id: '6f1c…', wamid: 'wamid.HBgM…', status: 'failed' },
      conversationId: '0b7e…',
      error: { code: 131047, reason: 'More than 24 hours have passed since the customer last replied.' },
    },
  },
  'conversation.created': {
    description: 'A customer wrote for the first time on a number (a new conversation).',
    example: {
      conversationId: '0b7e…',
      contact: { id: '4d2a…', phone: '+5215512345678', name: 'Ana Ruiz' },
      channelId: '9c3f…',
    },
  },
  'conversation.status_changed': {
    description:
      'A conversation was opened, set pending, resolved or snoozed, by a member, a rule, a bot or Charla (`by`).',
    example: {
      conversationId: '0b7e…',
      from: 'open',
      to: 'resolved',
      by: { kind: 'member', id: '5a1d…', name: 'Ana Ruiz' },
    },
  },
  'conversation.assigned': {
    description:
      'A conversation was assigned to a member, or unassigned (`to` null), by a member, a rule or the queue.',
    example: {
      conversationId: '0b7e…',
      from: null,
      to: '5a1d…',
      by: { kind: 'rule', id: '77c2…', name: 'Reparto' },
    },
  },
  'contact.opted_out': {
    description:
      'A customer opted out of your messages: by a keyword (STOP, BAJA…) or WhatsApp’s "stop promotions" (`source`).',
    example: {
      contact: { id: '4d2a…', phone: '+5215512345678', name: 'Ana Ruiz' },
      source: 'customer_keyword',
      conversationId: '0b7e…',
    },
  },
  'contact.created': {
    description:
      'A contact came to be: the customer wrote for the first time, or a member, the API or an import added them (`source`).',
    example: {
      contact: {
        id: '4d2a…',
        phone: '+5215512345678',
        name: 'Ana Ruiz',
        tags: ['vip'],
        attributes: { ciudad: 'Puebla' },
        optIn: 'unknown',
        createdAt: '2026-03-14T17:02:11.000Z',
      },
      source: 'whatsapp',
      changed: [],
    },
  },
  'contact.updated': {
    description:
      'What Charla keeps about a contact changed: `changed` names the fields (name, notes, tags, attributes, optIn); `contact` is as it is now.',
    example: {
      contact: {
        id: '4d2a…',
        phone: '+5215512345678',
        name: 'Ana Ruiz',
        tags: ['vip', 'mayorista'],
        attributes: { ciudad: 'Puebla' },
        optIn: 'opted_in',
        createdAt: '2026-03-14T17:02:11.000Z',
      },
      source: 'member',
      changed: ['tags'],
    },
  },
  'broadcast.completed': {
    description:
      'A broadcast finished sending. `counts` are as they were then; deliveries and reads keep arriving (GET the broadcast for the latest).',
    example: {
      broadcast: {
        id: '2e8b…',
        name: 'Rebajas de marzo',
        channelId: '9c3f…',
        templateId: '71aa…',
        finishedAt: '2026-03-14T18:00:05.000Z',
      },
      counts: { total: 1200, queued: 0, sent: 1187, delivered: 1150, read: 610, failed: 13 },
    },
  },
  'template.status_changed': {
    description:
      'Meta reviewed a template, or changed its standing: pending, approved, rejected (with the reason), paused, disabled, deleted.',
    example: {
      template: {
        id: '71aa…',
        name: 'pedido_confirmado',
        language: 'es_MX',
        category: 'UTILITY',
        status: 'approved',
        quality: 'unknown',
      },
      from: 'pending',
      to: 'approved',
      rejection: null,
    },
  },
  'flow.completed': {
    description:
      'A bot finished with a customer: `outcome` is completed, handed_off, timed_out, stopped or moved; `variables` holds what it collected.',
    example: {
      flow: { id: '5b0e…', name: 'Pedidos', version: 3 },
      outcome: 'handed_off',
      reason: null,
      startedAt: '2026-03-14T17:02:11.000Z',
      endedAt: '2026-03-14T17:04:40.000Z',
      variables: { pedido: '1042', correo: 'ana@example.com' },
      conversationId: '0b7e…',
      contact: { id: '4d2a…', phone: '+5215512345678', name: 'Ana Ruiz' },
    },
  },
  'webhook.test': {
    description: 'Sent by "Send test event" to check that your endpoint receives and verifies deliveries.',
    example: { message: 'Hola desde Charla 👋' },
  },
} as const;
export type WebhookEventType = keyof typeof WEBHOOK_EVENT_CATALOG;
export const WEBHOOK_EVENT_TYPES = Object.keys(WEBHOOK_EVENT_CATALOG) as WebhookEventType[];
/** What a subscription may choose (the test event goes to whoever asks for it). */
export const SUBSCRIBABLE_EVENTS = WEBHOOK_EVENT_TYPES.filter((t) => t !== 'webhook.test');
export const WebhookEventTypeSchema = z.enum(
  SUBSCRIBABLE_EVENTS as [WebhookEventType, ...WebhookEventType[]],
);

export const WebhookSubscriptionSchema = z.object({
  id: z.uuid(),
  url: z.string(),
  description: z.string().nullable(),
  events: z.array(z.string()),
  enabled: z.boolean(),
  /** Why Charla turned it off (persistent failures); null when on or turned off by a person. */
  disabledReason: z.string().nullable(),
  /** Since when every delivery has failed; null when the last one succeeded. */
  failingSince: z.string().nullable(),
  /** The previous secret still signs until then (after a rotation). */
  previousSecretExpiresAt: z.string().nullable(),
  createdAt: z.string(),
});
export type WebhookSubscription = z.infer<typeof WebhookSubscriptionSchema>;

/** The answer to creating a subscription or rotating its secret: the only time the secret shows. */
export const WebhookSubscriptionWithSecretSchema = WebhookSubscriptionSchema.extend({
  secret: z.string().meta({ description: 'whsec_…: verify deliveries with it (Standard Webhooks)' }),
});
export type WebhookSubscriptionWithSecret = z.infer<typeof WebhookSubscriptionWithSecretSchema>;

const Url = z.url({ protocol: /^https?$/, error: 'Give the full address, starting with https://' }).max(2000);

export const CreateWebhookSubscriptionRequestSchema = z.object({
  url: Url,
  events: z.array(WebhookEventTypeSchema).min(1, 'Choose at least one event').max(SUBSCRIBABLE_EVENTS.length),
  description: z.string().trim().max(200).nullable().optional(),
});
export type CreateWebhookSubscriptionRequest = z.input<typeof CreateWebhookSubscriptionRequestSchema>;

export const UpdateWebhookSubscriptionRequestSchema = z.object({
  url: Url.optional(),
  events: z.array(WebhookEventTypeSchema).min(1).max(SUBSCRIBABLE_EVENTS.length).optional(),
  description: z.string().trim().max(200).nullable().optional(),
  /** Turning it back on clears the failure streak; deliveries that gave up can be replayed. */
  enabled: z.boolean().optional(),
});
export type UpdateWebhookSubscriptionRequest = z.input<typeof UpdateWebhookSubscriptionRequestSchema>;

export const WebhookAttemptSchema = z.object({
  at: z.string(),
  /** The endpoint's HTTP status; null when no answer came (timeout, refused, DNS). */
  statusCode: z.number().int().nullable(),
  latencyMs: z.number().int(),
  /** The first characters of the endpoint's answer, or what went wrong. */
  response: z.string().nullable(),
  error: z.string().nullable(),
});
export type WebhookAttempt = z.infer<typeof WebhookAttemptSchema>;

export const WebhookDeliverySchema = z.object({
  id: z.string(),
  /** The `webhook-id` header: the same on every retry, for your deduplication. */
  webhookId: z.string(),
  type: z.string(),
  /** pending: waiting for its first or next try; delivered; failed: gave up after the retries. */
  status: z.enum(['pending', 'delivered', 'failed']),
  attempts: z.number().int(),
  nextAttemptAt: z.string().nullable(),
  createdAt: z.string(),
  payload: z.unknown(),
  log: z.array(WebhookAttemptSchema),
});
export type WebhookDelivery = z.infer<typeof WebhookDeliverySchema>;

export const WebhookDeliveryListSchema = z.object({
  data: z.array(WebhookDeliverySchema),
  nextCursor: z.string().nullable(),
});
