import type { Contact, CreateContactRequest } from '@charla/contracts';
import { toPgSafeText } from '../../platform/db/pg-safe';
import { AppError } from '../../platform/errors';
import type { AuthContext } from '../auth';
import { contactEvents } from './contact-events';
import { CONTACT_COLUMNS, type ContactRow, toContact } from './contact-view';
import type { ContactsDeps } from './contacts.deps';
import { normalizePhone } from './phone-numbers';
import { checkContactAttributes } from './update-contact';
import { workspaceDefaultCountry } from './workspace-country';

/**
 * A contact added by hand (or by the API): its number is read in `input.country`, else the
 * workspace's default country, unless written with + or 00. A number Charla already knows in
 * any of its forms (Mexico's 521/52, Argentina's 549/54, Brazil's ninth digit) is refused with
 * 409 `contact_exists` naming that contact, so the caller can open it instead of a twin.
 */
export async function createContact(
  deps: Pick<ContactsDeps, 'db' | 'clock' | 'contactsChanged'>,
  auth: Pick<AuthContext, 'workspaceId'>,
  input: CreateContactRequest,
  /** Who added it, for webhooks out's `contact.created`. */
  source: 'member' | 'api' | 'import' = 'member',
): Promise<Contact> {
  const country = input.country ?? (await workspaceDefaultCountry(deps, auth.workspaceId));
  const number = normalizePhone(input.phone, country ?? '');
  if (!number.ok) {
    throw new AppError(
      'unprocessable',
      'invalid_phone',
      `"${input.phone}" is not a phone number: ${number.reason}.`,
      [{ path: 'phone', message: number.reason }],
      { problem: number.problem, ...(country ? { country } : {}) },
    );
  }
  const { values: attributes } = await checkContactAttributes(deps, auth.workspaceId, input.attributes ?? {});
  const now = deps.clock.now();
  const optIn = input.optIn ?? null;
  const contact = await deps.db.transaction(async (query) => {
    // One add at a time per workspace and number: two members adding the same number make one contact.
    await query('SELECT pg_advisory_xact_lock(hashtext($1 || $2))', [auth.workspaceId, number.matchKey]);
    const [existing] = await query<{ id: string }>(
      `SELECT id FROM contacts
        WHERE workspace_id = $1 AND (phone_key = $2 OR phone = $3 OR wa_id = $4)
        ORDER BY created_at, id LIMIT 1`,
      [auth.workspaceId, number.matchKey, number.phone, number.waId],
    );
    if (existing) {
      throw new AppError(
        'conflict',
        'contact_exists',
        `${number.phone} is already the number of contact ${existing.id}.`,
        [{ path: 'phone', message: 'already a contact' }],
        { contactId: existing.id },
      );
    }
    const [row] = await query<ContactRow & Record<string, unknown>>(
      `INSERT INTO contacts (workspace_id, wa_id, phone, name, tags, notes, attributes,
                             opt_in_state, opt_in_source, opt_in_at, created_at, updated_at)
       VALUES ($1, $2, $3, $4, $5::text[], $6, $7::jsonb, $8, $9, $10::timestamptz, $11::timestamptz, $11::timestamptz)
       RETURNING ${CONTACT_COLUMNS}`,
      [
        auth.workspaceId,
        number.waId,
        number.phone,
        input.name ? toPgSafeText(input.name) : null,
        [...new Set((input.tags ?? []).map(toPgSafeText))],
        input.notes ? toPgSafeText(input.notes) : null,
        JSON.stringify(attributes),
        optIn ?? 'unknown',
        optIn ? 'agent' : null,
        optIn ? now : null,
        now,
      ],
    );
    const added = toContact(row!);
    await contactEvents.emit(query, [
      { workspaceId: auth.workspaceId, contactId: added.id, kind: 'created', fields: [], source, at: now },
    ]);
    return added;
  });
  await deps.contactsChanged([{ workspaceId: auth.workspaceId, contactId: contact.id }]);
  return contact;
}
