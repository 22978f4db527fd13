import { randomUUID } from 'node:crypto';
import { sha256Hex } from '../../../platform/crypto';
import { AppError } from '../../../platform/errors';
import type { ApiCaller, ApiDeps } from '../api.deps';

export interface Answer {
  status: number;
  body: unknown;
}

/** How long a key's first answer is kept and replayed. */
export const IDEMPOTENCY_HOURS = 24;
/** A request holding its key longer than this without answering died with its process. */
const STALE_MS = 30_000;
const WAIT_STEP_MS = 25;
const WAIT_MAX_MS = 10_000;

interface Row {
  fingerprint: string;
  resource_id: string;
  status: number | null;
  response: unknown;
  created_at: Date;
}

/**
 * `Idempotency-Key` on a POST: the first request with a key runs and its answer is kept; a retry
 * with the same key and body gets that answer again (`replayed`) and creates nothing, also from
 * another process or after a restart; the same key with another body is 409. Requests racing with
 * one key: one runs, the others wait for its answer. `run` receives the id what it creates must
 * take, so a request that died half-way is finished by the next retry without a twin. A request
 * that fails keeps nothing: its retry runs again (nothing was created).
 */
export async function idempotent(
  deps: Pick<ApiDeps, 'db' | 'clock'>,
  caller: ApiCaller,
  key: string | undefined,
  request: { method: string; route: string; body: unknown },
  /** `resumed`: a request with this key died half-way; what it created may exist already. */
  run: (resourceId: string, resumed: boolean) => Promise<Answer>,
): Promise<Answer & { replayed: boolean }> {
  if (key === undefined) return { ...(await run(randomUUID(), false)), replayed: false };
  if (key.length === 0 || key.length > 255 || !/^[\x21-\x7e]+$/.test(key)) {
    throw new AppError(
      'invalid',
      'invalid_idempotency_key',
      'Idempotency-Key must be 1 to 255 visible ASCII characters, e.g. a UUID.',
      [{ path: 'Idempotency-Key', message: 'not a valid key' }],
    );
  }
  const fingerprint = sha256Hex(`${request.method} ${request.route} ${JSON.stringify(request.body ?? null)}`);
  const started = Date.now();
  for (;;) {
    const reserved = await reserve(deps, caller, key, fingerprint);
    if (reserved) return { ...(await runAndKeep(deps, caller, key, reserved, false, run)), replayed: false };
    const row = await read(deps, caller, key);
    if (!row) continue; // the first request failed and let the key go: try to take it
    if (row.fingerprint !== fingerprint) {
      throw new AppError(
        'conflict',
        'idempotency_key_reused',
        'This Idempotency-Key was used with a different request; use a new key for a new request.',
        [{ path: 'Idempotency-Key', message: 'already used for another request' }],
      );
    }
    if (row.status !== null) return { status: row.status, body: row.response, replayed: true };
    const age = deps.clock.now().getTime() - new Date(row.created_at).getTime();
    if (age > STALE_MS)
      return { ...(await runAndKeep(deps, caller, key, row.resource_id, true, run)), replayed: false };
    if (Date.now() - started > WAIT_MAX_MS) {
      throw new AppError(
        'conflict',
        'idempotency_key_in_use',
        'A request with this Idempotency-Key is still running; retry in a second to get its answer.',
      );
    }
    await new Promise((resolve) => setTimeout(resolve, WAIT_STEP_MS));
  }
}

/** Takes the key (or an expired one's place); answers the id to create, or null when it is held. */
async function reserve(
  deps: Pick<ApiDeps, 'db' | 'clock'>,
  caller: ApiCaller,
  key: string,
  fingerprint: string,
): Promise<string | null> {
  const now = deps.clock.now();
  const [row] = await deps.db.query<{ resource_id: string }>(
    `INSERT INTO api_idempotency (api_key_id, key, workspace_id, fingerprint, resource_id, created_at)
     VALUES ($1, $2, $3, $4, $5, $6)
     ON CONFLICT (api_key_id, key) DO UPDATE
       SET fingerprint = EXCLUDED.fingerprint, resource_id = EXCLUDED.resource_id, status = NULL,
           response = NULL, created_at = EXCLUDED.created_at
       WHERE api_idempotency.created_at < $7
     RETURNING resource_id`,
    [
      caller.keyId,
      key,
      caller.workspaceId,
      fingerprint,
      randomUUID(),
      now,
      new Date(now.getTime() - IDEMPOTENCY_HOURS * 3_600_000),
    ],
  );
  return row?.resource_id ?? null;
}

async function read(deps: Pick<ApiDeps, 'db'>, caller: ApiCaller, key: string): Promise<Row | undefined> {
  const [row] = await deps.db.query<Row & Record<string, unknown>>(
    'SELECT fingerprint, resource_id, status, response, created_at FROM api_idempotency WHERE api_key_id = $1 AND key = $2',
    [caller.keyId, key],
  );
  return row;
}

async function runAndKeep(
  deps: Pick<ApiDeps, 'db'>,
  caller: ApiCaller,
  key: string,
  resourceId: string,
  resumed: boolean,
  run: (resourceId: string, resumed: boolean) => Promise<Answer>,
): Promise<Answer> {
  let answer: Answer;
  try {
    answer = await run(resourceId, resumed);
  } catch (error) {
    await deps.db.query('DELETE FROM api_idempotency WHERE api_key_id = $1 AND key = $2 AND status IS NULL', [
      caller.keyId,
      key,
    ]);
    throw error;
  }
  await deps.db.query(
    'UPDATE api_idempotency SET status = $3, response = $4::jsonb WHERE api_key_id = $1 AND key = $2',
    [caller.keyId, key, answer.status, JSON.stringify(answer.body)],
  );
  return answer;
}
