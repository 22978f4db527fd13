import { z } from 'zod';

/**
 * Where a value comes from in the JSON an outside tool posts: a path like `billing.phone`,
 * `line_items[0].name` or `$.customer.first_name`.
 */
export const JsonPathSchema = z
  .string()
  .trim()
  .min(1, 'Write where the value is, e.g. billing.phone')
  .max(300)
  .regex(/^(\$\.)?[^\s]+$/, 'A path has no spaces, e.g. customer.first_name or items[0].name');

/** What the trigger does with each payload. */
export const IncomingActionSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('template'), templateId: z.uuid() }),
  z.object({ kind: z.literal('sequence'), sequenceId: z.uuid() }),
  /** A published bot starts in the customer's conversation with the trigger's number. */
  z.object({ kind: z.literal('flow'), flowId: z.uuid() }),
]);
export type IncomingAction = z.infer<typeof IncomingActionSchema>;

/** Which fields of the payload are the customer's phone and name and the template's variables. */
export const IncomingMappingSchema = z.object({
  phone: JsonPathSchema,
  name: JsonPathSchema.nullable().optional(),
  /** A template's variables: body variables by name (`first_name`, or `1`, `2`…), header, buttons by index. */
  values: z
    .object({
      header: JsonPathSchema.nullable().optional(),
      body: z.record(z.string().max(60), JsonPathSchema).default({}),
      buttons: z.record(z.string().regex(/^\d$/), JsonPathSchema).default({}),
    })
    .default({ body: {}, buttons: {} }),
});
export type IncomingMapping = z.input<typeof IncomingMappingSchema>;

export const IncomingTriggerSchema = z.object({
  id: z.uuid(),
  name: z.string(),
  /** The address to give the outside tool (POST JSON to it). */
  url: z.string(),
  channelId: z.uuid(),
  action: IncomingActionSchema,
  mapping: IncomingMappingSchema,
  enabled: z.boolean(),
  lastReceivedAt: z.string().nullable(),
  createdAt: z.string(),
});
export type IncomingTrigger = z.infer<typeof IncomingTriggerSchema>;

/** Creating a trigger or rotating its secret answers the secret, this once. */
export const IncomingTriggerWithSecretSchema = IncomingTriggerSchema.extend({ secret: z.string() });
export type IncomingTriggerWithSecret = z.infer<typeof IncomingTriggerWithSecretSchema>;

export const CreateIncomingTriggerRequestSchema = z.object({
  name: z.string().trim().min(1, 'Name the trigger, e.g. "WooCommerce: new order"').max(80),
  channelId: z.uuid(),
  action: IncomingActionSchema,
  mapping: IncomingMappingSchema,
});
export type CreateIncomingTriggerRequest = z.input<typeof CreateIncomingTriggerRequestSchema>;

export const UpdateIncomingTriggerRequestSchema = CreateIncomingTriggerRequestSchema.partial().extend({
  enabled: z.boolean().optional(),
});
export type UpdateIncomingTriggerRequest = z.input<typeof UpdateIncomingTriggerRequestSchema>;

/** One payload received, kept to help map fields, with what Charla did with it. */
export const IncomingPayloadSchema = z.object({
  id: z.string(),
  receivedAt: z.string(),
  body: z.unknown(),
  /** sent: the template left; enrolled: the contact joined the sequence; started: the bot began; duplicate: seen before; failed: why in `detail`. */
  outcome: z.enum(['sent', 'enrolled', 'started', 'duplicate', 'failed']),
  detail: z.string().nullable(),
  messageId: z.string().nullable(),
  contactId: z.string().nullable(),
});
export type IncomingPayload = z.infer<typeof IncomingPayloadSchema>;
