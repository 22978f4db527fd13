import type { Broadcast, CreateBroadcastRequest } from '@charla/contracts';
import { AppError } from '../../platform/errors';
import type { AuthContext } from '../auth';
import { checkBroadcastInput } from './broadcast-input';
import { findBroadcastRow, getBroadcast } from './broadcast-view';
import type { BroadcastsDeps } from './broadcasts.deps';
import { PREPARE_BROADCAST_JOB } from './prepare-broadcast';
import { assertNumberConnected } from './stop-number-broadcasts';

/** A member, or an API key (`userId` null: no author). */
type Actor = Pick<AuthContext, 'workspaceId' | 'role'> & { userId: string | null };

export function assertManager(actor: Pick<AuthContext, 'role'>) {
  if (actor.role === 'agent')
    throw new AppError('forbidden', 'forbidden', 'Only owners and admins manage broadcasts.');
}

/** The status an action leads to, and when a schedule is missing or in the past, why not. */
function statusFor(
  deps: BroadcastsDeps,
  request: CreateBroadcastRequest,
): 'draft' | 'scheduled' | 'preparing' {
  if (request.action === 'draft') return 'draft';
  if (request.action === 'send_now') return 'preparing';
  if (!request.scheduledAt)
    throw new AppError(
      'invalid',
      'validation_failed',
      'Choose when to send it: scheduledAt is required to schedule.',
      [{ path: 'scheduledAt', message: 'required for action schedule' }],
    );
  if (new Date(request.scheduledAt).getTime() < deps.clock.now().getTime() - 60_000)
    throw new AppError(
      'invalid',
      'validation_failed',
      'The scheduled time is in the past: pick a later one or send now.',
      [{ path: 'scheduledAt', message: 'in the past' }],
    );
  return 'scheduled';
}

/** Queues the start: at once, or at the scheduled time (a pg-boss job survives restarts). */
async function queueStart(deps: BroadcastsDeps, id: string, status: string, scheduledAt: string | null) {
  if (status === 'draft') return;
  const delay =
    status === 'scheduled' && scheduledAt
      ? (new Date(scheduledAt).getTime() - deps.clock.now().getTime()) / 1000
      : 0;
  await deps.jobs.send(
    PREPARE_BROADCAST_JOB,
    { broadcastId: id },
    { startAfterSeconds: Math.max(0, Math.ceil(delay)) },
  );
}

export async function createBroadcast(
  deps: BroadcastsDeps,
  actor: Actor,
  request: CreateBroadcastRequest,
  /** The id to give it (an API request's, so its retry finds it instead of making a twin). */
  id?: string,
): Promise<Broadcast> {
  assertManager(actor);
  if (id) {
    const [made] = await deps.db.query('SELECT 1 FROM broadcasts WHERE workspace_id = $1 AND id = $2', [
      actor.workspaceId,
      id,
    ]);
    if (made) return getBroadcast(deps, actor.workspaceId, id);
  }
  const status = statusFor(deps, request);
  const template = await checkBroadcastInput(deps, actor, request);
  if (status !== 'draft') await assertNumberConnected(deps, request.channelId);
  const [row] = await deps.db.query<{ id: string }>(
    `INSERT INTO broadcasts (id, workspace_id, name, channel_id, template_id, template_name, audience, variables,
                             status, scheduled_at, created_by_user_id)
     VALUES (COALESCE($11::uuid, gen_random_uuid()), $1, $2, $3, $4, $5, $6::jsonb, $7::jsonb, $8, $9, $10) RETURNING id`,
    [
      actor.workspaceId,
      request.name,
      request.channelId,
      request.templateId,
      template.name,
      JSON.stringify(request.audience),
      JSON.stringify(request.variables),
      status,
      status === 'scheduled' ? request.scheduledAt : null,
      actor.userId,
      id ?? null,
    ],
  );
  await queueStart(deps, row!.id, status, request.scheduledAt);
  return getBroadcast(deps, actor.workspaceId, row!.id);
}

/** Only a draft or a scheduled broadcast can change; `action` also moves it between the two (or starts it). */
export async function updateBroadcast(
  deps: BroadcastsDeps,
  actor: Actor,
  id: string,
  request: CreateBroadcastRequest,
): Promise<Broadcast> {
  assertManager(actor);
  const current = await findBroadcastRow(deps, actor.workspaceId, id);
  if (current.status !== 'draft' && current.status !== 'scheduled')
    throw new AppError(
      'conflict',
      'broadcast_not_editable',
      `This broadcast is ${current.status}; only drafts and scheduled ones can be edited.`,
    );
  const status = statusFor(deps, request);
  const template = await checkBroadcastInput(deps, actor, request);
  if (status !== 'draft') await assertNumberConnected(deps, request.channelId);
  const [row] = await deps.db.query<{ id: string }>(
    `UPDATE broadcasts SET name = $3, channel_id = $4, template_id = $5, template_name = $6, audience = $7::jsonb,
            variables = $8::jsonb, status = $9, scheduled_at = $10, updated_at = now()
      WHERE workspace_id = $1 AND id = $2 AND status IN ('draft', 'scheduled') RETURNING id`,
    [
      actor.workspaceId,
      id,
      request.name,
      request.channelId,
      request.templateId,
      template.name,
      JSON.stringify(request.audience),
      JSON.stringify(request.variables),
      status,
      status === 'scheduled' ? request.scheduledAt : null,
    ],
  );
  if (!row)
    throw new AppError(
      'conflict',
      'broadcast_not_editable',
      'This broadcast started meanwhile; it can no longer be edited.',
    );
  await queueStart(deps, id, status, request.scheduledAt);
  return getBroadcast(deps, actor.workspaceId, id);
}

export async function deleteBroadcast(deps: BroadcastsDeps, actor: Actor, id: string): Promise<void> {
  assertManager(actor);
  const current = await findBroadcastRow(deps, actor.workspaceId, id);
  const rows = await deps.db.query(
    `DELETE FROM broadcasts WHERE workspace_id = $1 AND id = $2 AND status IN ('draft', 'scheduled') RETURNING id`,
    [actor.workspaceId, id],
  );
  if (rows.length === 0)
    throw new AppError(
      'conflict',
      'broadcast_not_deletable',
      `This broadcast is ${current.status}; only drafts and scheduled ones can be deleted (cancel it instead).`,
    );
}
