import { MediaInfoSchema, UploadedMediaSchema } from '@charla/contracts';
import multipart from '@fastify/multipart';
import type { FastifyInstance, FastifyRequest, preHandlerAsyncHookHandler } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { AppError } from '../../../platform/errors';
import type { AuthContext } from '../../auth';
import type { InboxDeps } from '../inbox.deps';
import {
  getUploadInfo,
  HEADER_MEDIA_KINDS,
  MAX_UPLOAD_BYTES,
  uploadChannelMedia,
  uploadMedia,
  uploadWorkspaceMedia,
} from './upload-media';

/** Multipart lives in this plugin only: no other route parses uploads. */
export async function mediaUploadRoutes(
  appIn: FastifyInstance,
  opts: {
    deps: InboxDeps;
    requireMember: preHandlerAsyncHookHandler;
    /** For workspace files (header samples): a member who manages templates. */
    requireManager: preHandlerAsyncHookHandler;
    authOf(request: unknown): AuthContext;
  },
) {
  const app = appIn.withTypeProvider<ZodTypeProvider>();
  await app.register(multipart, {
    limits: { files: 1, fields: 4, parts: 5, fieldSize: 1024, fileSize: MAX_UPLOAD_BYTES },
  });
  app.post(
    '/api/conversations/:id/media',
    {
      preHandler: opts.requireMember,
      schema: {
        tags: ['inbox'],
        summary: 'Attach a file to send (multipart, one `file` part); checked against WhatsApp limits first',
        consumes: ['multipart/form-data'],
        params: z.object({ id: z.uuid() }),
        response: { 201: UploadedMediaSchema },
      },
    },
    async (req, reply) => {
      const uploaded = await uploadMedia(opts.deps, opts.authOf(req), req.params.id, await filePart(req));
      return reply.status(201).send(uploaded);
    },
  );

  app.post(
    '/api/channels/:id/media',
    {
      preHandler: opts.requireManager,
      schema: {
        tags: ['inbox'],
        summary:
          "Store a file of one number (multipart, one `file` part) for automatic messages to send: rules', bots' and sequences' `media` messages. Checked against WhatsApp limits first",
        consumes: ['multipart/form-data'],
        params: z.object({ id: z.uuid() }),
        response: { 201: UploadedMediaSchema },
      },
    },
    async (req, reply) => {
      const file = await filePart(req);
      const uploaded = await uploadChannelMedia(opts.deps, opts.authOf(req), req.params.id, file);
      return reply.status(201).send(uploaded);
    },
  );

  app.get(
    '/api/media/:id/info',
    {
      preHandler: opts.requireManager,
      schema: {
        tags: ['inbox'],
        summary: 'An uploaded file to send: its kind, type, size, name and the number it was uploaded for',
        params: z.object({ id: z.uuid() }),
        response: { 200: MediaInfoSchema },
      },
    },
    async (req) => getUploadInfo(opts.deps, opts.authOf(req).workspaceId, req.params.id),
  );

  app.post(
    '/api/media',
    {
      preHandler: opts.requireManager,
      schema: {
        tags: ['inbox'],
        summary:
          "Store a workspace file (multipart, one `file` part): a media header's sample for Meta's review. `kind` checks it as that header's format",
        consumes: ['multipart/form-data'],
        querystring: z.object({ kind: z.enum(HEADER_MEDIA_KINDS).optional() }),
        response: { 201: UploadedMediaSchema },
      },
    },
    async (req, reply) => {
      const file = await filePart(req);
      const uploaded = await uploadWorkspaceMedia(opts.deps, opts.authOf(req), file, req.query.kind ?? null);
      return reply.status(201).send(uploaded);
    },
  );
}

/** The one `file` part of a multipart request, or 400 saying how to send it. */
export async function filePart(req: FastifyRequest) {
  if (!req.isMultipart()) {
    throw new AppError(
      'invalid',
      'multipart_required',
      'Send the file as multipart/form-data in a part named file.',
    );
  }
  const part = await req.file();
  if (part?.fieldname !== 'file') {
    part?.file.resume();
    throw new AppError('invalid', 'file_required', 'Send the file in a multipart part named file.');
  }
  // Text parts sent before the file (Meta's upload sends `messaging_product` and `type` first).
  const fields: Record<string, string> = {};
  for (const [name, field] of Object.entries(part.fields)) {
    const value = Array.isArray(field) ? field[0] : field;
    if (value && 'value' in value && typeof value.value === 'string') fields[name] = value.value;
  }
  return { filename: part.filename || null, mimeType: part.mimetype, stream: part.file, fields };
}
