import { OutboundHttpError } from '../../../platform/http/outbound-request';
import { recordAudit } from '../../audit';
import { DISABLE_AFTER_FAILING_MS, nextAttemptAfter } from './retry-schedule';
import { signDelivery } from './standard-webhooks';
import type { WebhookDeps } from './webhooks.deps';

/** Deliveries one pass takes; each is one HTTP request, all sent at once. */
const BATCH = 50;
/** A claimed delivery another process may take over after this (its sender died). */
const LEASE_MS = 60_000;
/** How long an endpoint has to answer. */
export const DELIVERY_TIMEOUT_MS = 10_000;
const EXCERPT = 500;

interface Due {
  id: number;
  workspace_id: string;
  subscription_id: string;
  webhook_id: string;
  event_type: string;
  payload: unknown;
  attempts: number;
  url: string;
  secret_sealed: string;
  previous_secret_sealed: string | null;
  previous_secret_expires_at: Date | null;
  failing_since: Date | null;
}

interface Outcome {
  due: Due;
  at: Date;
  statusCode: number | null;
  latencyMs: number;
  response: string | null;
  error: string | null;
  ok: boolean;
}

/**
 * One pass of the delivery worker: claims the deliveries that are due (of subscriptions that are
 * on), sends each signed to its URL at once, and records every attempt and its outcome in three
 * statements for the whole batch. A 2xx delivers; anything else (another status, a timeout, a
 * refused address) schedules the next try, or gives up when the schedule is spent, which turns
 * the subscription off if it has failed for a day.
 */
export async function deliverDue(deps: WebhookDeps): Promise<{ taken: number; full: boolean }> {
  const now = deps.clock.now();
  const due = await deps.db.query<Due & Record<string, unknown>>(
    `WITH c AS (
       SELECT d.id FROM webhook_deliveries d
         JOIN webhook_subscriptions s ON s.id = d.subscription_id AND s.enabled
        WHERE d.status = 'pending' AND d.next_attempt_at <= $1 AND (d.lease_until IS NULL OR d.lease_until < $1)
        ORDER BY d.next_attempt_at, d.id LIMIT ${BATCH} FOR UPDATE OF d SKIP LOCKED)
     UPDATE webhook_deliveries d SET lease_until = $2 FROM c, webhook_subscriptions s
      WHERE d.id = c.id AND s.id = d.subscription_id
     RETURNING d.id, d.workspace_id, d.subscription_id, d.webhook_id, d.event_type, d.payload, d.attempts,
               s.url, s.secret_sealed, s.previous_secret_sealed, s.previous_secret_expires_at, s.failing_since`,
    [now, new Date(now.getTime() + LEASE_MS)],
  );
  if (due.length === 0) return { taken: 0, full: false };
  const outcomes = await Promise.all(due.map((d) => send(deps, d)));
  await record(deps, outcomes);
  return { taken: due.length, full: due.length === BATCH };
}

async function send(deps: WebhookDeps, due: Due): Promise<Outcome> {
  const at = deps.clock.now();
  const body = JSON.stringify(due.payload);
  const secrets = [deps.secrets.decrypt(due.secret_sealed)];
  if (
    due.previous_secret_sealed &&
    due.previous_secret_expires_at &&
    new Date(due.previous_secret_expires_at) > at
  ) {
    secrets.push(deps.secrets.decrypt(due.previous_secret_sealed));
  }
  const started = performance.now();
  try {
    const res = await deps.callHttp({
      method: 'POST',
      url: due.url,
      headers: {
        'content-type': 'application/json',
        'user-agent': 'Charla-Webhooks/1',
        ...signDelivery(secrets, due.webhook_id, at, body),
      },
      body,
      timeoutMs: DELIVERY_TIMEOUT_MS,
      maxBytes: 64 * 1024,
      maxRedirects: 0,
    });
    const ok = res.status >= 200 && res.status < 300;
    return {
      due,
      at,
      statusCode: res.status,
      latencyMs: Math.round(performance.now() - started),
      response: res.text.slice(0, EXCERPT),
      error: ok ? null : `The endpoint answered ${res.status}; only a 2xx counts as delivered.`,
      ok,
    };
  } catch (err) {
    const error =
      err instanceof OutboundHttpError
        ? err.message
        : `No answer: ${err instanceof Error ? err.message : String(err)}`;
    return {
      due,
      at,
      statusCode: null,
      latencyMs: Math.round(performance.now() - started),
      response: null,
      error,
      ok: false,
    };
  }
}

async function record(deps: WebhookDeps, outcomes: Outcome[]) {
  const now = deps.clock.now();
  const next = outcomes.map((o) => (o.ok ? null : nextAttemptAfter(o.due.attempts + 1, now)));
  const gaveUp = outcomes.filter((o, i) => !o.ok && next[i] === null);
  await deps.db.transaction(async (query) => {
    // The subscriptions first, in one order: an admin deleting one locks its row and then its
    // deliveries, so taking the deliveries first here would deadlock with that delete. A
    // subscription deleted meanwhile took its deliveries with it: their attempts are not kept.
    await query(
      `SELECT id FROM webhook_subscriptions WHERE id = ANY($1::uuid[]) ORDER BY id FOR NO KEY UPDATE`,
      [[...new Set(outcomes.map((o) => o.due.subscription_id))]],
    );
    await query(
      `INSERT INTO webhook_attempts (delivery_id, at, status_code, latency_ms, response, error)
       SELECT v.* FROM unnest($1::bigint[], $2::timestamptz[], $3::int[], $4::int[], $5::text[], $6::text[])
                       AS v(id, at, status_code, latency_ms, response, error)
        WHERE EXISTS (SELECT 1 FROM webhook_deliveries d WHERE d.id = v.id)`,
      [
        outcomes.map((o) => o.due.id),
        outcomes.map((o) => o.at),
        outcomes.map((o) => o.statusCode),
        outcomes.map((o) => o.latencyMs),
        outcomes.map((o) => o.response),
        outcomes.map((o) => o.error),
      ],
    );
    await query(
      `UPDATE webhook_deliveries d
          SET attempts = d.attempts + 1, lease_until = NULL,
              status = CASE WHEN v.ok THEN 'delivered' WHEN v.next IS NULL THEN 'failed' ELSE 'pending' END,
              next_attempt_at = CASE WHEN v.ok THEN NULL ELSE v.next END,
              delivered_at = CASE WHEN v.ok THEN v.at ELSE d.delivered_at END
         FROM unnest($1::bigint[], $2::boolean[], $3::timestamptz[], $4::timestamptz[]) AS v(id, ok, next, at)
        WHERE d.id = v.id`,
      [outcomes.map((o) => o.due.id), outcomes.map((o) => o.ok), next, outcomes.map((o) => o.at)],
    );
    // A subscription's streak: cleared by a success, started by the first failure after one.
    const succeeded = [...new Set(outcomes.filter((o) => o.ok).map((o) => o.due.subscription_id))];
    const failed = [...new Set(outcomes.filter((o) => !o.ok).map((o) => o.due.subscription_id))].filter(
      (id) => !succeeded.includes(id),
    );
    await query(
      `UPDATE webhook_subscriptions SET failing_since = CASE WHEN id = ANY($1::uuid[]) THEN NULL ELSE COALESCE(failing_since, $3) END
        WHERE id = ANY($1::uuid[]) OR id = ANY($2::uuid[])`,
      [succeeded, failed, now],
    );
  });
  for (const [i, o] of outcomes.entries())
    deps.metrics?.countAttempt(o.ok ? 'delivered' : next[i] === null ? 'gave_up' : 'failed');
  if (gaveUp.length > 0) await disablePersistentFailures(deps, gaveUp, now);
}

/** A delivery gave up and its subscription has failed for a day: turned off, the owners told. */
async function disablePersistentFailures(deps: WebhookDeps, gaveUp: Outcome[], now: Date) {
  const reason = `Every delivery failed for more than ${DISABLE_AFTER_FAILING_MS / 3_600_000} hours (the last: ${gaveUp.at(-1)!.error ?? 'no answer'}). Fix the endpoint, turn the webhook back on and replay what failed.`;
  const disabled = await deps.db.query<{ id: string; workspace_id: string; url: string }>(
    `UPDATE webhook_subscriptions SET enabled = false, disabled_reason = $3
      WHERE id = ANY($1::uuid[]) AND enabled AND failing_since <= $2
     RETURNING id, workspace_id, url`,
    [
      [...new Set(gaveUp.map((o) => o.due.subscription_id))],
      new Date(now.getTime() - DISABLE_AFTER_FAILING_MS),
      reason,
    ],
  );
  for (const sub of disabled) {
    await recordAudit(deps.db.orm, {
      workspaceId: sub.workspace_id,
      action: 'webhook.disabled',
      targetType: 'webhook',
      targetId: sub.id,
      targetLabel: sub.url,
      details: { reason },
    });
    await deps
      .tellOwners(
        sub.workspace_id,
        'Charla turned a webhook off',
        `Charla could not deliver events to ${sub.url} for more than a day, so it turned this webhook off.\n\n${reason}\n\nSettings › Webhooks shows every attempt.`,
      )
      .catch((err) => deps.log.error({ err }, 'telling the owners about a disabled webhook failed'));
  }
}

/** How long the worker may sleep: until the next due delivery, at most 30 s (others' rows). */
export async function untilNextDue(deps: Pick<WebhookDeps, 'db' | 'clock'>): Promise<number> {
  const [row] = await deps.db.query<{ next: Date | null }>(
    `SELECT min(d.next_attempt_at) AS next FROM webhook_deliveries d
       JOIN webhook_subscriptions s ON s.id = d.subscription_id AND s.enabled
      WHERE d.status = 'pending'`,
  );
  if (!row?.next) return 30_000;
  return Math.min(30_000, Math.max(50, new Date(row.next).getTime() - deps.clock.now().getTime()));
}
