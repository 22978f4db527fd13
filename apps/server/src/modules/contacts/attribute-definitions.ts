import type { ContactAttributeDefinition, CreateContactAttributeRequest } from '@charla/contracts';
import { AppError } from '../../platform/errors';
import type { AuthContext } from '../auth';
import { type DefinitionRow, requireAdmin, toDefinition } from './contact-view';
import type { ContactsDeps } from './contacts.deps';

type Deps = Pick<ContactsDeps, 'db'>;

export async function listAttributeDefinitions(
  deps: Deps,
  workspaceId: string,
): Promise<ContactAttributeDefinition[]> {
  const rows = await deps.db.query<DefinitionRow & Record<string, unknown>>(
    `SELECT id, key, label, type, options FROM contact_attribute_definitions
      WHERE workspace_id = $1 ORDER BY created_at, key`,
    [workspaceId],
  );
  return rows.map(toDefinition);
}

export async function createAttributeDefinition(
  deps: Deps,
  auth: AuthContext,
  input: CreateContactAttributeRequest,
): Promise<ContactAttributeDefinition> {
  requireAdmin(auth, 'define contact attributes');
  if (input.type === 'list' && !input.options?.length)
    throw new AppError('invalid', 'validation_failed', 'A list attribute needs its options.', [
      { path: 'options', message: 'give at least one option' },
    ]);
  const options = input.type === 'list' ? [...new Set(input.options)] : null;
  const [row] = await deps.db.query<DefinitionRow & Record<string, unknown>>(
    `INSERT INTO contact_attribute_definitions (workspace_id, key, label, type, options)
     VALUES ($1, $2, $3, $4, $5::jsonb)
     ON CONFLICT (workspace_id, key) DO NOTHING
     RETURNING id, key, label, type, options`,
    [auth.workspaceId, input.key, input.label, input.type, options ? JSON.stringify(options) : null],
  );
  if (!row)
    throw new AppError('conflict', 'attribute_exists', `An attribute with the key "${input.key}" exists.`, [
      { path: 'key', message: 'already used' },
    ]);
  return toDefinition(row);
}
