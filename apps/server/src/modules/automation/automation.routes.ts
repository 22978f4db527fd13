import {
  AutomationRuleSchema,
  BotSessionSchema,
  BusinessCalendarSchema,
  BusinessHoursSchema,
  FlowRequestSchema,
  FlowSchema,
  RuleInputSchema,
  RuleOrderSchema,
} from '@charla/contracts';
import type { FastifyInstance, FastifyRequest, preHandlerAsyncHookHandler } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { AutomationActor, AutomationDeps } from './automation.deps';
import { clearTeamBusinessHours, getBusinessHours, setBusinessHours } from './calendars/business-hours';
import { getBotSession, startBot, stopBotSession } from './flows/bot-sessions';
import { createFlow, deleteFlow, getFlow, listFlows, publishFlow, saveFlowDraft } from './flows/flows';
import {
  createRule,
  deleteRule,
  getRule,
  listRules,
  reorderRules,
  setRuleEnabled,
  updateRule,
} from './rules/automation-rules';
import { sequencesRoutes } from './sequences/sequences.routes';

export interface AutomationRoutesOptions {
  deps: AutomationDeps;
  requireMember: preHandlerAsyncHookHandler;
  authOf(request: unknown): AutomationActor;
}

/** Business hours of the workspace and its teams, and the automation rules. */
export async function automationRoutes(appIn: FastifyInstance, opts: AutomationRoutesOptions) {
  const app = appIn.withTypeProvider<ZodTypeProvider>();
  const { deps } = opts;
  // Who asks and from which address: changes are recorded in the audit log.
  const authOf = (req: FastifyRequest): AutomationActor => ({ ...opts.authOf(req), ip: req.ip });
  await appIn.register(sequencesRoutes, { ...opts, authOf: (req) => authOf(req as FastifyRequest) });
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
    async (req) => getBusinessHours(deps, authOf(req).workspaceId),
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
    async (req) => setBusinessHours(deps, authOf(req), null, req.body),
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
    async (req) => setBusinessHours(deps, authOf(req), req.params.id, req.body),
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
    async (req) => clearTeamBusinessHours(deps, authOf(req), req.params.id),
  );

  const RuleId = z.object({ id: z.uuid() });
  const Rules = z.object({ rules: z.array(AutomationRuleSchema) });

  app.get(
    '/api/automation/rules',
    {
      preHandler: opts.requireMember,
      schema: { tags, summary: 'The automation rules in the order they run', response: { 200: Rules } },
    },
    async (req) => ({ rules: await listRules(deps, authOf(req).workspaceId) }),
  );

  app.post(
    '/api/automation/rules',
    {
      preHandler: opts.requireMember,
      schema: {
        tags,
        summary: 'Create a rule, last in the order (owners and admins)',
        body: RuleInputSchema,
        response: { 201: AutomationRuleSchema },
      },
    },
    async (req, reply) => reply.status(201).send(await createRule(deps, authOf(req), req.body)),
  );

  app.put(
    '/api/automation/rules/order',
    {
      preHandler: opts.requireMember,
      schema: {
        tags,
        summary: 'Put the rules in the order they run: every rule id once (owners and admins)',
        body: RuleOrderSchema,
        response: { 200: Rules },
      },
    },
    async (req) => ({ rules: await reorderRules(deps, authOf(req), req.body.ids) }),
  );

  app.get(
    '/api/automation/rules/:id',
    {
      preHandler: opts.requireMember,
      schema: { tags, summary: 'One rule', params: RuleId, response: { 200: AutomationRuleSchema } },
    },
    async (req) => getRule(deps, authOf(req).workspaceId, req.params.id),
  );

  app.put(
    '/api/automation/rules/:id',
    {
      preHandler: opts.requireMember,
      schema: {
        tags,
        summary: "Replace a rule's settings; its counts and place stay (owners and admins)",
        params: RuleId,
        body: RuleInputSchema,
        response: { 200: AutomationRuleSchema },
      },
    },
    async (req) => updateRule(deps, authOf(req), req.params.id, req.body),
  );

  app.patch(
    '/api/automation/rules/:id',
    {
      preHandler: opts.requireMember,
      schema: {
        tags,
        summary: 'Turn a rule on or off (owners and admins)',
        params: RuleId,
        body: z.object({ enabled: z.boolean() }),
        response: { 200: AutomationRuleSchema },
      },
    },
    async (req) => setRuleEnabled(deps, authOf(req), req.params.id, req.body.enabled),
  );

  app.delete(
    '/api/automation/rules/:id',
    {
      preHandler: opts.requireMember,
      schema: { tags, summary: 'Delete a rule and its timers (owners and admins)', params: RuleId },
    },
    async (req, reply) => {
      await deleteRule(deps, authOf(req), req.params.id);
      return reply.status(204).send();
    },
  );

  const FlowId = z.object({ id: z.uuid() });

  app.get(
    '/api/flows',
    {
      preHandler: opts.requireMember,
      schema: {
        tags,
        summary: 'The chatbot flows',
        response: { 200: z.object({ flows: z.array(FlowSchema) }) },
      },
    },
    async (req) => ({ flows: await listFlows(deps, authOf(req).workspaceId) }),
  );

  app.post(
    '/api/flows',
    {
      preHandler: opts.requireMember,
      schema: {
        tags,
        summary: 'Create a flow (a draft: start, greeting, end, unless one is given); owners and admins',
        body: FlowRequestSchema,
        response: { 201: FlowSchema },
      },
    },
    async (req, reply) => reply.status(201).send(await createFlow(deps, authOf(req), req.body)),
  );

  app.get(
    '/api/flows/:id',
    {
      preHandler: opts.requireMember,
      schema: { tags, summary: 'One flow', params: FlowId, response: { 200: FlowSchema } },
    },
    async (req) => getFlow(deps, authOf(req).workspaceId, req.params.id),
  );

  app.put(
    '/api/flows/:id',
    {
      preHandler: opts.requireMember,
      schema: {
        tags,
        summary: "Save a flow's name and draft; what runs changes only when published (owners and admins)",
        params: FlowId,
        body: FlowRequestSchema,
        response: { 200: FlowSchema },
      },
    },
    async (req) => saveFlowDraft(deps, authOf(req), req.params.id, req.body),
  );

  app.post(
    '/api/flows/:id/publish',
    {
      preHandler: opts.requireMember,
      schema: {
        tags,
        summary:
          'Publish the draft as the next version; 422 flow_invalid names each node at fault (owners and admins)',
        params: FlowId,
        response: { 200: FlowSchema },
      },
    },
    async (req) => publishFlow(deps, authOf(req), req.params.id),
  );

  app.delete(
    '/api/flows/:id',
    {
      preHandler: opts.requireMember,
      schema: { tags, summary: 'Delete a flow; its running sessions end', params: FlowId },
    },
    async (req, reply) => {
      await deleteFlow(deps, authOf(req), req.params.id);
      return reply.status(204).send();
    },
  );

  const Conversation = z.object({ id: z.uuid() });

  app.get(
    '/api/conversations/:id/bot',
    {
      preHandler: opts.requireMember,
      schema: {
        tags,
        summary: 'The bot running in the conversation (flow, step, what it collected), or null',
        params: Conversation,
        response: { 200: z.object({ session: BotSessionSchema.nullable() }) },
      },
    },
    async (req) => ({ session: await getBotSession(deps, authOf(req), req.params.id) }),
  );

  app.post(
    '/api/conversations/:id/bot/start',
    {
      preHandler: opts.requireMember,
      schema: {
        tags,
        summary:
          "Start a flow's published version in the conversation (it says in the thread if it could not)",
        params: Conversation,
        body: z.object({ flowId: z.uuid() }),
      },
    },
    async (req, reply) => {
      await startBot(deps, authOf(req), req.params.id, req.body.flowId);
      return reply.status(202).send();
    },
  );

  app.post(
    '/api/conversations/:id/bot/stop',
    {
      preHandler: opts.requireMember,
      schema: { tags, summary: 'Stop the bot running in the conversation', params: Conversation },
    },
    async (req, reply) => {
      await stopBotSession(deps, authOf(req), req.params.id);
      return reply.status(204).send();
    },
  );
}
