import { ConversationFiltersSchema, type SavedViewKind } from '@charla/contracts';
import { AppError } from '../../../platform/errors';
import { normaliseContactFilters } from '../../contacts';
import type { InboxDeps } from '../inbox.deps';

/** Conversation filters must parse and name a label of this workspace; contact filters go through normaliseContactFilters. */
export async function checkViewFilters(
  deps: Pick<InboxDeps, 'db'>,
  workspaceId: string,
  kind: SavedViewKind,
  raw: unknown,
) {
  if (kind === 'contacts') return normaliseContactFilters(deps, workspaceId, raw);
  const parsed = ConversationFiltersSchema.strict().safeParse(raw);
  if (!parsed.success)
    throw new AppError(
      'invalid',
      'validation_failed',
      'The view filters are not valid inbox filters.',
      parsed.error.issues.map((i) => ({ path: ['filters', ...i.path].join('.'), message: i.message })),
    );
  if (parsed.data.label) {
    const [label] = await deps.db.query('SELECT 1 FROM labels WHERE workspace_id = $1 AND id = $2', [
      workspaceId,
      parsed.data.label,
    ]);
    if (!label)
      throw new AppError(
        'invalid',
        'validation_failed',
        'The view filters name a label that does not exist.',
        [{ path: 'filters.label', message: 'no such label' }],
      );
  }
  return parsed.data;
}
