import {
  TeamRequestSchema,
  TeamSchema,
  UpdateWorkspaceSettingsRequestSchema,
  WorkspaceSettingsSchema,
} from '@charla/contracts';
import type { FastifyInstance, preHandlerAsyncHookHandler } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { AuthDeps } from './auth.deps';
import { authOf } from './auth.guard';
import { createTeam, deleteTeam, listTeams, updateTeam } from './teams';
import { getWorkspaceSettings, updateWorkspaceSettings } from './workspace-settings';

/** Teams (admins manage, every member reads) and the workspace's inbox settings. */
export async function teamsRoutes(
  appIn: FastifyInstance,
  opts: { deps: AuthDeps; requireMember: preHandlerAsyncHookHandler },
) {
  const app = appIn.withTypeProvider<ZodTypeProvider>();
  const { deps, requireMember } = opts;
  const tags = ['teams'];
  const Id = z.object({ id: z.uuid() });

  app.get(
    '/api/teams',
    {
      preHandler: requireMember,
      schema: { tags, response: { 200: z.object({ items: z.array(TeamSchema) }) } },
    },
    async (req) => ({ items: await listTeams(deps, authOf(req).workspaceId) }),
  );
  app.post(
    '/api/teams',
    { preHandler: requireMember, schema: { tags, body: TeamRequestSchema, response: { 201: TeamSchema } } },
    async (req, reply) => reply.status(201).send(await createTeam(deps, authOf(req), req.body)),
  );
  app.put(
    '/api/teams/:id',
    {
      preHandler: requireMember,
      schema: { tags, params: Id, body: TeamRequestSchema, response: { 200: TeamSchema } },
    },
    async (req) => updateTeam(deps, authOf(req), req.params.id, req.body),
  );
  app.delete(
    '/api/teams/:id',
    { preHandler: requireMember, schema: { tags, params: Id } },
    async (req, reply) => {
      await deleteTeam(deps, authOf(req), req.params.id);
      return reply.status(204).send();
    },
  );

  app.get(
    '/api/workspace/settings',
    { preHandler: requireMember, schema: { tags, response: { 200: WorkspaceSettingsSchema } } },
    async (req) => getWorkspaceSettings(deps, authOf(req).workspaceId),
  );
  app.patch(
    '/api/workspace/settings',
    {
      preHandler: requireMember,
      schema: {
        tags,
        body: UpdateWorkspaceSettingsRequestSchema,
        response: { 200: WorkspaceSettingsSchema },
      },
    },
    async (req) => updateWorkspaceSettings(deps, { ...authOf(req), ip: req.ip }, req.body),
  );
}
