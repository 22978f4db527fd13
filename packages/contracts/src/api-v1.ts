import { z } from 'zod';
import { ApiErrorSchema } from './errors';

/** 202 from POST /api/v1/messages: stored and queued on the number; statuses follow by webhook. */
export const ApiAcceptedMessageSchema = z.object({
  id: z.uuid().meta({ description: "Charla's id of the message" }),
  status: z
    .string()
    .meta({ description: '`queued` until WhatsApp takes it, then sent, delivered, read or failed' }),
  conversationId: z.uuid(),
  contactId: z.uuid(),
});
export type ApiAcceptedMessage = z.infer<typeof ApiAcceptedMessageSchema>;

/** A message as GET /api/v1/messages/:id answers it. */
export const ApiMessageSchema = z.object({
  id: z.uuid(),
  conversationId: z.uuid(),
  direction: z.enum(['inbound', 'outbound']),
  type: z.string(),
  text: z
    .string()
    .nullable()
    .meta({ description: 'The text, caption or a short description of the content' }),
  status: z.string().nullable(),
  error: z
    .object({ code: z.number().nullable(), reason: z.string() })
    .nullable()
    .meta({ description: "Why it failed: WhatsApp's code (null when Charla's own) and the reason" }),
  wamid: z.string().nullable(),
  createdAt: z.string().meta({ description: 'ISO 8601' }),
});
export type ApiMessage = z.infer<typeof ApiMessageSchema>;

/** A WhatsApp number of the workspace and whether it can send. */
export const ApiChannelSchema = z.object({
  id: z.uuid(),
  name: z.string(),
  kind: z.enum(['sandbox', 'cloud']),
  phone: z.string().meta({ description: 'The number in E.164' }),
  status: z.enum(['connected', 'error', 'disconnected']),
  lastError: z.string().nullable(),
});
export type ApiChannel = z.infer<typeof ApiChannelSchema>;

/** Every /api/v1 list: a page and the cursor of the next one (null on the last page). */
export const apiPage = <T extends z.ZodType>(item: T) =>
  z.object({ data: z.array(item), nextCursor: z.string().nullable() });

/** The error answers every /api/v1 route may give, for its OpenAPI description. */
export const ApiErrorResponses = {
  400: ApiErrorSchema,
  401: ApiErrorSchema,
  403: ApiErrorSchema,
  404: ApiErrorSchema,
  409: ApiErrorSchema,
  422: ApiErrorSchema,
  429: ApiErrorSchema,
};
