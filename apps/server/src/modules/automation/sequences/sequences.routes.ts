import {
  EnrollRequestSchema,
  EnrollResultSchema,
  SequenceEnrollmentSchema,
  SequenceInputSchema,
  SequenceSchema,
} from '@charla/contracts';
import type { FastifyInstance, preHandlerAsyncHookHandler } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { AutomationActor, AutomationDeps } from '../automation.deps';
import { cancelEnrollment, enrollContacts, listEnrollments } from './sequence-enrollments';
import { createSequence, deleteSequence, getSequence, listSequences, updateSequence } from './sequences';

export interface SequencesRoutesOptions {
  deps: AutomationDeps;
  requireMember: preHandlerAsyncHookHandler;
  authOf(request: unknown): AutomationActor;
}

/** Drip sequences and their enrolments: every member reads them; owners and admins change them. */
export async function sequencesRoutes(appIn: FastifyInstance, opts: SequencesRoutesOptions) {
  const app = appIn.withTypeProvider<ZodTypeProvider>();
  const { deps, requireMember } = opts;
  const tags = ['automation'];
  const Id = z.object({ id: z.uuid() });

  app.get(
    '/api/sequences',
    {
      preHandler: requireMember,
      schema: {
        tags,
        summary:
          'The drip sequences, with how many contacts are in each, finished, or stopped by reply or opt-out',
        response: { 200: z.object({ sequences: z.array(SequenceSchema) }) },
      },
    },
    async (req) => ({ sequences: await listSequences(deps, opts.authOf(req).workspaceId) }),
  );

  app.post(
    '/api/sequences',
    {
      preHandler: requireMember,
      schema: {
        tags,
        summary: 'Create a sequence; 422 invalid_sequence names each field at fault (owners and admins)',
        body: SequenceInputSchema,
        response: { 201: SequenceSchema },
      },
    },
    async (req, reply) => reply.status(201).send(await createSequence(deps, opts.authOf(req), req.body)),
  );

  app.get(
    '/api/sequences/:id',
    {
      preHandler: requireMember,
      schema: { tags, summary: 'One sequence', params: Id, response: { 200: SequenceSchema } },
    },
    async (req) => getSequence(deps, opts.authOf(req).workspaceId, req.params.id),
  );

  app.put(
    '/api/sequences/:id',
    {
      preHandler: requireMember,
      schema: {
        tags,
        summary: "Replace a sequence's settings; contacts in it go on from their step (owners and admins)",
        params: Id,
        body: SequenceInputSchema,
        response: { 200: SequenceSchema },
      },
    },
    async (req) => updateSequence(deps, opts.authOf(req), req.params.id, req.body),
  );

  app.delete(
    '/api/sequences/:id',
    {
      preHandler: requireMember,
      schema: { tags, summary: 'Delete a sequence and its enrolments (owners and admins)', params: Id },
    },
    async (req, reply) => {
      await deleteSequence(deps, opts.authOf(req), req.params.id);
      return reply.status(204).send();
    },
  );

  app.get(
    '/api/sequences/:id/enrollments',
    {
      preHandler: requireMember,
      schema: {
        tags,
        summary: "The sequence's enrolments, newest first (the latest 500)",
        params: Id,
        response: { 200: z.object({ enrollments: z.array(SequenceEnrollmentSchema) }) },
      },
    },
    async (req) => ({
      enrollments: await listEnrollments(deps, opts.authOf(req).workspaceId, req.params.id),
    }),
  );

  app.post(
    '/api/sequences/:id/enrollments',
    {
      preHandler: requireMember,
      schema: {
        tags,
        summary:
          'Enrol contacts: contactIds (up to 1,000), a contact tag or a conversation label; says how many were already in it (owners and admins)',
        params: Id,
        body: EnrollRequestSchema,
        response: { 200: EnrollResultSchema },
      },
    },
    async (req) => enrollContacts(deps, opts.authOf(req), req.params.id, req.body),
  );

  app.delete(
    '/api/sequences/:id/enrollments/:enrollmentId',
    {
      preHandler: requireMember,
      schema: {
        tags,
        summary: 'Take a contact out of the sequence: nothing more is sent (owners and admins)',
        params: z.object({ id: z.uuid(), enrollmentId: z.uuid() }),
      },
    },
    async (req, reply) => {
      await cancelEnrollment(deps, opts.authOf(req), req.params.id, req.params.enrollmentId);
      return reply.status(204).send();
    },
  );
}
