import type { ContactAttributeValue, OptInSource, UpdateContactRequest } from '@charla/contracts';
import { toPgSafeText } from '../../platform/db/pg-safe';
import { AppError, notFound } from '../../platform/errors';
import type { AuthContext } from '../auth';
import { listAttributeDefinitions } from './attribute-definitions';
import { contactChanges } from './contact-changes';
import { contactEvents } from './contact-events';
import { checkAttributeValue } from './contact-values';
import type { ContactsDeps } from './contacts.deps';

/**
 * An edit: the contact page's (`tags` replaces the list), or the API's tag calls, which put tags
 * on (`addTags`) or take them off (`removeTags`) without reading the list first; both compare
 * without case, as rules do. `by` says who edits (a member by default, or an API key): the
 * consent's source and the change's.
 */
export type ContactEdit = UpdateContactRequest & {
  addTags?: string[];
  removeTags?: string[];
  by?: Extract<OptInSource, 'agent' | 'api'>;
};

/**
 * Edits what Charla keeps about a contact. Only this row changes: its conversations and
 * messages point at the contact's id, which never changes. 404 when the workspace has no such contact.
 */
export async function updateContact(
  deps: Pick<ContactsDeps, 'db' | 'clock' | 'contactsChanged' | 'automationEvents'>,
  auth: Pick<AuthContext, 'workspaceId'>,
  contactId: string,
  input: ContactEdit,
): Promise<void> {
  const sets: string[] = [];
  const params: unknown[] = [auth.workspaceId, contactId];
  const set = (column: string, value: unknown, cast = '') => {
    params.push(value);
    sets.push(`${column} = $${params.length}${cast}`);
  };
  if (input.name !== undefined) set('name', input.name ? toPgSafeText(input.name) : null);
  if (input.notes !== undefined) set('notes', input.notes ? toPgSafeText(input.notes) : null);
  if (input.tags !== undefined) set('tags', [...new Set(input.tags.map(toPgSafeText))], '::text[]');
  else if (input.addTags?.length) {
    const seen = new Set<string>();
    const added = input.addTags
      .map((t) => toPgSafeText(t))
      .filter((t) => !seen.has(t.toLowerCase()) && seen.add(t.toLowerCase()));
    params.push(added);
    sets.push(`tags = COALESCE(tags, '{}') || ARRAY(SELECT t FROM unnest($${params.length}::text[]) WITH ORDINALITY AS x(t, i)
      WHERE lower(t) <> ALL(SELECT lower(h) FROM unnest(COALESCE(tags, '{}')) AS h) ORDER BY i)`);
  } else if (input.removeTags?.length) {
    params.push(input.removeTags.map((t) => t.toLowerCase()));
    sets.push(`tags = ARRAY(SELECT t FROM unnest(COALESCE(tags, '{}')) WITH ORDINALITY AS x(t, i)
      WHERE lower(t) <> ALL($${params.length}::text[]) ORDER BY i)`);
  }
  if (input.attributes !== undefined) {
    const { values, removed } = await checkContactAttributes(deps, auth.workspaceId, input.attributes);
    params.push(JSON.stringify(values), removed);
    sets.push(`attributes = (attributes || $${params.length - 1}::jsonb) - $${params.length}::text[]`);
  }
  if (input.optIn !== undefined) {
    set('opt_in_state', input.optIn);
    set('opt_in_source', input.by ?? 'agent');
    set('opt_in_at', deps.clock.now(), '::timestamptz');
  }
  if (sets.length > 0) {
    set('updated_at', deps.clock.now(), '::timestamptz');
    const queued = await deps.db.transaction(async (query) => {
      type State = { tags: string[] | null; attributes: Record<string, unknown> | null };
      // The tags and attributes before, so rules hear only what this edit changed.
      const [before] = await query<State>(
        'SELECT tags, attributes FROM contacts WHERE workspace_id = $1 AND id = $2 FOR UPDATE',
        [auth.workspaceId, contactId],
      );
      if (!before) throw notFound('contact');
      const [after] = await query<State>(
        `UPDATE contacts SET ${sets.join(', ')} WHERE workspace_id = $1 AND id = $2 RETURNING tags, attributes`,
        params,
      );
      const changes = contactChanges(before, after!);
      await contactEvents.emit(query, [
        {
          workspaceId: auth.workspaceId,
          contactId,
          kind: 'updated',
          fields: editedFields(input),
          source: input.by === 'api' ? 'api' : 'member',
          at: deps.clock.now(),
        },
      ]);
      if (changes.length === 0 || !deps.automationEvents) return 0;
      return deps.automationEvents.queue(
        query,
        changes.map((change) => ({ workspaceId: auth.workspaceId, contactId, change })),
      );
    });
    if (queued > 0) deps.automationEvents?.wake();
    await deps.contactsChanged([{ workspaceId: auth.workspaceId, contactId }]);
  } else {
    const found = await deps.db.query('SELECT 1 FROM contacts WHERE workspace_id = $1 AND id = $2', [
      auth.workspaceId,
      contactId,
    ]);
    if (found.length === 0) throw notFound('contact');
  }
}

/**
 * Attribute values as a member or the API sends them, checked against the workspace's
 * definitions (known key, value of its type); null means remove. 422 naming each bad one.
 */
export async function checkContactAttributes(
  deps: Pick<ContactsDeps, 'db'>,
  workspaceId: string,
  input: Record<string, ContactAttributeValue | null>,
): Promise<{ values: Record<string, ContactAttributeValue>; removed: string[] }> {
  const values: Record<string, ContactAttributeValue> = {};
  const removed: string[] = [];
  if (Object.keys(input).length === 0) return { values, removed };
  const definitions = new Map((await listAttributeDefinitions(deps, workspaceId)).map((d) => [d.key, d]));
  const fields: { path: string; message: string }[] = [];
  for (const [key, value] of Object.entries(input)) {
    const def = definitions.get(key);
    if (!def) fields.push({ path: `attributes.${key}`, message: 'unknown attribute' });
    else if (value === null) removed.push(key);
    else {
      const checked = checkAttributeValue(def, value, 'api');
      if (checked.ok) values[key] = checked.value;
      else fields.push({ path: `attributes.${key}`, message: checked.reason });
    }
  }
  if (fields.length > 0)
    throw new AppError(
      'unprocessable',
      'invalid_attributes',
      `Some attributes are not valid: ${fields.map((f) => `${f.path} ${f.message}`).join('; ')}`,
      fields,
    );
  return { values, removed };
}

/** What an edit touched, as `contact.updated` names it. */
function editedFields(input: UpdateContactRequest & { addTags?: unknown; removeTags?: unknown }): string[] {
  const fields: string[] = [];
  if (input.name !== undefined) fields.push('name');
  if (input.notes !== undefined) fields.push('notes');
  if (input.tags !== undefined || input.addTags !== undefined || input.removeTags !== undefined)
    fields.push('tags');
  if (input.attributes !== undefined) fields.push('attributes');
  if (input.optIn !== undefined) fields.push('optIn');
  return fields;
}
