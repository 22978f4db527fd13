import { Readable } from 'node:stream';
import { EraseContactRequestSchema, EraseContactResultSchema } from '@charla/contracts';
import type { FastifyInstance, preHandlerAsyncHookHandler } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { eraseContact } from './erase-contact';
import { exportContactData } from './export-contact-data';
import type { PrivacyActor, PrivacyDeps } from './privacy.deps';

export interface PrivacyRoutesOptions {
  deps: PrivacyDeps;
  requireMember: preHandlerAsyncHookHandler;
  authOf(request: unknown): Omit<PrivacyActor, 'ip'>;
}

/** A data subject's rights over one contact: a copy of everything, and erasure. Owners and admins. */
export async function privacyRoutes(appIn: FastifyInstance, opts: PrivacyRoutesOptions) {
  const app = appIn.withTypeProvider<ZodTypeProvider>();
  const { deps } = opts;
  const tags = ['contacts'];
  const Id = z.object({ id: z.uuid() });
  const actorOf = (req: { ip: string }): PrivacyActor => ({ ...opts.authOf(req), ip: req.ip });

  app.get(
    '/api/contacts/:id/export',
    {
      preHandler: opts.requireMember,
      schema: {
        tags,
        summary: 'Everything stored about the contact: a zip of contact.json and its files under media/',
        params: Id,
      },
    },
    async (req, reply) => {
      const { filename, stream } = await exportContactData(deps, actorOf(req), req.params.id);
      return reply
        .header('content-type', 'application/zip')
        .header('content-disposition', `attachment; filename="${filename}"`)
        .header('cache-control', 'no-store')
        .send(Readable.from(stream));
    },
  );

  app.post(
    '/api/contacts/:id/erase',
    {
      preHandler: opts.requireMember,
      schema: {
        tags,
        summary:
          'Erase the contact for good: conversations, messages, files, notes, attributes; `confirm` is its phone number or name typed back',
        params: Id,
        body: EraseContactRequestSchema,
        response: { 200: EraseContactResultSchema },
      },
    },
    async (req) => eraseContact(deps, actorOf(req), req.params.id, req.body.confirm),
  );
}
