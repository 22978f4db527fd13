import {
  CANNED_VARIABLES,
  type CannedResponse,
  type CannedResponseRequest,
  unknownCannedVariables,
} from '@charla/contracts';
import { AppError, notFound } from '../../../platform/errors';
import type { AuthContext } from '../../auth';
import type { InboxDeps } from '../inbox.deps';

type Actor = Pick<AuthContext, 'userId' | 'workspaceId' | 'role'>;
type Deps = Pick<InboxDeps, 'db' | 'clock'>;

interface CannedRow {
  id: string;
  shortcut: string;
  body: string;
  created_at: Date;
  updated_at: Date;
}

const COLUMNS = 'id, shortcut, body, created_at, updated_at';

const toCanned = (r: CannedRow): CannedResponse => ({
  id: r.id,
  shortcut: r.shortcut,
  body: r.body,
  createdAt: new Date(r.created_at).toISOString(),
  updatedAt: new Date(r.updated_at).toISOString(),
});

function assertCanManage(actor: Actor): void {
  if (actor.role === 'agent') {
    throw new AppError('forbidden', 'forbidden', 'Only the owner or an admin can manage canned responses.');
  }
}

/** Refuses `{{variables}}` Charla cannot fill, naming the field and the allowed list. */
export function assertKnownVariables(body: string): void {
  const unknown = unknownCannedVariables(body);
  if (unknown.length === 0) return;
  const allowed = CANNED_VARIABLES.map((v) => `{{${v}}}`).join(', ');
  const named = unknown.map((v) => `{{${v}}}`).join(', ');
  throw new AppError('invalid', 'unknown_variable', `Unknown variable ${named}. Use one of: ${allowed}.`, [
    { path: 'body', message: `Unknown variable ${named}; allowed: ${allowed}` },
  ]);
}

function isUniqueViolation(err: unknown): boolean {
  const e = err as { code?: string; cause?: { code?: string } };
  return e?.code === '23505' || e?.cause?.code === '23505';
}

const shortcutTaken = () =>
  new AppError('conflict', 'shortcut_taken', 'Another canned response already uses this shortcut.', [
    { path: 'shortcut', message: 'Already used' },
  ]);

export async function listCannedResponses(deps: Deps, workspaceId: string): Promise<CannedResponse[]> {
  const rows = await deps.db.query<CannedRow & Record<string, unknown>>(
    `SELECT ${COLUMNS} FROM canned_responses WHERE workspace_id = $1 ORDER BY shortcut`,
    [workspaceId],
  );
  return rows.map(toCanned);
}

export async function createCannedResponse(
  deps: Deps,
  actor: Actor,
  input: Required<CannedResponseRequest>,
): Promise<CannedResponse> {
  assertCanManage(actor);
  assertKnownVariables(input.body);
  try {
    const [row] = await deps.db.query<CannedRow & Record<string, unknown>>(
      `INSERT INTO canned_responses (workspace_id, shortcut, body, created_by_user_id, created_at, updated_at)
       VALUES ($1, $2, $3, $4, $5, $5) RETURNING ${COLUMNS}`,
      [actor.workspaceId, input.shortcut, input.body, actor.userId, deps.clock.now().toISOString()],
    );
    return toCanned(row!);
  } catch (err) {
    if (isUniqueViolation(err)) throw shortcutTaken();
    throw err;
  }
}

export async function updateCannedResponse(
  deps: Deps,
  actor: Actor,
  id: string,
  input: Required<CannedResponseRequest>,
): Promise<CannedResponse> {
  assertCanManage(actor);
  assertKnownVariables(input.body);
  try {
    const [row] = await deps.db.query<CannedRow & Record<string, unknown>>(
      `UPDATE canned_responses SET shortcut = $3, body = $4, updated_at = $5
        WHERE workspace_id = $1 AND id = $2 RETURNING ${COLUMNS}`,
      [actor.workspaceId, id, input.shortcut, input.body, deps.clock.now().toISOString()],
    );
    if (!row) throw notFound('canned_response');
    return toCanned(row);
  } catch (err) {
    if (isUniqueViolation(err)) throw shortcutTaken();
    throw err;
  }
}

export async function deleteCannedResponse(deps: Deps, actor: Actor, id: string): Promise<void> {
  assertCanManage(actor);
  const rows = await deps.db.query<{ id: string }>(
    'DELETE FROM canned_responses WHERE workspace_id = $1 AND id = $2 RETURNING id',
    [actor.workspaceId, id],
  );
  if (rows.length === 0) throw notFound('canned_response');
}
