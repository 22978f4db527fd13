import type { ContactAttributeDefinition, UpdateContactAttributeRequest } from '@charla/contracts';
import { AppError, notFound } from '../../platform/errors';
import type { AuthContext } from '../auth';
import { type DefinitionRow, requireAdmin, toDefinition } from './contact-view';
import type { ContactsDeps } from './contacts.deps';

type Deps = Pick<ContactsDeps, 'db'>;

/**
 * Renames an attribute or changes a list's options. The key and type stay: contacts' stored
 * values, imports and saved filters depend on them. An option some contacts still hold cannot
 * be removed (their value would no longer be valid); the error says how many hold it.
 */
export async function updateAttributeDefinition(
  deps: Deps,
  auth: AuthContext,
  id: string,
  input: UpdateContactAttributeRequest,
): Promise<ContactAttributeDefinition> {
  requireAdmin(auth, 'change contact attributes');
  const [current] = await deps.db.query<DefinitionRow & Record<string, unknown>>(
    'SELECT id, key, label, type, options FROM contact_attribute_definitions WHERE workspace_id = $1 AND id = $2',
    [auth.workspaceId, id],
  );
  if (!current) throw notFound('attribute');
  let options = current.options;
  if (input.options !== undefined) {
    if (current.type !== 'list')
      throw new AppError('invalid', 'validation_failed', 'Only a list attribute has options.', [
        { path: 'options', message: `a ${current.type} attribute has no options` },
      ]);
    options = [...new Set(input.options)];
    const removed = (current.options ?? []).filter((o) => !options?.includes(o));
    if (removed.length) {
      const used = await deps.db.query<{ value: string; n: number }>(
        `SELECT attributes->>$2 AS value, count(*)::int AS n FROM contacts
          WHERE workspace_id = $1 AND attributes->>$2 = ANY($3::text[]) GROUP BY 1 ORDER BY 1`,
        [auth.workspaceId, current.key, removed],
      );
      if (used.length)
        throw new AppError(
          'conflict',
          'option_in_use',
          `Contacts still hold ${used.map((u) => `"${u.value}" (${u.n})`).join(', ')}; change their value first.`,
          [{ path: 'options', message: `still used: ${used.map((u) => u.value).join(', ')}` }],
        );
    }
  }
  const [row] = await deps.db.query<DefinitionRow & Record<string, unknown>>(
    `UPDATE contact_attribute_definitions SET label = $3, options = $4::jsonb
      WHERE workspace_id = $1 AND id = $2 RETURNING id, key, label, type, options`,
    [auth.workspaceId, id, input.label ?? current.label, options ? JSON.stringify(options) : null],
  );
  return toDefinition(row as DefinitionRow);
}

/** Deletes the attribute and every contact's value of it, in one transaction. */
export async function deleteAttributeDefinition(deps: Deps, auth: AuthContext, id: string): Promise<void> {
  requireAdmin(auth, 'delete contact attributes');
  await deps.db.transaction(async (query) => {
    const [def] = await query<{ key: string }>(
      'DELETE FROM contact_attribute_definitions WHERE workspace_id = $1 AND id = $2 RETURNING key',
      [auth.workspaceId, id],
    );
    if (!def) throw notFound('attribute');
    await query(
      `UPDATE contacts SET attributes = attributes - $2::text, updated_at = now()
        WHERE workspace_id = $1 AND attributes ? $2::text`,
      [auth.workspaceId, def.key],
    );
  });
}
