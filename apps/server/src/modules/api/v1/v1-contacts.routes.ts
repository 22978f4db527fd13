import {
  ApiAddTagsRequestSchema,
  ApiBulkContactsRequestSchema,
  ApiBulkContactsResultSchema,
  ApiContactAttributesRequestSchema,
  ApiUpdateContactRequestSchema,
  ContactSchema,
  EraseContactResultSchema,
  MAX_BULK_CONTACTS,
} from '@charla/contracts';
import type {} from '@fastify/rate-limit';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { bulkUpsertContacts, type ContactEdit, updateContact } from '../../contacts';
import { eraseContact } from '../../privacy';
import type { ApiCaller, ApiDeps } from '../api.deps';
import { callerOf, createApiKeyGuard } from '../api-key.guard';
import { getApiContact } from './api-contacts';
import { keyedRouteOptions } from './keyed-route';
import { IdempotencyHeader, IdParams, idempotentReplyOf } from './v1-route-kit';

/**
 * Changing contacts with a key: the contact page's edits (name, notes, tags, attributes), consent
 * (source `api`), erasure, and many contacts at once by phone. Each calls the contacts module's
 * use case, as the web app does; each answers the contact as GET /api/v1/contacts/:id does.
 */
export async function v1ContactsRoutes(appIn: FastifyInstance, opts: { deps: ApiDeps; perMinute: number }) {
  const app = appIn.withTypeProvider<ZodTypeProvider>();
  const { deps } = opts;
  const keyed = keyedRouteOptions(createApiKeyGuard(deps), opts.perMinute);
  const idempotentReply = idempotentReplyOf(deps);

  /** The edit, as the key (`by: 'api'`), then the contact as it is now. */
  const edit = async (caller: ApiCaller, id: string, input: ContactEdit) => {
    await updateContact(deps.contacts, caller, id, { ...input, by: 'api' });
    return getApiContact(deps, caller, id);
  };

  app.patch(
    '/api/v1/contacts/:id',
    keyed('contacts:write', 'contacts', {
      summary: 'Change a contact: name, notes, tags (the whole list), attributes (merged; null removes one)',
      params: IdParams,
      body: ApiUpdateContactRequestSchema,
      response: { 200: ContactSchema },
    }),
    async (req) => edit(callerOf(req), req.params.id, req.body),
  );

  app.delete(
    '/api/v1/contacts/:id',
    keyed('contacts:write', 'contacts', {
      summary: 'Erase a contact for good, as Settings does for a data subject’s request',
      description:
        'Its conversations, messages, files, notes and attributes go; its broadcast recipient rows stay without the number or values, so broadcast counts stay; the audit log names the key. Cannot be undone.',
      params: IdParams,
      response: { 200: EraseContactResultSchema },
    }),
    async (req) => {
      const caller = callerOf(req);
      return eraseContact(
        deps.privacy,
        {
          workspaceId: caller.workspaceId,
          apiKey: { id: caller.keyId, name: caller.keyName },
          ip: caller.ip,
        },
        req.params.id,
        null,
      );
    },
  );

  app.post(
    '/api/v1/contacts/:id/tags',
    keyed('contacts:write', 'contacts', {
      summary: 'Put tags on a contact, besides the ones it has (compared without case)',
      headers: IdempotencyHeader,
      params: IdParams,
      body: ApiAddTagsRequestSchema,
      response: { 200: ContactSchema },
    }),
    async (req, reply) =>
      idempotentReply(req, reply, async () => ({
        status: 200,
        body: await edit(callerOf(req), req.params.id, { addTags: req.body.tags }),
      })),
  );

  app.delete(
    '/api/v1/contacts/:id/tags/:tag',
    keyed('contacts:write', 'contacts', {
      summary: 'Take a tag off a contact (compared without case); a tag it lacks changes nothing',
      params: IdParams.extend({ tag: z.string().min(1).max(50) }),
      response: { 200: ContactSchema },
    }),
    async (req) => edit(callerOf(req), req.params.id, { removeTags: [req.params.tag] }),
  );

  app.patch(
    '/api/v1/contacts/:id/attributes',
    keyed('contacts:write', 'contacts', {
      summary: "Set a contact's attributes: merged into its values, null removes one",
      description:
        'Each key is an attribute defined in Settings › Contacts, each value of its type (text and list: string; number; date: YYYY-MM-DD; boolean); 422 invalid_attributes names each one at fault.',
      params: IdParams,
      body: ApiContactAttributesRequestSchema,
      response: { 200: ContactSchema },
    }),
    async (req) => edit(callerOf(req), req.params.id, { attributes: req.body }),
  );

  for (const [path, optIn] of [
    ['opt-in', 'opted_in'],
    ['opt-out', 'opted_out'],
  ] as const)
    app.post(
      `/api/v1/contacts/:id/${path}`,
      keyed('contacts:write', 'contacts', {
        summary:
          optIn === 'opted_in'
            ? 'The contact agreed to receive messages (consent source `api`, with the time)'
            : 'The contact no longer wants messages (consent source `api`, with the time)',
        headers: IdempotencyHeader,
        params: IdParams,
        response: { 200: ContactSchema },
      }),
      async (req, reply) =>
        idempotentReply(req, reply, async () => ({
          status: 200,
          body: await edit(callerOf(req), req.params.id, { optIn }),
        })),
    );

  app.post(
    '/api/v1/contacts/bulk',
    keyed('contacts:write', 'contacts', {
      summary: `Add or update up to ${MAX_BULK_CONTACTS} contacts by phone, answered row by row`,
      description:
        'A number Charla knows in any of its forms updates that contact (name when given, tags added, attributes merged, consent); the others are created. Each row answers created, updated or rejected (with code, reason and field), by its index; the good rows are kept whatever the bad ones are.',
      headers: IdempotencyHeader,
      body: ApiBulkContactsRequestSchema,
      response: { 200: ApiBulkContactsResultSchema },
    }),
    async (req, reply) =>
      idempotentReply(req, reply, async () => ({
        status: 200,
        body: await bulkUpsertContacts(deps.contacts, callerOf(req).workspaceId, req.body.contacts),
      })),
  );
}
