import {
  ContactAttributeDefinitionSchema,
  ContactImportSchema,
  ContactListSchema,
  type ContactProfile,
  ContactProfileSchema,
  CreateContactAttributeRequestSchema,
  CreateContactRequestSchema,
  OptInStateSchema,
  StartContactImportRequestSchema,
  UpdateContactAttributeRequestSchema,
  UpdateContactRequestSchema,
} from '@charla/contracts';
import multipart from '@fastify/multipart';
import type { FastifyInstance, preHandlerAsyncHookHandler } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { AppError } from '../../platform/errors';
import type { AuthContext } from '../auth';
import { deleteAttributeDefinition, updateAttributeDefinition } from './attribute-definition-edits';
import { createAttributeDefinition, listAttributeDefinitions } from './attribute-definitions';
import { normaliseContactFilters, parseAttributeQuery } from './contact-filters';
import {
  getContactImport,
  MAX_IMPORT_BYTES,
  previewContactImport,
  startContactImport,
} from './contact-imports';
import type { ContactsDeps } from './contacts.deps';
import { createContact } from './create-contact';
import { exportContacts } from './export-contacts';
import { listContacts } from './list-contacts';
import { updateContact } from './update-contact';

export interface ContactsRoutesOptions {
  deps: ContactsDeps;
  requireMember: preHandlerAsyncHookHandler;
  authOf(request: unknown): AuthContext;
  /** The contact as the member may see it, with their conversations (the inbox answers it). */
  profileOf(auth: AuthContext, contactId: string): Promise<ContactProfile>;
}

/** Contacts, their attribute definitions, CSV import and export. Multipart is scoped to this plugin. */
export async function contactsRoutes(appIn: FastifyInstance, opts: ContactsRoutesOptions) {
  const app = appIn.withTypeProvider<ZodTypeProvider>();
  const { deps, requireMember, authOf, profileOf } = opts;
  const tags = ['contacts'];
  const Id = z.object({ id: z.uuid() });
  await app.register(multipart, {
    limits: { files: 1, fields: 2, parts: 3, fieldSize: 1024, fileSize: MAX_IMPORT_BYTES },
  });
  app.addContentTypeParser(
    ['text/csv', 'text/plain', 'application/octet-stream'],
    { parseAs: 'buffer', bodyLimit: MAX_IMPORT_BYTES },
    (_req, body, done) => done(null, body),
  );

  app.get(
    '/api/contacts',
    {
      preHandler: requireMember,
      schema: {
        tags,
        summary:
          'Contacts, newest first, 50 a page; q searches name and phone; tag (repeated, any of), optIn, attr=key:op:value (repeated, all of)',
        querystring: z.object({
          q: z.string().max(200).optional(),
          tag: z.union([z.string().max(50), z.array(z.string().max(50)).max(50)]).optional(),
          optIn: OptInStateSchema.optional(),
          attr: z.union([z.string().max(300), z.array(z.string().max(300)).max(20)]).optional(),
          cursor: z.string().max(200).optional(),
        }),
        response: { 200: ContactListSchema },
      },
    },
    async (req) => {
      const { workspaceId } = authOf(req);
      const { q, tag, optIn, attr, cursor } = req.query;
      const filters = await normaliseContactFilters(deps, workspaceId, {
        q,
        tags: tag === undefined ? undefined : [tag].flat(),
        optIn,
        attributes: parseAttributeQuery(attr),
      });
      return listContacts(deps, workspaceId, { filters, cursor });
    },
  );

  app.post(
    '/api/contacts',
    {
      preHandler: requireMember,
      schema: {
        tags,
        summary:
          'Add a contact by hand: a number without + is read in `country` or the workspace default country; 409 contact_exists (details.contactId) when the number is already a contact',
        body: CreateContactRequestSchema,
        response: { 201: ContactProfileSchema },
      },
    },
    async (req, reply) => {
      const auth = authOf(req);
      const contact = await createContact(deps, auth, req.body);
      return reply.status(201).send(await profileOf(auth, contact.id));
    },
  );

  app.get(
    '/api/contacts/attributes',
    {
      preHandler: requireMember,
      schema: { tags, response: { 200: z.object({ items: z.array(ContactAttributeDefinitionSchema) }) } },
    },
    async (req) => ({ items: await listAttributeDefinitions(deps, authOf(req).workspaceId) }),
  );

  app.post(
    '/api/contacts/attributes',
    {
      preHandler: requireMember,
      schema: {
        tags,
        body: CreateContactAttributeRequestSchema,
        response: { 201: ContactAttributeDefinitionSchema },
      },
    },
    async (req, reply) =>
      reply.status(201).send(await createAttributeDefinition(deps, authOf(req), req.body)),
  );

  app.put(
    '/api/contacts/attributes/:id',
    {
      preHandler: requireMember,
      schema: {
        tags,
        summary: 'Rename an attribute or change its list options (key and type stay)',
        params: Id,
        body: UpdateContactAttributeRequestSchema,
        response: { 200: ContactAttributeDefinitionSchema },
      },
    },
    async (req) => updateAttributeDefinition(deps, authOf(req), req.params.id, req.body),
  );

  app.delete(
    '/api/contacts/attributes/:id',
    {
      preHandler: requireMember,
      schema: { tags, summary: 'Delete an attribute and its values', params: Id },
    },
    async (req, reply) => {
      await deleteAttributeDefinition(deps, authOf(req), req.params.id);
      return reply.status(204).send();
    },
  );

  app.get(
    '/api/contacts/export.csv',
    { preHandler: requireMember, schema: { tags, summary: 'Every contact as CSV (UTF-8 with BOM)' } },
    async (req, reply) => {
      const csv = await exportContacts(deps, authOf(req), req.ip);
      return reply
        .header('content-type', 'text/csv; charset=utf-8')
        .header('content-disposition', 'attachment; filename="contacts.csv"')
        .header('cache-control', 'no-store')
        .send(csv);
    },
  );

  app.post(
    '/api/contacts/imports',
    {
      preHandler: requireMember,
      bodyLimit: MAX_IMPORT_BYTES + 64 * 1024,
      schema: {
        tags,
        summary:
          'Upload a CSV (multipart part `file`, or a text/csv body): answers its columns and first rows',
        consumes: ['multipart/form-data', 'text/csv'],
        response: { 201: ContactImportSchema },
      },
    },
    async (req, reply) => {
      let file: { filename: string | null; bytes: Uint8Array };
      if (req.isMultipart()) {
        const part = await req.file();
        if (part?.fieldname !== 'file') {
          part?.file.resume();
          throw new AppError('invalid', 'file_required', 'Send the CSV in a multipart part named file.');
        }
        const bytes = await part.toBuffer().catch((err: { code?: string }) => {
          if (err.code === 'FST_REQ_FILE_TOO_LARGE')
            throw new AppError(
              'too_large',
              'file_too_large',
              'The file is larger than 5 MB; split it in parts.',
            );
          throw err;
        });
        file = { filename: part.filename || null, bytes };
      } else if (Buffer.isBuffer(req.body)) {
        const name = req.headers['x-filename'];
        file = { filename: typeof name === 'string' ? name : null, bytes: req.body };
      } else {
        throw new AppError(
          'invalid',
          'file_required',
          'Send the CSV as multipart/form-data or as a text/csv body.',
        );
      }
      return reply.status(201).send(await previewContactImport(deps, authOf(req), file));
    },
  );

  app.post(
    '/api/contacts/imports/:id/start',
    {
      preHandler: requireMember,
      schema: {
        tags,
        params: Id,
        body: StartContactImportRequestSchema,
        response: { 202: ContactImportSchema },
      },
    },
    async (req, reply) =>
      reply.status(202).send(await startContactImport(deps, authOf(req), req.params.id, req.body)),
  );

  app.get(
    '/api/contacts/imports/:id',
    { preHandler: requireMember, schema: { tags, params: Id, response: { 200: ContactImportSchema } } },
    async (req) => getContactImport(deps, authOf(req).workspaceId, req.params.id),
  );

  app.patch(
    '/api/contacts/:id',
    {
      preHandler: requireMember,
      schema: { tags, params: Id, body: UpdateContactRequestSchema, response: { 200: ContactProfileSchema } },
    },
    async (req) => {
      const auth = authOf(req);
      await updateContact(deps, auth, req.params.id, req.body);
      return profileOf(auth, req.params.id);
    },
  );
}
