import { MESSAGING_LIMIT_TIERS, THROUGHPUT_LEVELS } from '@charla/cloud-api';
import type { FastifyInstance, FastifyReply } from 'fastify';
import { z } from 'zod';
import { CustomerInputError } from './customer-message';
import { IdentityChangeSchema } from './identity-change';
import { MAX_ATTACHMENT_BODY_BYTES } from './media-rules';
import { NumberBehaviourSchema } from './number-behaviour';
import type { Sandbox } from './sandbox';
import type { SendsLog } from './sends-log';

export const RegisterNumberBodySchema = z.object({
  displayPhoneNumber: z.string().min(1),
  wabaId: z.string().min(1),
  accessToken: z.string().min(1),
  appSecret: z.string().min(1),
  webhookUrl: z.url(),
  verifiedName: z.string().min(1).optional(),
  messagingLimit: z.enum(MESSAGING_LIMIT_TIERS).optional(),
  throughput: z.enum(THROUGHPUT_LEVELS).optional(),
});

/** BSUID, parent BSUID, username and a hidden phone (§7.13); checked in customer-identity.ts. */
const identityShape = {
  userId: z.string().max(140).optional(),
  parentUserId: z.string().max(140).optional(),
  username: z.string().max(35).optional(),
  usernameOnly: z.boolean().optional(),
};

/** `{ text }`, or `{ message, media? }` with a Cloud API inbound message without from/id/timestamp. */
export const CustomerMessageBodySchema = z.object({
  text: z.string().min(1).max(4096).optional(),
  name: z.string().max(100).optional(),
  ...identityShape,
  message: z.record(z.string(), z.unknown()).optional(),
  media: z
    .object({
      base64: z.string().min(1),
      mimeType: z.string().min(1).max(255),
      filename: z.string().min(1).max(240).optional(),
    })
    .optional(),
});

/** `value` is delivered verbatim as `entry[0].changes[0].value`. */
export const RawCustomerBodySchema = z.object({
  value: z.unknown().refine((value) => value !== undefined, 'value is required'),
  field: z.string().min(1).optional(),
});

export const CustomerSettingsBodySchema = z.strictObject({
  reachable: z.boolean().optional(),
  marketingCapped: z.boolean().optional(),
  name: z.string().min(1).max(100).optional(),
  ...identityShape,
});

export const PlayedBodySchema = z.object({ wamid: z.string().min(1) });

const WaIdSchema = z.string().regex(/^\d{7,15}$/, 'waId must be 7-15 digits');

type NumberParams = { phoneNumberId: string };
type CustomerParams = { phoneNumberId: string; waId: string };

/** The sandbox's own API: what Charla's tests, the phone page and an operator call (not Meta's). */
export async function registerAdminRoutes(
  app: FastifyInstance,
  deps: { sandbox: Sandbox; sendsLog: SendsLog },
) {
  const { sandbox, sendsLog } = deps;

  app.put<{ Params: NumberParams }>('/_sim/numbers/:phoneNumberId', async (request, reply) => {
    const body = RegisterNumberBodySchema.safeParse(request.body);
    if (!body.success) return sendBadRequest(reply, z.prettifyError(body.error));
    sandbox.registerNumber({ phoneNumberId: request.params.phoneNumberId, ...body.data });
    return { ok: true };
  });

  app.put<{ Params: NumberParams }>('/_sim/numbers/:phoneNumberId/behaviour', async (request, reply) => {
    if (!sandbox.findNumber(request.params.phoneNumberId))
      return sendUnknownNumber(reply, request.params.phoneNumberId);
    const body = NumberBehaviourSchema.safeParse(request.body);
    if (!body.success) return sendBadRequest(reply, z.prettifyError(body.error));
    return { behaviour: sandbox.setBehaviour(request.params.phoneNumberId, body.data) };
  });

  app.get<{ Params: NumberParams }>('/_sim/numbers/:phoneNumberId/behaviour', async (request, reply) => {
    if (!sandbox.findNumber(request.params.phoneNumberId))
      return sendUnknownNumber(reply, request.params.phoneNumberId);
    return { behaviour: sandbox.behaviour(request.params.phoneNumberId) };
  });

  app.put<{ Params: CustomerParams }>(
    '/_sim/numbers/:phoneNumberId/customers/:waId',
    async (request, reply) => {
      const { phoneNumberId, waId } = request.params;
      if (!sandbox.findNumber(phoneNumberId)) return sendUnknownNumber(reply, phoneNumberId);
      if (!WaIdSchema.safeParse(waId).success) return sendBadRequest(reply, 'waId must be 7-15 digits');
      const body = CustomerSettingsBodySchema.safeParse(request.body);
      if (!body.success) return sendBadRequest(reply, z.prettifyError(body.error));
      try {
        const customer = sandbox.setCustomer(phoneNumberId, waId, body.data);
        return {
          waId: customer.waId,
          name: customer.name,
          reachable: customer.reachable,
          marketingCapped: customer.marketingCapped,
          ...describeIdentity(customer),
        };
      } catch (error) {
        if (error instanceof CustomerInputError) return sendBadRequest(reply, error.message);
        throw error;
      }
    },
  );

  // WhatsApp announces a new phone number (with a new BSUID) or a new BSUID for the customer.
  app.post<{ Params: CustomerParams }>(
    '/_sim/numbers/:phoneNumberId/customers/:waId/identity',
    async (request, reply) => {
      const { phoneNumberId, waId } = request.params;
      if (!sandbox.findNumber(phoneNumberId)) return sendUnknownNumber(reply, phoneNumberId);
      const body = IdentityChangeSchema.safeParse(request.body);
      if (!body.success) return sendBadRequest(reply, z.prettifyError(body.error));
      try {
        return sandbox.changeIdentity(phoneNumberId, waId, body.data);
      } catch (error) {
        if (error instanceof CustomerInputError) return sendBadRequest(reply, error.message);
        throw error;
      }
    },
  );

  app.post<{ Params: CustomerParams }>(
    '/_sim/numbers/:phoneNumberId/customers/:waId/played',
    async (request, reply) => {
      const { phoneNumberId, waId } = request.params;
      if (!sandbox.findNumber(phoneNumberId)) return sendUnknownNumber(reply, phoneNumberId);
      const body = PlayedBodySchema.safeParse(request.body);
      if (!body.success) return sendBadRequest(reply, z.prettifyError(body.error));
      try {
        return { ok: true, ...sandbox.playAsCustomer(phoneNumberId, waId, body.data.wamid) };
      } catch (error) {
        if (error instanceof CustomerInputError) return sendBadRequest(reply, error.message);
        throw error;
      }
    },
  );

  app.get<{ Params: NumberParams }>('/_sim/numbers/:phoneNumberId/customers', async (request, reply) => {
    if (!sandbox.findNumber(request.params.phoneNumberId))
      return sendUnknownNumber(reply, request.params.phoneNumberId);
    const items = sandbox.customers(request.params.phoneNumberId).map((customer) => ({
      waId: customer.waId,
      name: customer.name,
      ...describeIdentity(customer),
      lastMessageAt: new Date(customer.lastMessageAt).toISOString(),
    }));
    return { items };
  });

  app.post<{ Params: CustomerParams }>(
    '/_sim/numbers/:phoneNumberId/customers/:waId/messages',
    // Attachments arrive as base64 inside JSON: allow the largest WhatsApp accepts (100 MB documents).
    { bodyLimit: MAX_ATTACHMENT_BODY_BYTES },
    async (request, reply) => {
      const { phoneNumberId, waId } = request.params;
      if (!sandbox.findNumber(phoneNumberId)) return sendUnknownNumber(reply, phoneNumberId);
      const waIdCheck = WaIdSchema.safeParse(waId);
      if (!waIdCheck.success) return sendBadRequest(reply, 'waId must be 7-15 digits');
      const body = CustomerMessageBodySchema.safeParse(request.body);
      if (!body.success) return sendBadRequest(reply, z.prettifyError(body.error));
      try {
        return sandbox.sendAsCustomer({ phoneNumberId, waId, ...body.data });
      } catch (error) {
        if (error instanceof CustomerInputError) return sendBadRequest(reply, error.message);
        throw error;
      }
    },
  );

  app.post<{ Params: CustomerParams }>(
    '/_sim/numbers/:phoneNumberId/customers/:waId/raw',
    { bodyLimit: MAX_ATTACHMENT_BODY_BYTES },
    async (request, reply) => {
      const { phoneNumberId } = request.params;
      if (!sandbox.findNumber(phoneNumberId)) return sendUnknownNumber(reply, phoneNumberId);
      const body = RawCustomerBodySchema.safeParse(request.body);
      if (!body.success) return sendBadRequest(reply, z.prettifyError(body.error));
      sandbox.sendRawAsCustomer({ phoneNumberId, value: body.data.value, field: body.data.field });
      return { ok: true };
    },
  );

  app.post<{ Params: CustomerParams }>(
    '/_sim/numbers/:phoneNumberId/customers/:waId/read',
    async (request, reply) => {
      const { phoneNumberId, waId } = request.params;
      if (!sandbox.findNumber(phoneNumberId)) return sendUnknownNumber(reply, phoneNumberId);
      return { ok: true, ...sandbox.readAsCustomer(phoneNumberId, waId) };
    },
  );

  // The sandbox's "close the 24-hour window now": Charla calls it for a sandbox number only.
  app.post<{ Params: CustomerParams }>(
    '/_sim/numbers/:phoneNumberId/customers/:waId/close-window',
    async (request, reply) => {
      const { phoneNumberId, waId } = request.params;
      if (!sandbox.findNumber(phoneNumberId)) return sendUnknownNumber(reply, phoneNumberId);
      if (!WaIdSchema.safeParse(waId).success) return sendBadRequest(reply, 'waId must be 7-15 digits');
      return { ok: true, ...sandbox.closeWindow(phoneNumberId, waId) };
    },
  );

  app.get<{ Params: CustomerParams }>(
    '/_sim/numbers/:phoneNumberId/customers/:waId/chat',
    async (request, reply) => {
      const { phoneNumberId, waId } = request.params;
      if (!sandbox.findNumber(phoneNumberId)) return sendUnknownNumber(reply, phoneNumberId);
      return {
        messages: sandbox.chat(phoneNumberId, waId).map(toChatItem),
        typing: sandbox.isTyping(phoneNumberId, waId),
        marketingStopped: sandbox.findCustomer(phoneNumberId, waId)?.marketingStopped ?? false,
        windowOpen: sandbox.isWindowOpen(phoneNumberId, waId),
      };
    },
  );

  app.get<{ Querystring: { phoneNumberId?: string } }>('/_sim/sends', async (request) => ({
    items: sendsLog.list(request.query.phoneNumberId),
  }));
}

export function toChatItem(message: ReturnType<Sandbox['chat']>[number]) {
  return {
    wamid: message.wamid,
    from: message.from,
    type: message.type,
    /** The text, or a short preview such as "📷 Photo" for other types. */
    text: message.text,
    ...(message.mediaId !== null && { mediaId: message.mediaId }),
    ...(message.replyTo !== null && { replyTo: message.replyTo }),
    status: message.status,
    /** Business messages: the payload as sent (buttons, rows, location…), for the phone page. */
    ...(message.from === 'business' && message.content !== undefined && { content: message.content }),
    /** `drop` mode: the message never reaches the phone. */
    ...(message.statusMode === 'drop' && { dropped: true }),
    timestamp: new Date(message.timestamp).toISOString(),
  };
}

function describeIdentity(customer: ReturnType<Sandbox['customers']>[number]) {
  return {
    ...(customer.userId !== null && { userId: customer.userId }),
    ...(customer.parentUserId !== null && { parentUserId: customer.parentUserId }),
    ...(customer.username !== null && { username: customer.username }),
    ...(customer.usernameOnly && { usernameOnly: true }),
  };
}

function sendBadRequest(reply: FastifyReply, message: string) {
  return reply.code(400).send({ error: { code: 'invalid_request', message } });
}

function sendUnknownNumber(reply: FastifyReply, phoneNumberId: string) {
  return reply.code(404).send({
    error: {
      code: 'unknown_number',
      message: `No simulated number ${phoneNumberId}; PUT /_sim/numbers/${phoneNumberId} first`,
    },
  });
}
