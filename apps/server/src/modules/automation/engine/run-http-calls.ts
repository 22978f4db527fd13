import type { HttpCall } from '@charla/contracts';
import type { AutomationEngineDeps } from '../automation.deps';
import { type AutomationRun, type InboxRow, processRows } from './run-automation';
import type { HttpResult } from './run-flows';

/** A call whose process died mid-way is made again this many times, then answered as an error. */
const MAX_ATTEMPTS = 3;
/** The row stays claimed this long past the call's own timeout. */
const LEASE_SLACK_MS = 30_000;

/**
 * Makes bots' HTTP steps' calls and rules' HTTP actions, outside any transaction (a slow endpoint must not hold the
 * conversation's lock), then feeds each answer to its session (a rule's: a history line) in one transaction with the row's
 * deletion: the bot goes on exactly once. The row is leased while the call is out; a process
 * that dies mid-call leaves it to be made again when the lease ends (at least once, like every
 * webhook), up to MAX_ATTEMPTS, then the bot takes its error output.
 */
export async function runDueHttpCalls(deps: AutomationEngineDeps, limit = 50): Promise<AutomationRun> {
  const now = deps.clock.now();
  const claimed = await deps.db.transaction(async (query) => {
    const rows = await query<InboxRow & { request: HttpCall | null } & Record<string, unknown>>(
      `SELECT e.id, e.kind, e.workspace_id, e.conversation_id, e.message_id, e.opened, e.rule_id, e.flow_id,
              e.session_id, e.session_step, e.detail, e.attempts,
              CASE WHEN e.kind = 'flow_http' THEN s.state -> 'request' ELSE e.detail -> 'request' END AS request
         FROM automation_inbox e LEFT JOIN bot_sessions s ON s.id = e.session_id
        WHERE e.kind IN ('flow_http', 'rule_http') AND e.error IS NULL AND e.due_at <= $1
        ORDER BY e.due_at, e.id LIMIT $2 FOR UPDATE OF e SKIP LOCKED`,
      [now, limit],
    );
    if (rows.length === 0) return [];
    const leaseMs = Math.max(...rows.map((r) => r.request?.timeoutMs ?? 10_000)) + LEASE_SLACK_MS;
    await query(
      'UPDATE automation_inbox SET attempts = attempts + 1, due_at = $2 WHERE id = ANY($1::bigint[])',
      [rows.map((r) => r.id), new Date(now.getTime() + leaseMs)],
    );
    return rows.map((r) => ({ ...r, id: Number(r.id), attempts: r.attempts + 1 }));
  });
  if (claimed.length === 0) return { taken: 0, changes: [], channelIds: [], httpQueued: 0 };

  const results = new Map<number, HttpResult>();
  await Promise.all(
    claimed.map(async (row) => {
      results.set(row.id, await call(deps, row.request, row.attempts));
    }),
  );

  return deps.db.transaction(async (query) => {
    // Still ours (not gone, not taken again after a lease ran out).
    const mine = await query<{ id: number | string }>(
      'SELECT id FROM automation_inbox WHERE id = ANY($1::bigint[]) AND error IS NULL FOR UPDATE SKIP LOCKED',
      [claimed.map((r) => r.id)],
    );
    const ids = new Set(mine.map((r) => Number(r.id)));
    return processRows(
      deps,
      query,
      claimed.filter((r) => ids.has(r.id)),
      results,
    );
  });
}

/** When the next call is due (null: none waiting). */
export async function nextHttpCallAt(deps: AutomationEngineDeps): Promise<Date | null> {
  const [row] = await deps.db.query<{ due_at: Date }>(
    `SELECT due_at FROM automation_inbox WHERE kind IN ('flow_http', 'rule_http') AND error IS NULL ORDER BY due_at LIMIT 1`,
  );
  return row ? new Date(row.due_at) : null;
}

async function call(
  deps: AutomationEngineDeps,
  request: HttpCall | null,
  attempts: number,
): Promise<HttpResult> {
  if (!request) return { status: null, json: null, error: 'no_request', summary: 'no request' };
  const where = describeUrl(request.url);
  if (attempts > MAX_ATTEMPTS)
    return {
      status: null,
      json: null,
      error: 'interrupted',
      summary: `${request.method} ${where} → not made (interrupted ${MAX_ATTEMPTS} times)`,
    };
  try {
    const res = await deps.callHttp({
      method: request.method,
      url: request.url,
      headers: request.headers,
      ...(request.body !== null ? { body: request.body } : {}),
      timeoutMs: request.timeoutMs,
      maxBytes: 256 * 1024,
    });
    let json: unknown = null;
    try {
      json = res.text ? JSON.parse(res.text) : null;
    } catch {
      json = null;
    }
    return {
      status: res.status,
      json,
      error: null,
      summary: `${request.method} ${where} → ${res.status} · ${res.ms} ms`,
    };
  } catch (err) {
    const e = err as { code?: string; message?: string };
    return {
      status: null,
      json: null,
      error: e.code ?? 'network',
      summary: `${request.method} ${where} → ${e.message ?? 'failed'}`.slice(0, 500),
    };
  }
}

/** The address without its query string (it may hold a key). */
function describeUrl(raw: string): string {
  try {
    const url = new URL(raw);
    return `${url.origin}${url.pathname}`;
  } catch {
    return raw.slice(0, 100);
  }
}
