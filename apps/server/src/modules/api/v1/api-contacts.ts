import type { Contact, CreateContactRequest } from '@charla/contracts';
import { notFound } from '../../../platform/errors';
import { CONTACT_COLUMNS, type ContactRow, createContact, toContact } from '../../contacts';
import type { ApiCaller, ApiDeps } from '../api.deps';

/** POST /api/v1/contacts: as "New contact" in the app (one customer stays one contact: 409 names the one that has the number). */
export async function createApiContact(
  deps: ApiDeps,
  caller: ApiCaller,
  input: CreateContactRequest,
): Promise<Contact> {
  return createContact(deps.inbox, { workspaceId: caller.workspaceId }, input, 'api');
}

/** GET /api/v1/contacts/:id */
export async function getApiContact(deps: ApiDeps, caller: ApiCaller, id: string): Promise<Contact> {
  const [row] = await deps.db.query<ContactRow & Record<string, unknown>>(
    `SELECT ${CONTACT_COLUMNS} FROM contacts WHERE workspace_id = $1 AND id = $2`,
    [caller.workspaceId, id],
  );
  if (!row) throw notFound('contact');
  return toContact(row);
}
