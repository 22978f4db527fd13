import type { Contact, ContactAttributeDefinition, ContactAttributeValue } from '@charla/contracts';
import { AppError } from '../../platform/errors';
import type { AuthContext } from '../auth';

export const CONTACT_COLUMNS = `id, name, profile_name, phone, wa_id, user_id, username, source_id, source_url, tags, attributes, notes,
  opt_in_state, opt_in_source, opt_in_at, created_at, updated_at`;

export interface ContactRow {
  id: string;
  name: string | null;
  profile_name: string | null;
  phone: string | null;
  wa_id: string | null;
  user_id: string | null;
  username: string | null;
  source_id: string | null;
  source_url: string | null;
  tags: string[] | null;
  attributes: Record<string, ContactAttributeValue> | null;
  notes: string | null;
  opt_in_state: Contact['optIn']['state'];
  opt_in_source: Contact['optIn']['source'];
  opt_in_at: Date | string | null;
  created_at: Date | string;
  updated_at: Date | string;
}

const iso = (d: Date | string) => new Date(d).toISOString();

export function toContact(r: ContactRow): Contact {
  return {
    id: r.id,
    name: r.name,
    profileName: r.profile_name,
    phone: r.phone,
    waId: r.wa_id,
    userId: r.user_id,
    username: r.username,
    adSource: r.source_id || r.source_url ? { id: r.source_id, url: r.source_url } : null,
    tags: r.tags ?? [],
    attributes: r.attributes ?? {},
    notes: r.notes,
    optIn: { state: r.opt_in_state, source: r.opt_in_source, at: r.opt_in_at ? iso(r.opt_in_at) : null },
    createdAt: iso(r.created_at),
    updatedAt: iso(r.updated_at),
  };
}

export interface DefinitionRow {
  id: string;
  key: string;
  label: string;
  type: ContactAttributeDefinition['type'];
  options: string[] | null;
}

export const toDefinition = (r: DefinitionRow): ContactAttributeDefinition => ({
  id: r.id,
  key: r.key,
  label: r.label,
  type: r.type,
  options: r.options ?? null,
});

/** Imports, exports and attribute definitions change or copy the whole address book. */
export function requireAdmin(auth: AuthContext, what: string): void {
  if (auth.role === 'agent')
    throw new AppError('forbidden', 'forbidden', `Only the owner and admins can ${what}.`);
}
