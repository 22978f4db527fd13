import { ApiCreateTemplateRequestSchema, ApiUploadedMediaSchema, TemplateSchema } from '@charla/contracts';
import multipart from '@fastify/multipart';
import type {} from '@fastify/rate-limit';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import {
  filePart,
  MAX_UPLOAD_BYTES,
  numberToSendFrom,
  replyWithMediaFile,
  uploadChannelMedia,
} from '../../inbox';
import { createTemplate, deleteTemplate } from '../../templates';
import type { ApiDeps } from '../api.deps';
import { callerOf, createApiKeyGuard } from '../api-key.guard';
import { templateAccountOf } from './api-template-account';
import { keyedRouteOptions } from './keyed-route';
import { IdempotencyHeader, IdParams, idempotentReplyOf, keyActor } from './v1-route-kit';

/**
 * Templates and files with a key: a template made and submitted to WhatsApp's review, or deleted,
 * through the same use cases as Settings › Templates; a file uploaded for a number (checked as an
 * agent's attachment is) to send by id, and any file of the workspace downloaded.
 */
export async function v1CatalogRoutes(appIn: FastifyInstance, opts: { deps: ApiDeps; perMinute: number }) {
  const app = appIn.withTypeProvider<ZodTypeProvider>();
  const { deps } = opts;
  const keyed = keyedRouteOptions(createApiKeyGuard(deps), opts.perMinute);
  const idempotentReply = idempotentReplyOf(deps);
  await app.register(multipart, {
    limits: { files: 1, fields: 4, parts: 5, fieldSize: 1024, fileSize: MAX_UPLOAD_BYTES },
  });

  app.post(
    '/api/v1/templates',
    keyed('templates:write', 'templates', {
      summary: "Make a template and submit it to WhatsApp's review",
      description:
        "Checked against WhatsApp's rules first (422 invalid_template names every field at fault). It answers `pending`; the status turns `approved` or `rejected` (with Meta's reason) when WhatsApp reviews it, as GET /api/v1/templates/{id} shows. A name already used in that language is 409 template_exists.",
      headers: IdempotencyHeader,
      body: ApiCreateTemplateRequestSchema,
      response: { 201: TemplateSchema },
    }),
    async (req, reply) =>
      idempotentReply(req, reply, async () => {
        const caller = callerOf(req);
        const { channel, ...draft } = req.body;
        const wabaId = await templateAccountOf(deps, caller, channel);
        return {
          status: 201,
          body: await createTemplate(deps.templates, keyActor(caller), { wabaId, draft, submit: true }),
        };
      }),
  );

  app.delete(
    '/api/v1/templates/:id',
    keyed('templates:write', 'templates', {
      summary: 'Delete a template (this language), in Charla and at WhatsApp',
      description:
        'A disabled template cannot be deleted (409 template_not_deletable). WhatsApp does not let an approved name be used again for 30 days.',
      params: IdParams,
      response: { 204: z.null().meta({ description: 'Deleted' }) },
    }),
    async (req, reply) => {
      await deleteTemplate(deps.templates, keyActor(callerOf(req)), req.params.id);
      return reply.status(204).send(null);
    },
  );

  async function uploadFile(req: FastifyRequest, reply: FastifyReply) {
    const caller = callerOf(req);
    const file = await filePart(req);
    const named = (req.query as { channel?: string }).channel ?? file.fields.channel;
    let channelId: string;
    try {
      channelId = (await numberToSendFrom(deps.inbox, caller.workspaceId, named || undefined)).id;
    } catch (err) {
      file.stream.resume();
      throw err;
    }
    let ran = false;
    const answer = await idempotentReply(
      req,
      reply,
      async () => {
        ran = true;
        const uploaded = await uploadChannelMedia(deps.inbox, caller, channelId, file);
        return { status: 201, body: { ...uploaded, channelId } };
      },
      { channelId, filename: file.filename, mimeType: file.mimeType },
    );
    // A replayed upload: the file sent again is not kept twice.
    if (!ran) file.stream.resume();
    return answer;
  }

  app.post(
    '/api/v1/media',
    keyed('media:write', 'media', {
      summary: 'Upload a file to send (multipart/form-data, one part named `file`)',
      description:
        "Checked against WhatsApp's limits for its kind before it is kept: the type at once (422 media_type_not_accepted), the size as it arrives (413 media_too_large, e.g. images up to 5 MB, video and audio 16 MB, documents 100 MB), and the bytes against the declared type (422 media_type_mismatch). Answers the id to send it with from that number: `image.id`, `video.id`, `audio.id`, `document.id` or `sticker.id` of POST /api/v1/messages. `channel` (query or a form part before the file) names the number; optional when the workspace has one. With Idempotency-Key, a retry of the same file name, type and number answers the first upload.",
      consumes: ['multipart/form-data'],
      headers: IdempotencyHeader,
      querystring: z.object({ channel: z.uuid().optional() }),
      // Documents the form; the parts are read as a stream (filePart), so nothing here is validated.
      body: z
        .object({
          channel: z.uuid().optional().meta({ description: "A number's id, sent before the file" }),
          file: z.string().meta({ format: 'binary', description: 'The file, with its name and type' }),
        })
        .nullish(),
      response: { 201: ApiUploadedMediaSchema },
    }),
    async (req, reply) => {
      try {
        return await uploadFile(req, reply);
      } catch (err) {
        // The rest of a refused file may still be on its way: end the connection after the answer
        // rather than leave the client sending into a request nobody reads.
        reply.header('connection', 'close');
        throw err;
      }
    },
  );

  app.get(
    '/api/v1/media/:id',
    keyed('media:read', 'media', {
      summary: "Download a file: one uploaded, or one a customer sent (a message's `mediaId`)",
      description:
        'The bytes with their Content-Type and Content-Disposition (the file name); answers Range requests (206).',
      params: IdParams,
      response: {
        200: z.string().meta({ description: 'The file', format: 'binary' }),
        206: z.string().meta({ description: 'The part of the file asked for with Range', format: 'binary' }),
      },
    }),
    async (req, reply) =>
      replyWithMediaFile(reply, deps.inbox, callerOf(req).workspaceId, req.params.id, req.headers.range),
  );
}
