import {
  type ContactFilters,
  ConversationFiltersSchema,
  type SavedView,
  type SavedViewKind,
  type SavedViewRequestSchema,
  type UpdateSavedViewRequestSchema,
} from '@charla/contracts';
import type { z } from 'zod';
import { AppError, notFound } from '../../../platform/errors';
import type { AuthContext } from '../../auth';
import type { InboxDeps } from '../inbox.deps';
import { checkViewFilters } from './view-filters';

type Deps = Pick<InboxDeps, 'db'>;

interface ViewRow {
  id: string;
  kind: SavedViewKind;
  name: string;
  filters: unknown;
  owner_user_id: string | null;
  created_at: Date;
  updated_at: Date;
}

const COLUMNS = 'id, kind, name, filters, owner_user_id, created_at, updated_at';
/** Shared views, and the caller's own. */
const VISIBLE = '(owner_user_id IS NULL OR owner_user_id = $2)';

function toView(r: ViewRow, auth: AuthContext): SavedView {
  const shared = r.owner_user_id === null;
  const base = {
    id: r.id,
    name: r.name,
    shared,
    editable: shared ? auth.role !== 'agent' : r.owner_user_id === auth.userId,
    createdAt: new Date(r.created_at).toISOString(),
    updatedAt: new Date(r.updated_at).toISOString(),
  };
  const filters = typeof r.filters === 'string' ? JSON.parse(r.filters) : r.filters;
  return r.kind === 'conversations'
    ? { ...base, kind: 'conversations', filters: ConversationFiltersSchema.parse(filters) }
    : { ...base, kind: 'contacts', filters: filters as ContactFilters };
}

/** Shared views first, then the caller's own, each by name. */
export async function listSavedViews(
  deps: Deps,
  auth: AuthContext,
  kind: SavedViewKind,
): Promise<SavedView[]> {
  const rows = await deps.db.query<ViewRow & Record<string, unknown>>(
    `SELECT ${COLUMNS} FROM saved_views WHERE workspace_id = $1 AND ${VISIBLE} AND kind = $3
      ORDER BY owner_user_id IS NOT NULL, lower(name), id`,
    [auth.workspaceId, auth.userId, kind],
  );
  return rows.map((r) => toView(r, auth));
}

/**
 * The stored filters of a contact view the caller can see (shared or their own): a broadcast's
 * audience. Always a `ContactFilters` (checked when saved).
 */
export async function contactViewFilters(
  deps: Deps,
  viewer: { workspaceId: string; userId: string },
  viewId: string,
): Promise<{ name: string; filters: ContactFilters }> {
  const [row] = await deps.db.query<{ name: string; filters: ContactFilters }>(
    `SELECT name, filters FROM saved_views
      WHERE workspace_id = $1 AND ${VISIBLE} AND id = $3 AND kind = 'contacts'`,
    [viewer.workspaceId, viewer.userId, viewId],
  );
  if (!row) throw notFound('view');
  return row;
}

const onlyAdminsShare = () =>
  new AppError('forbidden', 'forbidden', 'Only the owner and admins can share views with the workspace.');

export async function createSavedView(
  deps: Deps,
  auth: AuthContext,
  input: z.output<typeof SavedViewRequestSchema>,
): Promise<SavedView> {
  if (input.shared && auth.role === 'agent') throw onlyAdminsShare();
  const filters = await checkViewFilters(deps, auth.workspaceId, input.kind, input.filters);
  const [row] = await deps.db.query<ViewRow & Record<string, unknown>>(
    `INSERT INTO saved_views (workspace_id, kind, name, filters, owner_user_id, created_by_user_id)
     VALUES ($1, $2, $3, $4::jsonb, $5, $6) RETURNING ${COLUMNS}`,
    [
      auth.workspaceId,
      input.kind,
      input.name,
      JSON.stringify(filters),
      input.shared ? null : auth.userId,
      auth.userId,
    ],
  );
  return toView(row as ViewRow, auth);
}

/** A view the caller may change: their own, or (owners and admins) a shared one. Others' personal views are 404. */
async function editableView(deps: Deps, auth: AuthContext, id: string): Promise<ViewRow> {
  const [row] = await deps.db.query<ViewRow & Record<string, unknown>>(
    `SELECT ${COLUMNS} FROM saved_views WHERE workspace_id = $1 AND ${VISIBLE} AND id = $3`,
    [auth.workspaceId, auth.userId, id],
  );
  if (!row) throw notFound('view');
  if (row.owner_user_id === null && auth.role === 'agent')
    throw new AppError('forbidden', 'forbidden', 'Only the owner and admins can change shared views.');
  return row;
}

export async function updateSavedView(
  deps: Deps,
  auth: AuthContext,
  id: string,
  input: z.output<typeof UpdateSavedViewRequestSchema>,
): Promise<SavedView> {
  const current = await editableView(deps, auth, id);
  if (input.shared && auth.role === 'agent') throw onlyAdminsShare();
  const filters =
    input.filters === undefined
      ? null
      : await checkViewFilters(deps, auth.workspaceId, current.kind, input.filters);
  const owner = input.shared === undefined ? current.owner_user_id : input.shared ? null : auth.userId;
  const [row] = await deps.db.query<ViewRow & Record<string, unknown>>(
    `UPDATE saved_views SET name = COALESCE($3, name), filters = COALESCE($4::jsonb, filters),
            owner_user_id = $5, updated_at = now()
      WHERE workspace_id = $1 AND id = $2 RETURNING ${COLUMNS}`,
    [auth.workspaceId, id, input.name ?? null, filters ? JSON.stringify(filters) : null, owner],
  );
  return toView(row as ViewRow, auth);
}

export async function deleteSavedView(deps: Deps, auth: AuthContext, id: string): Promise<void> {
  await editableView(deps, auth, id);
  await deps.db.query('DELETE FROM saved_views WHERE workspace_id = $1 AND id = $2', [auth.workspaceId, id]);
}
