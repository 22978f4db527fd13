import { ApiKeySchema, CreateApiKeyRequestSchema, CreatedApiKeySchema } from '@charla/contracts';
import type { FastifyInstance, preHandlerAsyncHookHandler } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { ApiDeps, KeyManager } from './api.deps';
import { createApiKey } from './keys/create-api-key';
import { listApiKeys } from './keys/list-api-keys';
import { revokeApiKey } from './keys/revoke-api-key';

export interface ApiKeysRoutesOptions {
  deps: ApiDeps;
  requireMember: preHandlerAsyncHookHandler;
  authOf(request: unknown): Omit<KeyManager, 'ip'>;
}

/** Settings › API keys: owners and admins make keys (shown once), list them and revoke them. */
export async function apiKeysRoutes(appIn: FastifyInstance, opts: ApiKeysRoutesOptions) {
  const app = appIn.withTypeProvider<ZodTypeProvider>();
  const { deps } = opts;
  const tags = ['api-keys'];
  const actorOf = (req: { ip: string }): KeyManager => ({ ...opts.authOf(req), ip: req.ip });

  app.get(
    '/api/api-keys',
    {
      preHandler: opts.requireMember,
      schema: {
        tags,
        summary: "The workspace's API keys, newest first",
        response: { 200: z.array(ApiKeySchema) },
      },
    },
    async (req) => listApiKeys(deps, actorOf(req)),
  );

  app.post(
    '/api/api-keys',
    {
      preHandler: opts.requireMember,
      schema: {
        tags,
        summary: 'A new API key; the answer holds the key itself, shown this once',
        body: CreateApiKeyRequestSchema,
        response: { 201: CreatedApiKeySchema },
      },
    },
    async (req, reply) => reply.status(201).send(await createApiKey(deps, actorOf(req), req.body)),
  );

  app.delete(
    '/api/api-keys/:id',
    {
      preHandler: opts.requireMember,
      schema: {
        tags,
        summary: 'Revoke a key: its next request answers 401',
        params: z.object({ id: z.uuid() }),
        response: { 200: ApiKeySchema },
      },
    },
    async (req) => revokeApiKey(deps, actorOf(req), req.params.id),
  );
}
