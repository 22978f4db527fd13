import multipart from '@fastify/multipart';
import type {} from '@fastify/rate-limit';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { AppError } from '../../../platform/errors';
import { validationError } from '../../../platform/http/error-handler';
import { filePart, MAX_UPLOAD_BYTES, uploadChannelMedia } from '../../inbox';
import type { ApiDeps } from '../api.deps';
import { callerOf, createApiKeyGuard } from '../api-key.guard';
import { idempotent } from '../v1/idempotency';
import { ApiSendMessageSchema } from '../v1/meta-message';
import { perKeyRateLimit } from '../v1/per-key-rate-limit';
import { channelOf, sendGraphMessage } from './graph-send';
import { toMetaError } from './meta-error';

export interface GraphRoutesOptions {
  deps: ApiDeps;
  perMinute: number;
}

const Params = z.object({
  version: z.string().regex(/^v\d+\.\d+$/, 'a Graph API version such as v23.0'),
  phoneNumberId: z.string().regex(/^\d{1,30}$/, "the number's phone number id"),
});

/**
 * Meta's own endpoints, served by Charla: `POST /graph/{version}/{phone-number-id}/messages` and
 * `/media` take Meta's request bodies with a Charla API key as the bearer token and answer in
 * Meta's shapes and error envelope, so code written for the Cloud API works by changing its base
 * URL to `<charla>/graph`. Messages go through Charla (the inbox shows them sent by the key, the
 * 24-hour rule and the outbox apply); statuses come back by Charla's webhooks.
 */
export async function graphRoutes(appIn: FastifyInstance, opts: GraphRoutesOptions) {
  const app = appIn.withTypeProvider<ZodTypeProvider>();
  const { deps } = opts;
  const guard = createApiKeyGuard(deps);
  const config = { rateLimit: perKeyRateLimit(opts.perMinute) };

  app.setErrorHandler((err, _req, reply) => {
    const answer = toMetaError(validationError(err) ?? err);
    if (answer.status === 500) reply.log.error({ err }, 'graph endpoint failed');
    return reply.status(answer.status).send(answer.body);
  });
  await app.register(multipart, {
    limits: { files: 1, fields: 4, parts: 5, fieldSize: 1024, fileSize: MAX_UPLOAD_BYTES },
  });

  app.post(
    '/graph/:version/:phoneNumberId/messages',
    {
      onRequest: guard('messages:write'),
      config,
      schema: { hide: true, params: Params, body: ApiSendMessageSchema },
    },
    async (req) => {
      const caller = callerOf(req);
      if (req.body.messaging_product !== 'whatsapp') {
        throw new AppError('invalid', 'validation_failed', 'messaging_product must be "whatsapp".', [
          { path: 'messaging_product', message: 'required: "whatsapp"' },
        ]);
      }
      const answer = await idempotent(
        deps,
        caller,
        req.headers['idempotency-key'] as string | undefined,
        { method: 'POST', route: `/graph/${req.params.phoneNumberId}/messages`, body: req.body },
        async (messageId, resumed) => ({
          status: 200,
          body: await sendGraphMessage(deps, caller, req.params.phoneNumberId, req.body, messageId, resumed),
        }),
      );
      return answer.body;
    },
  );

  app.post(
    '/graph/:version/:phoneNumberId/media',
    {
      onRequest: guard('media:write'),
      config,
      schema: { hide: true, params: Params, consumes: ['multipart/form-data'] },
    },
    async (req) => {
      const caller = callerOf(req);
      const channel = await channelOf(deps, callerOf(req), req.params.phoneNumberId);
      const file = await filePart(req);
      // Meta reads the file's type from the `type` part; a file part without its own type takes it.
      const typed =
        file.mimeType === 'application/octet-stream' && file.fields.type
          ? { ...file, mimeType: file.fields.type }
          : file;
      const uploaded = await uploadChannelMedia(deps.inbox, caller, channel, typed);
      return { id: uploaded.id };
    },
  );
}
