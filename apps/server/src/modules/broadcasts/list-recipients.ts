import type { BroadcastRecipient, BroadcastRecipientList, BroadcastRecipientsQuery } from '@charla/contracts';
import { AppError } from '../../platform/errors';
import { broadcastCounts, findBroadcastRow } from './broadcast-view';
import type { BroadcastsDeps } from './broadcasts.deps';
import { AFTER_SEND_SQL, isRetryingLimited, RETRY_AT_SQL, STATE_SQL } from './recipient-state-sql';

interface RecipientRow {
  id: number;
  contact_id: string | null;
  name: string | null;
  wa_id: string;
  state: BroadcastRecipient['state'];
  error_code: number | null;
  error_reason: string | null;
  m_error: { code: number | null; reason: string } | null;
  sent_at: Date | null;
  delivered_at: Date | null;
  read_at: Date | null;
  replied_at: Date | null;
  retry_at: Date | null;
}

const SELECT = `SELECT r.id, r.contact_id, COALESCE(c.name, c.profile_name) AS name, r.wa_id, s.state,
    r.error_code, r.error_reason, m.error AS m_error, r.sent_at,
    m.delivered_at, m.read_at, ${RETRY_AT_SQL} AS retry_at,
    CASE WHEN s.state = 'replied' THEN (SELECT min(i.occurred_at) FROM messages i WHERE i.conversation_id = r.conversation_id
       AND i.direction = 'inbound' AND ${AFTER_SEND_SQL}) END AS replied_at
  FROM broadcast_recipients r
  LEFT JOIN contacts c ON c.id = r.contact_id
  LEFT JOIN messages m ON m.id = r.message_id
  CROSS JOIN LATERAL (SELECT ${STATE_SQL} AS state) s`;

const iso = (d: Date | null) => (d ? new Date(d).toISOString() : null);

/** `isRetrying`: the broadcast still sends limited recipients again (not cancelled). */
export function toRecipient(r: RecipientRow, isRetrying = true): BroadcastRecipient {
  const error =
    r.state === 'failed' || r.state === 'skipped' || r.state === 'limited'
      ? r.error_reason
        ? { code: r.error_code, reason: r.error_reason }
        : r.m_error
          ? { code: r.m_error.code ?? null, reason: r.m_error.reason }
          : null
      : null;
  return {
    id: String(r.id),
    contactId: r.contact_id,
    name: r.name,
    phone: `+${r.wa_id}`,
    state: r.state,
    error,
    sentAt: iso(r.sent_at),
    deliveredAt: iso(r.delivered_at),
    readAt: iso(r.read_at),
    repliedAt: iso(r.replied_at),
    retryAt: isRetrying ? iso(r.retry_at) : null,
  };
}

/** One page of recipients in send order; `state` filters by the state as shown (delivered, replied...). */
export async function listRecipients(
  deps: BroadcastsDeps,
  workspaceId: string,
  broadcastId: string,
  q: BroadcastRecipientsQuery,
): Promise<BroadcastRecipientList> {
  const broadcast = await findBroadcastRow(deps, workspaceId, broadcastId);
  const isRetrying = isRetryingLimited(broadcast.status);
  const after = q.cursor === undefined ? 0 : Number(q.cursor);
  if (!Number.isSafeInteger(after) || after < 0)
    throw new AppError(
      'invalid',
      'validation_failed',
      'The cursor is not valid; use nextCursor from the previous page.',
      [{ path: 'cursor', message: 'invalid' }],
    );
  const pageOf = (query: typeof deps.db.query) =>
    query<RecipientRow & Record<string, unknown>>(
      `${SELECT} WHERE r.broadcast_id = $1 AND r.workspace_id = $2 AND r.id > $3 AND ($4::text IS NULL OR s.state = $4)
        ORDER BY r.id LIMIT $5`,
      [broadcastId, workspaceId, after, q.state ?? null, q.limit + 1],
    );
  // The first page carries the counts, read in one snapshot with its rows: a status applied
  // between two reads would otherwise show a delivered row beside "0 delivered".
  const { rows, counts } =
    after === 0
      ? await deps.db.transaction(async (query) => {
          await query('SET TRANSACTION ISOLATION LEVEL REPEATABLE READ READ ONLY');
          const rows = await pageOf(query);
          return { rows, counts: await broadcastCounts({ db: { ...deps.db, query } }, broadcast) };
        })
      : { rows: await pageOf(deps.db.query), counts: null };
  const page = rows.slice(0, q.limit);
  return {
    items: page.map((r) => toRecipient(r, isRetrying)),
    nextCursor: rows.length > q.limit ? String(page.at(-1)!.id) : null,
    counts,
  };
}

/** Every recipient, page by page from the database, as CSV lines (streamed, not held in memory). */
export async function* exportRecipients(
  deps: BroadcastsDeps,
  workspaceId: string,
  broadcastId: string,
): AsyncGenerator<string> {
  const toCsvLine = (fields: string[]) => deps.toCsv([fields]);
  const broadcast = await findBroadcastRow(deps, workspaceId, broadcastId);
  const isRetrying = isRetryingLimited(broadcast.status);
  yield `\uFEFF${toCsvLine(['name', 'phone', 'state', 'error_code', 'error', 'sent_at', 'delivered_at', 'read_at', 'replied_at', 'retry_at'])}`;
  let after = 0;
  for (;;) {
    const rows = await deps.db.query<RecipientRow & Record<string, unknown>>(
      `${SELECT} WHERE r.broadcast_id = $1 AND r.workspace_id = $2 AND r.id > $3 ORDER BY r.id LIMIT 2000`,
      [broadcastId, workspaceId, after],
    );
    if (rows.length === 0) return;
    let chunk = '';
    for (const row of rows) {
      const r = toRecipient(row, isRetrying);
      chunk += toCsvLine([
        r.name ?? '',
        r.phone,
        r.state,
        r.error?.code == null ? '' : String(r.error.code),
        r.error?.reason ?? '',
        r.sentAt ?? '',
        r.deliveredAt ?? '',
        r.readAt ?? '',
        r.repliedAt ?? '',
        r.retryAt ?? '',
      ]);
    }
    yield chunk;
    after = Number(rows.at(-1)!.id);
  }
}
