import { BusinessCalendarSchema, BusinessHoursSchema } from '@charla/contracts';
import type { FastifyInstance, preHandlerAsyncHookHandler } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { AutomationActor, AutomationDeps } from './automation.deps';
import { clearTeamBusinessHours, getBusinessHours, setBusinessHours } from './calendars/business-hours';

export interface AutomationRoutesOptions {
  deps: AutomationDeps;
  requireMember: preHandlerAsyncHookHandler;
  authOf(request: unknown): AutomationActor;
}

/** Business hours of the workspace and its teams (rules and flows come next). */
export async function automationRoutes(appIn: FastifyInstance, opts: AutomationRoutesOptions) {
  const app = appIn.withTypeProvider<ZodTypeProvider>();
  const { deps } = opts;
  const tags = ['automation'];
  const TeamId = z.object({ id: z.uuid() });

  app.get(
    '/api/business-hours',
    {
      preHandler: opts.requireMember,
      schema: {
        tags,
        summary: "The workspace's business hours and each team's own (null: the team keeps the workspace's)",
        response: { 200: BusinessHoursSchema },
      },
    },
    async (req) => getBusinessHours(deps, opts.authOf(req).workspaceId),
  );

  app.put(
    '/api/business-hours',
    {
      preHandler: opts.requireMember,
      schema: {
        tags,
        summary: "Set the workspace's business hours (owners and admins)",
        body: BusinessCalendarSchema,
        response: { 200: BusinessHoursSchema },
      },
    },
    async (req) => setBusinessHours(deps, opts.authOf(req), null, req.body),
  );

  app.put(
    '/api/teams/:id/business-hours',
    {
      preHandler: opts.requireMember,
      schema: {
        tags,
        summary: 'Give a team business hours of its own (owners and admins)',
        params: TeamId,
        body: BusinessCalendarSchema,
        response: { 200: BusinessHoursSchema },
      },
    },
    async (req) => setBusinessHours(deps, opts.authOf(req), req.params.id, req.body),
  );

  app.delete(
    '/api/teams/:id/business-hours',
    {
      preHandler: opts.requireMember,
      schema: {
        tags,
        summary: "The team keeps the workspace's business hours again (owners and admins)",
        params: TeamId,
        response: { 200: BusinessHoursSchema },
      },
    },
    async (req) => clearTeamBusinessHours(deps, opts.authOf(req), req.params.id),
  );
}
