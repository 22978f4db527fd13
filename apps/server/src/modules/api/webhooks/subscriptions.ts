import type {
  CreateWebhookSubscriptionRequest,
  UpdateWebhookSubscriptionRequest,
  WebhookSubscription,
  WebhookSubscriptionWithSecret,
} from '@charla/contracts';
import { notFound } from '../../../platform/errors';
import { type AuditEntry, auditActor, recordAudit } from '../../audit';
import { newWebhookSecret } from './standard-webhooks';
import type { WebhookDeps } from './webhooks.deps';

/** Who changes webhooks: a member (owner or admin) in Settings, or an API key with webhooks:write. */
export interface WebhookActor {
  workspaceId: string;
  userId: string | null;
  /** Their name, or the key's, for the audit log. */
  label: string | null;
  ip: string | null;
}

/** After a rotation the old secret keeps signing this long, so receivers can switch without a gap. */
export const ROTATION_OVERLAP_MS = 24 * 3_600_000;

interface Row {
  id: string;
  url: string;
  description: string | null;
  events: string[];
  enabled: boolean;
  disabled_reason: string | null;
  failing_since: Date | null;
  previous_secret_expires_at: Date | null;
  created_at: Date;
}
const COLUMNS =
  'id, url, description, events, enabled, disabled_reason, failing_since, previous_secret_expires_at, created_at';
const iso = (d: Date | null) => (d ? new Date(d).toISOString() : null);
const toSubscription = (r: Row): WebhookSubscription => ({
  id: r.id,
  url: r.url,
  description: r.description,
  events: r.events,
  enabled: r.enabled,
  disabledReason: r.disabled_reason,
  failingSince: iso(r.failing_since),
  previousSecretExpiresAt: iso(r.previous_secret_expires_at),
  createdAt: iso(r.created_at)!,
});

async function audit(
  deps: WebhookDeps,
  actor: WebhookActor,
  action: AuditEntry['action'],
  row: Row,
  details?: object,
) {
  // A member is named as they are now (auditActor); a key by its own name.
  const who = actor.userId
    ? await auditActor(deps.db.orm, actor.userId)
    : { actorUserId: null, actorLabel: actor.label };
  await recordAudit(deps.db.orm, {
    workspaceId: actor.workspaceId,
    ...who,
    ip: actor.ip,
    action,
    targetType: 'webhook',
    targetId: row.id,
    targetLabel: row.url,
    ...(details ? { details: details as Record<string, unknown> } : {}),
  });
}

export async function listWebhooks(deps: WebhookDeps, workspaceId: string): Promise<WebhookSubscription[]> {
  const rows = await deps.db.query<Row & Record<string, unknown>>(
    `SELECT ${COLUMNS} FROM webhook_subscriptions WHERE workspace_id = $1 ORDER BY created_at, id`,
    [workspaceId],
  );
  return rows.map(toSubscription);
}

/** A new subscription with its own secret, shown in this answer only (sealed at rest). */
export async function createWebhook(
  deps: WebhookDeps,
  actor: WebhookActor,
  input: CreateWebhookSubscriptionRequest,
): Promise<WebhookSubscriptionWithSecret> {
  const secret = newWebhookSecret();
  const [row] = await deps.db.query<Row & Record<string, unknown>>(
    `INSERT INTO webhook_subscriptions (workspace_id, url, description, events, secret_sealed, created_by, created_at)
     VALUES ($1, $2, $3, $4::text[], $5, $6, $7) RETURNING ${COLUMNS}`,
    [
      actor.workspaceId,
      input.url,
      input.description ?? null,
      [...new Set(input.events)],
      deps.secrets.encrypt(secret),
      actor.userId,
      deps.clock.now(),
    ],
  );
  await audit(deps, actor, 'webhook.created', row!, { events: row!.events });
  return { ...toSubscription(row!), secret };
}

/** URL, events, description; turning it on again clears the failure streak and its reason. */
export async function updateWebhook(
  deps: WebhookDeps,
  actor: WebhookActor,
  id: string,
  input: UpdateWebhookSubscriptionRequest,
): Promise<WebhookSubscription> {
  const [row] = await deps.db.query<Row & Record<string, unknown>>(
    `UPDATE webhook_subscriptions SET
        url = COALESCE($3, url),
        events = COALESCE($4::text[], events),
        description = CASE WHEN $5 THEN $6 ELSE description END,
        enabled = COALESCE($7, enabled),
        disabled_reason = CASE WHEN $7 IS NOT NULL THEN NULL ELSE disabled_reason END,
        failing_since = CASE WHEN $7 THEN NULL ELSE failing_since END
      WHERE workspace_id = $1 AND id = $2 RETURNING ${COLUMNS}`,
    [
      actor.workspaceId,
      id,
      input.url ?? null,
      input.events ? [...new Set(input.events)] : null,
      input.description !== undefined,
      input.description ?? null,
      input.enabled ?? null,
    ],
  );
  if (!row) throw notFound('webhook');
  await audit(deps, actor, 'webhook.updated', row, { changed: Object.keys(input) });
  if (input.enabled) deps.wake();
  return toSubscription(row);
}

export async function deleteWebhook(deps: WebhookDeps, actor: WebhookActor, id: string): Promise<void> {
  const [row] = await deps.db.query<Row & Record<string, unknown>>(
    `DELETE FROM webhook_subscriptions WHERE workspace_id = $1 AND id = $2 RETURNING ${COLUMNS}`,
    [actor.workspaceId, id],
  );
  if (!row) throw notFound('webhook');
  await audit(deps, actor, 'webhook.deleted', row);
}

/**
 * A new secret, shown once; the old one keeps signing beside it (two signatures in
 * `webhook-signature`) for 24 hours, so the receiver can switch without losing a delivery.
 */
export async function rotateWebhookSecret(
  deps: WebhookDeps,
  actor: WebhookActor,
  id: string,
): Promise<WebhookSubscriptionWithSecret> {
  const secret = newWebhookSecret();
  const now = deps.clock.now();
  const [row] = await deps.db.query<Row & Record<string, unknown>>(
    `UPDATE webhook_subscriptions SET previous_secret_sealed = secret_sealed, secret_sealed = $3,
            previous_secret_expires_at = $4
      WHERE workspace_id = $1 AND id = $2 RETURNING ${COLUMNS}`,
    [actor.workspaceId, id, deps.secrets.encrypt(secret), new Date(now.getTime() + ROTATION_OVERLAP_MS)],
  );
  if (!row) throw notFound('webhook');
  await audit(deps, actor, 'webhook.secret_rotated', row);
  return { ...toSubscription(row), secret };
}
