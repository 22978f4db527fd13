import type { BroadcastAudience, BroadcastVariables } from '@charla/contracts';
import { audienceSource } from './audience-source';
import type { BroadcastsDeps } from './broadcasts.deps';
import { isOptedInOnly } from './marketing-consent';
import { materialiseAudience } from './materialise-audience';
import { publishBroadcast } from './publish-broadcast';

export const PREPARE_BROADCAST_JOB = 'broadcasts.prepare-broadcast';

/**
 * The job that starts a broadcast (at its scheduled time, or at once for "send now"): checks the
 * template is still approved, snapshots it, materialises the audience and moves the broadcast to
 * `sending` in one transaction, so a crash leaves it `preparing` and the retried job redoes it.
 * A job for a broadcast rescheduled later (or cancelled) does nothing.
 */
export async function prepareBroadcast(deps: BroadcastsDeps, broadcastId: string, onReady: () => void) {
  const [row] = await deps.db.query<{
    id: string;
    workspace_id: string;
    status: string;
    scheduled_at: Date | null;
    template_id: string;
    audience: BroadcastAudience;
    variables: BroadcastVariables;
    created_by_user_id: string | null;
  }>(
    `SELECT id, workspace_id, status, scheduled_at, template_id, audience, variables, created_by_user_id
       FROM broadcasts WHERE id = $1`,
    [broadcastId],
  );
  if (!row) return;
  const now = deps.clock.now();
  if (
    row.status === 'scheduled' &&
    row.scheduled_at &&
    new Date(row.scheduled_at).getTime() > now.getTime() + 2_000
  )
    return;
  if (row.status !== 'scheduled' && row.status !== 'preparing') return;
  const fail = async (error: string) => {
    await deps.db.query(
      `UPDATE broadcasts SET status = 'failed', error = $2, finished_at = $3, updated_at = now()
        WHERE id = $1 AND status IN ('scheduled', 'preparing')`,
      [broadcastId, error, now],
    );
    await publishBroadcast(deps, row.workspace_id, broadcastId);
  };
  const template = await deps.findTemplate(row.workspace_id, row.template_id);
  if (template?.status !== 'approved')
    return fail(
      template
        ? `The template "${template.name}" is ${template.status}, no longer approved, so nothing was sent.`
        : 'The template was deleted, so nothing was sent.',
    );
  const viewer = { workspaceId: row.workspace_id, userId: row.created_by_user_id };
  let source: Awaited<ReturnType<typeof audienceSource>>;
  try {
    source = await audienceSource(deps, viewer, row.audience);
  } catch (err) {
    return fail(`The audience is no longer available: ${err instanceof Error ? err.message : String(err)}`);
  }
  await deps.db.query(
    `UPDATE broadcasts SET status = 'preparing', updated_at = now() WHERE id = $1 AND status = 'scheduled'`,
    [broadcastId],
  );
  await deps.db.transaction(async (query) => {
    const [locked] = await query<{ status: string }>(
      'SELECT status FROM broadcasts WHERE id = $1 FOR UPDATE',
      [broadcastId],
    );
    if (locked?.status !== 'preparing') return;
    const counts = await materialiseAudience(
      query,
      { id: broadcastId, workspaceId: row.workspace_id, audience: row.audience, variables: row.variables },
      source,
      await isOptedInOnly(query, row.workspace_id, template.category),
    );
    await query(
      `UPDATE broadcasts SET status = 'sending', started_at = COALESCE(started_at, $2), template = $3::jsonb,
              template_name = $4, excluded_opted_out = $5, excluded_invalid = $6, excluded_no_consent = $7,
              updated_at = now()
        WHERE id = $1`,
      [
        broadcastId,
        now,
        JSON.stringify(template),
        template.name,
        counts.excludedOptedOut,
        counts.excludedInvalid,
        counts.excludedNoConsent,
      ],
    );
  });
  await publishBroadcast(deps, row.workspace_id, broadcastId);
  onReady();
}
