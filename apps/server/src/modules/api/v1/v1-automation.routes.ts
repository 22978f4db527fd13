import {
  ApiEnrolledSchema,
  ApiEnrollRequestSchema,
  ApiFlowStartedSchema,
  ApiStartFlowRequestSchema,
} from '@charla/contracts';
import type {} from '@fastify/rate-limit';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import type { ApiDeps } from '../api.deps';
import { callerOf, createApiKeyGuard } from '../api-key.guard';
import { enrollApiContact, startApiFlow } from './api-automation';
import { keyedRouteOptions } from './keyed-route';
import { IdempotencyHeader, IdParams, idempotentReplyOf } from './v1-route-kit';

/** Automation with a key: start a published bot for a customer, enrol a contact in a sequence. */
export async function v1AutomationRoutes(appIn: FastifyInstance, opts: { deps: ApiDeps; perMinute: number }) {
  const app = appIn.withTypeProvider<ZodTypeProvider>();
  const { deps } = opts;
  const keyed = keyedRouteOptions(createApiKeyGuard(deps), opts.perMinute);
  const idempotentReply = idempotentReplyOf(deps);

  app.post(
    '/api/v1/flows/:id/start',
    keyed('automation:write', 'automation', {
      summary: "Start a published bot in a customer's conversation (a contact id or a phone)",
      description:
        "The conversation with the number (`channel`, optional with one number) is opened as needed; the bot starts within a second and its messages follow WhatsApp's 24-hour rule (the thread says if it could not start). 422 flow_not_published, contact_opted_out, invalid_phone; 409 bot_running when a bot already runs there.",
      headers: IdempotencyHeader,
      params: IdParams,
      body: ApiStartFlowRequestSchema,
      response: { 202: ApiFlowStartedSchema },
    }),
    async (req, reply) =>
      idempotentReply(req, reply, async () => ({
        status: 202,
        body: await startApiFlow(deps, callerOf(req), req.params.id, req.body),
      })),
  );

  app.post(
    '/api/v1/sequences/:id/enrollments',
    keyed('automation:write', 'automation', {
      summary: 'Enrol a contact (a contact id, or a phone: added when new) in a drip sequence',
      description:
        'Step 1 goes after its delay, inside the sequence’s allowed hours. 201 `enrolled`; 200 `already_enrolled` when the contact is in it already. 422 contact_opted_out; 409 sequence_off when the sequence is turned off.',
      headers: IdempotencyHeader,
      params: IdParams,
      body: ApiEnrollRequestSchema,
      response: { 200: ApiEnrolledSchema, 201: ApiEnrolledSchema },
    }),
    async (req, reply) =>
      idempotentReply(req, reply, async () => {
        const enrolled = await enrollApiContact(deps, callerOf(req), req.params.id, req.body);
        return { status: enrolled.status === 'enrolled' ? 201 : 200, body: enrolled };
      }),
  );
}
