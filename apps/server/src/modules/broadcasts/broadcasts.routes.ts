import { Readable } from 'node:stream';
import {
  AudiencePreviewRequestSchema,
  AudiencePreviewSchema,
  BroadcastListSchema,
  BroadcastRecipientListSchema,
  BroadcastRecipientsQuerySchema,
  BroadcastSchema,
  CreateBroadcastRequestSchema,
  CsvAudienceUploadSchema,
  NumberLimitsSchema,
  RetryLimitedResultSchema,
  TestSendRequestSchema,
  UpdateBroadcastRequestSchema,
} from '@charla/contracts';
import multipart from '@fastify/multipart';
import type { FastifyInstance, preHandlerAsyncHookHandler } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { AppError } from '../../platform/errors';
import type { AuthContext } from '../auth';
import { type BroadcastAction, changeBroadcastStatus } from './broadcast-actions';
import { getBroadcast, listBroadcasts } from './broadcast-view';
import type { BroadcastsDeps } from './broadcasts.deps';
import { setChannelRate } from './channel-rate';
import { uploadCsvAudience } from './csv-audience';
import { exportRecipients, listRecipients } from './list-recipients';
import { MessagingLimit } from './messaging-limit';
import { getNumberLimits } from './number-limits';
import { previewAudience } from './preview-audience';
import { retryLimitedNow } from './retry-limited-now';
import { assertManager, createBroadcast, deleteBroadcast, updateBroadcast } from './save-broadcast';
import { testSend } from './test-send';

const MAX_CSV_BYTES = 20 * 1024 * 1024;

export interface BroadcastsRoutesOptions {
  deps: BroadcastsDeps;
  requireMember: preHandlerAsyncHookHandler;
  authOf(request: unknown): AuthContext;
  /** Wakes the engine when a broadcast resumes. */
  poke(): void;
}

/** Broadcasts: owners and admins manage them; agents may look at them and their results. */
export async function broadcastsRoutes(appIn: FastifyInstance, opts: BroadcastsRoutesOptions) {
  const app = appIn.withTypeProvider<ZodTypeProvider>();
  const { deps, requireMember, authOf } = opts;
  const tags = ['broadcasts'];
  const Id = z.object({ id: z.uuid() });
  await app.register(multipart, {
    limits: { files: 1, fields: 3, parts: 4, fieldSize: 1024, fileSize: MAX_CSV_BYTES },
  });

  app.get(
    '/api/broadcasts',
    { preHandler: requireMember, schema: { tags, response: { 200: BroadcastListSchema } } },
    async (req) => listBroadcasts(deps, authOf(req).workspaceId),
  );

  app.post(
    '/api/broadcasts',
    {
      preHandler: requireMember,
      schema: { tags, body: CreateBroadcastRequestSchema, response: { 201: BroadcastSchema } },
    },
    async (req, reply) => reply.status(201).send(await createBroadcast(deps, authOf(req), req.body)),
  );

  app.post(
    '/api/broadcasts/audience-preview',
    {
      preHandler: requireMember,
      schema: { tags, body: AudiencePreviewRequestSchema, response: { 200: AudiencePreviewSchema } },
    },
    async (req) => previewAudience(deps, authOf(req), req.body),
  );

  app.post(
    '/api/broadcasts/csv-audiences',
    {
      preHandler: requireMember,
      bodyLimit: MAX_CSV_BYTES + 64 * 1024,
      schema: {
        tags,
        summary:
          'Upload a CSV audience (multipart: `file`, `defaultCountry`): a phone column plus any others',
        consumes: ['multipart/form-data'],
        response: { 201: CsvAudienceUploadSchema },
      },
    },
    async (req, reply) => {
      if (!req.isMultipart())
        throw new AppError(
          'invalid',
          'file_required',
          'Send the CSV as multipart/form-data with a part named file.',
        );
      let file: { filename: string | null; bytes: Uint8Array } | null = null;
      let defaultCountry = '';
      for await (const part of req.parts()) {
        if (part.type === 'file') {
          if (part.fieldname !== 'file') {
            part.file.resume();
            continue;
          }
          const bytes = await part.toBuffer().catch((err: { code?: string }) => {
            if (err.code === 'FST_REQ_FILE_TOO_LARGE')
              throw new AppError(
                'too_large',
                'file_too_large',
                'The file is larger than 20 MB; split it in parts.',
              );
            throw err;
          });
          file = { filename: part.filename || null, bytes };
        } else if (part.fieldname === 'defaultCountry') defaultCountry = String(part.value);
      }
      if (!file)
        throw new AppError('invalid', 'file_required', 'Send the CSV in a multipart part named file.');
      return reply.status(201).send(await uploadCsvAudience(deps, authOf(req), file, defaultCountry));
    },
  );

  app.post(
    '/api/broadcasts/test-send',
    {
      preHandler: requireMember,
      schema: {
        tags,
        body: TestSendRequestSchema,
        response: { 202: z.object({ to: z.string(), externalId: z.string() }) },
      },
    },
    async (req, reply) => reply.status(202).send(await testSend(deps, authOf(req), req.body)),
  );

  app.put(
    '/api/broadcasts/channels/:channelId/rate',
    {
      preHandler: requireMember,
      schema: {
        tags,
        summary: "A number's broadcast pace in messages per second (1 to 1,000)",
        params: z.object({ channelId: z.uuid() }),
        body: z.object({ ratePerSecond: z.number().int().min(1).max(1000) }),
        response: { 200: z.object({ channelId: z.string(), ratePerSecond: z.number().int() }) },
      },
    },
    async (req) =>
      setChannelRate(deps, { ...authOf(req), ip: req.ip }, req.params.channelId, req.body.ratePerSecond),
  );

  // Its own cache: a look here asks WhatsApp afresh and must not wait on the sender's.
  const limit = new MessagingLimit(deps);
  app.get(
    '/api/broadcasts/channels/:channelId/limits',
    {
      preHandler: requireMember,
      schema: {
        tags,
        summary: "A number's messaging-limit tier, what is left of its 24 h allowance, throughput and pace",
        params: z.object({ channelId: z.uuid() }),
        response: { 200: NumberLimitsSchema },
      },
    },
    async (req) => getNumberLimits(deps, limit, authOf(req).workspaceId, req.params.channelId),
  );

  app.get(
    '/api/broadcasts/:id',
    { preHandler: requireMember, schema: { tags, params: Id, response: { 200: BroadcastSchema } } },
    async (req) => getBroadcast(deps, authOf(req).workspaceId, req.params.id),
  );

  app.put(
    '/api/broadcasts/:id',
    {
      preHandler: requireMember,
      schema: { tags, params: Id, body: UpdateBroadcastRequestSchema, response: { 200: BroadcastSchema } },
    },
    async (req) => updateBroadcast(deps, authOf(req), req.params.id, req.body),
  );

  app.delete(
    '/api/broadcasts/:id',
    { preHandler: requireMember, schema: { tags, params: Id } },
    async (req, reply) => {
      await deleteBroadcast(deps, authOf(req), req.params.id);
      return reply.status(204).send();
    },
  );

  for (const action of ['start', 'pause', 'resume', 'cancel'] as BroadcastAction[]) {
    app.post(
      `/api/broadcasts/:id/${action}`,
      { preHandler: requireMember, schema: { tags, params: Id, response: { 200: BroadcastSchema } } },
      async (req) => changeBroadcastStatus(deps, authOf(req), req.params.id, action, opts.poke),
    );
  }

  app.post(
    '/api/broadcasts/:id/retry-limited',
    {
      preHandler: requireMember,
      schema: {
        tags,
        summary:
          'Send again now to the recipients WhatsApp limited (131049); completed or paused broadcasts only',
        params: Id,
        response: { 200: RetryLimitedResultSchema },
      },
    },
    async (req) => retryLimitedNow(deps, authOf(req), req.params.id, opts.poke),
  );

  app.get(
    '/api/broadcasts/:id/recipients',
    {
      preHandler: requireMember,
      schema: {
        tags,
        params: Id,
        querystring: BroadcastRecipientsQuerySchema,
        response: { 200: BroadcastRecipientListSchema },
      },
    },
    async (req) => listRecipients(deps, authOf(req).workspaceId, req.params.id, req.query),
  );

  app.get(
    '/api/broadcasts/:id/recipients.csv',
    {
      preHandler: requireMember,
      schema: { tags, params: Id, summary: 'Every recipient and its result as CSV' },
    },
    async (req, reply) => {
      const auth = authOf(req);
      assertManager(auth);
      const lines = exportRecipients(deps, auth.workspaceId, req.params.id);
      // The first chunk checks the broadcast exists (a 404 before any byte is sent).
      const first = await lines.next();
      const rest = Readable.from(
        (async function* () {
          if (!first.done) yield first.value;
          yield* lines;
        })(),
      );
      return reply
        .header('content-type', 'text/csv; charset=utf-8')
        .header('content-disposition', `attachment; filename="broadcast-${req.params.id}.csv"`)
        .header('cache-control', 'no-store')
        .send(rest);
    },
  );
}
