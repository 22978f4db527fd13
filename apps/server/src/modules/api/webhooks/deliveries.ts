import type { WebhookDelivery } from '@charla/contracts';
import { AppError, notFound } from '../../../platform/errors';
import { enqueueOne } from './enqueue-events';
import type { WebhookDeps } from './webhooks.deps';

const PAGE = 50;

interface Row {
  id: number | string;
  webhook_id: string;
  event_type: string;
  status: WebhookDelivery['status'];
  attempts: number;
  next_attempt_at: Date | null;
  created_at: Date;
  payload: unknown;
  log:
    | {
        at: string;
        status_code: number | null;
        latency_ms: number;
        response: string | null;
        error: string | null;
      }[]
    | null;
}

/** A subscription's deliveries, newest first, each with every attempt (the log people read and replay from). */
export async function listDeliveries(
  deps: WebhookDeps,
  workspaceId: string,
  subscriptionId: string,
  query: { cursor?: string | undefined; status?: WebhookDelivery['status'] | undefined },
): Promise<{ data: WebhookDelivery[]; nextCursor: string | null }> {
  const before = query.cursor ? Number(query.cursor) : null;
  if (query.cursor && !Number.isSafeInteger(before)) {
    throw new AppError(
      'invalid',
      'invalid_cursor',
      'This cursor is not one a list answered; start again without it.',
    );
  }
  const [sub] = await deps.db.query(
    'SELECT 1 FROM webhook_subscriptions WHERE workspace_id = $1 AND id = $2',
    [workspaceId, subscriptionId],
  );
  if (!sub) throw notFound('webhook');
  const rows = await deps.db.query<Row & Record<string, unknown>>(
    `SELECT d.id, d.webhook_id, d.event_type, d.status, d.attempts, d.next_attempt_at, d.created_at, d.payload,
            (SELECT json_agg(json_build_object('at', a.at, 'status_code', a.status_code, 'latency_ms', a.latency_ms,
                                               'response', a.response, 'error', a.error) ORDER BY a.id)
               FROM webhook_attempts a WHERE a.delivery_id = d.id) AS log
       FROM webhook_deliveries d
      WHERE d.workspace_id = $1 AND d.subscription_id = $2 AND ($3::bigint IS NULL OR d.id < $3)
        AND ($4::text IS NULL OR d.status = $4)
      ORDER BY d.id DESC LIMIT ${PAGE + 1}`,
    [workspaceId, subscriptionId, before, query.status ?? null],
  );
  const page = rows.slice(0, PAGE);
  return {
    data: page.map((r) => ({
      id: String(r.id),
      webhookId: r.webhook_id,
      type: r.event_type,
      status: r.status,
      attempts: r.attempts,
      nextAttemptAt: r.next_attempt_at ? new Date(r.next_attempt_at).toISOString() : null,
      createdAt: new Date(r.created_at).toISOString(),
      payload: r.payload,
      log: (r.log ?? []).map((a) => ({
        at: new Date(a.at).toISOString(),
        statusCode: a.status_code,
        latencyMs: a.latency_ms,
        response: a.response,
        error: a.error,
      })),
    })),
    nextCursor: rows.length > PAGE ? String(page.at(-1)!.id) : null,
  };
}

/**
 * Sends a delivery again now, with the same `webhook-id` (so a receiver that got it already can
 * tell), whatever became of it; its retries start over.
 */
export async function replayDelivery(
  deps: WebhookDeps,
  workspaceId: string,
  deliveryId: string,
): Promise<void> {
  if (!/^\d{1,18}$/.test(deliveryId)) throw notFound('delivery');
  const rows = await deps.db.query(
    `UPDATE webhook_deliveries SET status = 'pending', attempts = 0, next_attempt_at = $3, lease_until = NULL
      WHERE workspace_id = $1 AND id = $2 RETURNING id`,
    [workspaceId, deliveryId, deps.clock.now()],
  );
  if (rows.length === 0) throw notFound('delivery');
  deps.wake();
}

/** "Send test event": a `webhook.test` delivery to this subscription, at once. */
export async function sendTestEvent(
  deps: WebhookDeps,
  workspaceId: string,
  subscriptionId: string,
): Promise<{ deliveryId: string }> {
  const [sub] = await deps.db.query(
    'SELECT 1 FROM webhook_subscriptions WHERE workspace_id = $1 AND id = $2',
    [workspaceId, subscriptionId],
  );
  if (!sub) throw notFound('webhook');
  const { id } = await enqueueOne(
    deps.db.query,
    { workspaceId, subscriptionId },
    'webhook.test',
    { message: 'Hola desde Charla 👋' },
    deps.clock.now(),
  );
  deps.wake();
  return { deliveryId: String(id) };
}
