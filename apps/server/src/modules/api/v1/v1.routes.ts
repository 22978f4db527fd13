import {
  ApiAcceptedMessageSchema,
  ApiChannelSchema,
  ApiErrorSchema,
  ApiMessageSchema,
  type ApiScope,
  apiPage,
} from '@charla/contracts';
import type {} from '@fastify/rate-limit';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { sha256Hex } from '../../../platform/crypto';
import { AppError } from '../../../platform/errors';
import type { ApiDeps } from '../api.deps';
import { bearerOf, callerOf, createApiKeyGuard } from '../api-key.guard';
import { getApiMessage } from './get-api-message';
import { idempotent } from './idempotency';
import { listApiChannels } from './list-api-channels';
import { ApiSendMessageSchema } from './meta-message';
import { sendApiMessage } from './send-api-message';
import { V1_TAG_PREFIX } from './v1-tags';

export interface V1RoutesOptions {
  deps: ApiDeps;
  /** Requests per minute one key may make (API_RATE_LIMIT_PER_MINUTE). */
  perMinute: number;
}

const IdempotencyHeader = z.object({
  'idempotency-key': z.string().optional().meta({
    description:
      'Makes a retry safe: the same key and body answer the first result and send nothing again (24 hours)',
  }),
});

const errors = {
  400: ApiErrorSchema,
  401: ApiErrorSchema,
  403: ApiErrorSchema,
  404: ApiErrorSchema,
  409: ApiErrorSchema,
  422: ApiErrorSchema,
  429: ApiErrorSchema,
};

/**
 * The public API: `Authorization: Bearer <key>`, scopes per resource, per-key rate limits with
 * `RateLimit-*` headers, `Idempotency-Key` on POST, one error shape. Each route is documented by
 * the zod schemas it validates with (GET /api/v1/openapi.json).
 */
export async function v1Routes(appIn: FastifyInstance, opts: V1RoutesOptions) {
  const app = appIn.withTypeProvider<ZodTypeProvider>();
  const { deps } = opts;
  const guard = createApiKeyGuard(deps);
  const security = [{ apiKey: [] }];
  const rateLimit = {
    max: opts.perMinute,
    timeWindow: 60_000,
    groupId: 'api-v1',
    keyGenerator: (req: FastifyRequest) => {
      const token = bearerOf(req);
      return token ? `key:${sha256Hex(token)}` : `ip:${req.ip}`;
    },
    errorResponseBuilder: (_req: FastifyRequest, ctx: { max: number; after: string }) =>
      Object.assign(
        new AppError(
          'rate_limited',
          'rate_limited',
          `This API key made more than ${ctx.max} requests in a minute; retry in ${ctx.after}.`,
        ),
        { statusCode: 429 },
      ),
  };
  // The key is checked first (onRequest): a caller without one learns nothing, not even what is invalid.
  const route = (scope: ApiScope, tag: string) => ({
    onRequest: guard(scope),
    config: { rateLimit },
    tags: [`${V1_TAG_PREFIX}${tag}`],
  });

  {
    const { onRequest, config, tags } = route('messages:write', 'messages');
    app.post(
      '/api/v1/messages',
      {
        onRequest,
        config,
        schema: {
          tags,
          security,
          summary: 'Send a message (any type, or a template) to a contact id or a phone number',
          description:
            "The message is shaped as in Meta's Cloud API (`type` and that type's object). Free-form messages only within 24 hours of the customer's last message; a template at any time. The conversation is opened as needed.",
          headers: IdempotencyHeader,
          body: ApiSendMessageSchema,
          response: { 202: ApiAcceptedMessageSchema, ...errors },
        },
      },
      async (req, reply) => {
        const caller = callerOf(req);
        const answer = await idempotent(
          deps,
          caller,
          req.headers['idempotency-key'] as string | undefined,
          { method: 'POST', route: '/api/v1/messages', body: req.body },
          async (messageId) => ({
            status: 202,
            body: await sendApiMessage(deps, caller, req.body, messageId),
          }),
        );
        if (answer.replayed) reply.header('idempotent-replayed', 'true');
        return reply.status(answer.status).send(answer.body as z.infer<typeof ApiAcceptedMessageSchema>);
      },
    );
  }

  {
    const { onRequest, config, tags } = route('messages:read', 'messages');
    app.get(
      '/api/v1/messages/:id',
      {
        onRequest,
        config,
        schema: {
          tags,
          security,
          summary: 'One message, with its status and, when it failed, why',
          params: z.object({ id: z.uuid() }),
          response: { 200: ApiMessageSchema, ...errors },
        },
      },
      async (req) => getApiMessage(deps, callerOf(req), req.params.id),
    );
  }

  {
    const { onRequest, config, tags } = route('channels:read', 'channels');
    app.get(
      '/api/v1/channels',
      {
        onRequest,
        config,
        schema: {
          tags,
          security,
          summary: "The workspace's WhatsApp numbers and whether each can send",
          response: { 200: apiPage(ApiChannelSchema), ...errors },
        },
      },
      async (req) => ({ data: await listApiChannels(deps, callerOf(req)), nextCursor: null }),
    );
  }
}
