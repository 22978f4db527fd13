import type { TemplateMessage, TemplateValues } from '@charla/contracts';
import type { Query } from '../../../platform/db/database';
import { AppError, notFound } from '../../../platform/errors';
import type { AuthContext } from '../../auth';
import { createContact, normalizePhone } from '../../contacts';
import type { InboxDeps } from '../inbox.deps';
import { workspaceViewer } from './conversation-access';

/**
 * Who a business writes to first, as a member (a new conversation) or the API names them: a known
 * contact by id, or a typed number read as E.164 (national in the workspace's default country),
 * found in any of its forms or added as a new contact; and their conversation with the number,
 * reused or opened.
 */
export type TypedNumber = { phone: string; waId: string; matchKey: string };
export type FoundContact = { id: string | null; optedOut: boolean; number?: TypedNumber };

const EXAMPLE = '+52 55 1234 5678';

/** A typed number as E.164: with its + (or 00), or national in the workspace's default country. */
export function readPhone(raw: string, defaultCountry: string | null, path = 'phone'): TypedNumber {
  // 'ZZ' (no country): only a number written with + or 00 reads.
  const number = normalizePhone(raw, defaultCountry ?? 'ZZ');
  if (number.ok) return number;
  if (number.problem === 'country' && defaultCountry === null) {
    throw invalidPhone(
      raw,
      path,
      `write it with its country code and a leading +, e.g. ${EXAMPLE} (the workspace has no default country for national numbers)`,
    );
  }
  throw invalidPhone(raw, path, `${number.reason}. Example of a valid number: ${EXAMPLE}`);
}

const invalidPhone = (raw: string, path: string, why: string) =>
  new AppError(
    'unprocessable',
    'invalid_phone',
    `"${raw}" is not a phone number WhatsApp can reach: ${why}.`,
    [{ path, message: why }],
  );

export async function findContact(
  query: Query,
  workspaceId: string,
  contactId: string,
): Promise<FoundContact> {
  const [row] = await query<{ id: string; opt_in_state: string }>(
    'SELECT id, opt_in_state FROM contacts WHERE workspace_id = $1 AND id = $2',
    [workspaceId, contactId],
  );
  if (!row) throw notFound('contact');
  return { id: row.id, optedOut: row.opt_in_state === 'opted_out' };
}

/** The contact with this number in any of its forms (the oldest, where a number was split in two). */
export async function findContactByPhone(
  query: Query,
  workspaceId: string,
  number: TypedNumber,
): Promise<FoundContact> {
  const [row] = await query<{ id: string; opt_in_state: string }>(
    `SELECT id, opt_in_state FROM contacts
      WHERE workspace_id = $1 AND (phone_key = $2 OR phone = $3)
      ORDER BY created_at, id LIMIT 1`,
    [workspaceId, number.matchKey, number.phone],
  );
  return row
    ? { id: row.id, optedOut: row.opt_in_state === 'opted_out' }
    : { id: null, optedOut: false, number };
}

/** A typed number no contact has becomes one; a member who added it meanwhile made the one kept. */
export async function addContact(
  deps: InboxDeps,
  actor: Pick<AuthContext, 'workspaceId'> & { userId?: string },
  number: TypedNumber,
  name?: string | null,
): Promise<string> {
  // The API and integrations act as the workspace itself (workspaceViewer), a member as themself.
  const source =
    actor.userId && actor.userId !== workspaceViewer(actor.workspaceId).userId ? 'member' : 'api';
  try {
    return (await createContact(deps, actor, { phone: number.phone, ...(name ? { name } : {}) }, source)).id;
  } catch (error) {
    const existing = error instanceof AppError ? error.details?.contactId : undefined;
    if (existing) return existing;
    throw error;
  }
}

/**
 * The contact of a typed number (any of its forms), or a new one named `name`: for senders that
 * know the customer by phone only (the API, incoming webhook triggers).
 */
export async function findOrAddContact(
  deps: InboxDeps,
  workspaceId: string,
  phone: string,
  opts: { name?: string | null; path?: string } = {},
): Promise<{ id: string; created: boolean }> {
  const [workspace] = await deps.db.query<{ default_country: string | null }>(
    'SELECT default_country FROM workspaces WHERE id = $1',
    [workspaceId],
  );
  const number = readPhone(phone, workspace?.default_country ?? null, opts.path);
  const found = await findContactByPhone(deps.db.query, workspaceId, number);
  if (found.id) return { id: found.id, created: false };
  return { id: await addContact(deps, { workspaceId }, number, opts.name), created: true };
}

/** The customer's conversation with the number; a new one is assigned to `assignee` (null: nobody). */
export async function openConversation(
  query: Query,
  workspaceId: string,
  assignee: string | null,
  channelId: string,
  contactId: string,
  now: Date,
): Promise<{ id: string; created: boolean }> {
  const [created] = await query<{ id: string }>(
    `INSERT INTO conversations (workspace_id, channel_id, contact_id, assignee_user_id, last_activity_at)
     VALUES ($1, $2, $3, $4, $5) ON CONFLICT (channel_id, contact_id) DO NOTHING RETURNING id`,
    [workspaceId, channelId, contactId, assignee, now],
  );
  if (created) return { id: created.id, created: true };
  const [existing] = await query<{ id: string }>(
    'SELECT id FROM conversations WHERE channel_id = $1 AND contact_id = $2',
    [channelId, contactId],
  );
  return { id: existing!.id, created: false };
}

/**
 * Values for variables the template does not have: the send would drop them, so a caller who
 * misspelt a name would send the template without noticing. Every variable it has is filled by
 * now (the send's own check), so the kept values name them all.
 */
export function assertNoUnknownValues(template: TemplateMessage, values: TemplateValues) {
  const known = template.values;
  const unknown = [
    ...Object.keys(values.body)
      .filter((name) => !(name in known.body))
      .map((name) => ({ path: `values.body.${name}`, label: `{{${name}}}` })),
    ...Object.keys(values.buttons)
      .filter((index) => !(index in known.buttons))
      .map((index) => ({
        path: `values.buttons.${index}`,
        label: `a value for button ${Number(index) + 1}`,
      })),
  ];
  if (unknown.length === 0) return;
  const has = Object.keys(known.body).map((name) => `{{${name}}}`);
  throw new AppError(
    'unprocessable',
    'template_values_unknown',
    `The template ${template.name} has no ${unknown.map((u) => u.label).join(', ')}; ${
      has.length > 0 ? `its body variables are ${has.join(', ')}` : 'its body has no variables'
    }.`,
    unknown.map((u) => ({ path: u.path, message: 'Not a variable of this template' })),
  );
}

export function templateValuesOf(v: Partial<TemplateValues> | undefined): TemplateValues {
  return {
    header: v?.header ?? null,
    headerMediaId: v?.headerMediaId ?? null,
    body: v?.body ?? {},
    buttons: v?.buttons ?? {},
  };
}
