import type { Label, LabelRequest } from '@charla/contracts';
import { AppError, notFound } from '../../../platform/errors';
import type { AuthContext } from '../../auth';
import { requireAdmin } from '../../contacts';
import type { InboxDeps } from '../inbox.deps';

type Deps = Pick<InboxDeps, 'db' | 'notify'>;

const taken = (name: string) =>
  new AppError('conflict', 'label_exists', `A label named "${name}" exists already.`, [
    { path: 'name', message: 'already used' },
  ]);

export async function listLabels(deps: Pick<InboxDeps, 'db'>, workspaceId: string): Promise<Label[]> {
  return deps.db.query<Label & Record<string, unknown>>(
    'SELECT id, name, color FROM labels WHERE workspace_id = $1 ORDER BY lower(name)',
    [workspaceId],
  );
}

/** Owners and admins define the labels; every member applies them. */
export async function createLabel(
  deps: Deps,
  auth: AuthContext,
  input: Required<LabelRequest>,
): Promise<Label> {
  requireAdmin(auth, 'create labels');
  const [row] = await deps.db.query<Label & Record<string, unknown>>(
    `INSERT INTO labels (workspace_id, name, color) VALUES ($1, $2, $3)
     ON CONFLICT (workspace_id, lower(name)) DO NOTHING RETURNING id, name, color`,
    [auth.workspaceId, input.name, input.color],
  );
  if (!row) throw taken(input.name);
  return row;
}

export async function updateLabel(
  deps: Deps,
  auth: AuthContext,
  id: string,
  input: Required<LabelRequest>,
): Promise<Label> {
  requireAdmin(auth, 'change labels');
  const [clash] = await deps.db.query(
    'SELECT 1 FROM labels WHERE workspace_id = $1 AND lower(name) = lower($2) AND id <> $3',
    [auth.workspaceId, input.name, id],
  );
  if (clash) throw taken(input.name);
  const [row] = await deps.db.query<Label & Record<string, unknown>>(
    'UPDATE labels SET name = $3, color = $4 WHERE workspace_id = $1 AND id = $2 RETURNING id, name, color',
    [auth.workspaceId, id, input.name, input.color],
  );
  if (!row) throw notFound('label');
  await notifyLabelled(deps, auth.workspaceId, id);
  return row;
}

/** Deleting a label takes it off every conversation (their chips update live). */
export async function deleteLabel(deps: Deps, auth: AuthContext, id: string): Promise<void> {
  requireAdmin(auth, 'delete labels');
  const [label] = await deps.db.query('SELECT 1 FROM labels WHERE workspace_id = $1 AND id = $2', [
    auth.workspaceId,
    id,
  ]);
  if (!label) throw notFound('label');
  const conversations = await deps.db.query<{ conversation_id: string }>(
    'SELECT conversation_id FROM conversation_labels WHERE label_id = $1 LIMIT 500',
    [id],
  );
  await deps.db.query('DELETE FROM labels WHERE workspace_id = $1 AND id = $2', [auth.workspaceId, id]);
  await notifyConversations(deps, auth.workspaceId, conversations);
}

async function notifyLabelled(deps: Deps, workspaceId: string, labelId: string) {
  const conversations = await deps.db.query<{ conversation_id: string }>(
    'SELECT conversation_id FROM conversation_labels WHERE label_id = $1 LIMIT 500',
    [labelId],
  );
  await notifyConversations(deps, workspaceId, conversations);
}

async function notifyConversations(deps: Deps, workspaceId: string, rows: { conversation_id: string }[]) {
  if (rows.length === 0) return;
  await deps.notify(
    rows.map((r) => ({
      kind: 'conversation.updated' as const,
      workspaceId,
      conversationId: r.conversation_id,
    })),
  );
}
