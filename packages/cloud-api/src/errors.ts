import { z } from 'zod';

/** Synchronous Graph API error body (§6.1). Loose: Meta adds fields without notice. */
export const GraphErrorSchema = z.looseObject({
  message: z.string(),
  type: z.string().optional(),
  code: z.number(),
  error_data: z
    .looseObject({
      messaging_product: z.string().optional(),
      details: z.string().optional(),
    })
    .optional(),
  error_subcode: z.number().optional(),
  error_user_title: z.string().optional(),
  error_user_msg: z.string().optional(),
  fbtrace_id: z.string().optional(),
});
export type GraphError = z.infer<typeof GraphErrorSchema>;

export const GraphErrorEnvelopeSchema = z.looseObject({ error: GraphErrorSchema });
export type GraphErrorEnvelope = z.infer<typeof GraphErrorEnvelopeSchema>;

/** Asynchronous error object carried by webhooks: failed statuses, inbound messages, value.errors (§5.5, §5.6). */
export const WebhookErrorSchema = z.looseObject({
  code: z.number(),
  title: z.string(),
  message: z.string().optional(),
  error_data: z.looseObject({ details: z.string().optional() }).optional(),
  href: z.string().optional(),
});
export type WebhookError = z.infer<typeof WebhookErrorSchema>;
