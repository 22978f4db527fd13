import type {
  Broadcast,
  BroadcastAudience,
  BroadcastCounts,
  BroadcastOutage,
  BroadcastVariables,
  FailureReasonCount,
} from '@charla/contracts';
import { notFound } from '../../platform/errors';
import type { BroadcastsDeps } from './broadcasts.deps';
import { COUNTS_SQL, isRetryingLimited, LIMITED_SQL } from './recipient-state-sql';

export interface BroadcastRow {
  id: string;
  workspace_id: string;
  name: string;
  channel_id: string;
  template_id: string;
  template_name: string;
  template: unknown;
  audience: BroadcastAudience;
  variables: BroadcastVariables;
  status: Broadcast['status'];
  scheduled_at: Date | null;
  started_at: Date | null;
  finished_at: Date | null;
  excluded_opted_out: number;
  excluded_invalid: number;
  excluded_no_consent: number;
  error: string | null;
  outage: BroadcastOutage | string | null;
  paused_by: Broadcast['pausedBy'] | string | null;
  created_by_user_id: string | null;
  created_at: Date;
  rate_per_second: number | null;
}

export const BROADCAST_COLUMNS = `b.id, b.workspace_id, b.name, b.channel_id, b.template_id, b.template_name, b.template,
  b.audience, b.variables, b.status, b.scheduled_at, b.started_at, b.finished_at, b.excluded_opted_out,
  b.excluded_invalid, b.excluded_no_consent, b.error, b.outage, b.paused_by, b.created_by_user_id, b.created_at, s.rate_per_second`;
export const BROADCAST_FROM =
  'broadcasts b LEFT JOIN broadcast_channel_settings s ON s.channel_id = b.channel_id';

const iso = (d: Date | null) => (d ? new Date(d).toISOString() : null);
const json = <T>(v: unknown) => (typeof v === 'string' ? JSON.parse(v) : v) as T;

export async function findBroadcastRow(
  deps: Pick<BroadcastsDeps, 'db'>,
  workspaceId: string,
  id: string,
): Promise<BroadcastRow> {
  const [row] = await deps.db.query<BroadcastRow & Record<string, unknown>>(
    `SELECT ${BROADCAST_COLUMNS} FROM ${BROADCAST_FROM} WHERE b.workspace_id = $1 AND b.id = $2`,
    [workspaceId, id],
  );
  if (!row) throw notFound('broadcast');
  return row;
}

/** The funnel counts, and when limited recipients are next sent again by themselves. */
/** What a broadcast's counts need of its row: the contacts left out before it started. */
export type CountedRow = Pick<BroadcastRow, 'id' | 'excluded_opted_out' | 'excluded_invalid'> &
  Partial<Pick<BroadcastRow, 'excluded_no_consent'>>;

export async function broadcastFigures(
  deps: Pick<BroadcastsDeps, 'db'>,
  row: CountedRow,
): Promise<{ counts: BroadcastCounts; limitedRetryAt: Date | null }> {
  const [c] = await deps.db.query<
    Omit<BroadcastCounts, 'excludedOptedOut' | 'excludedInvalid' | 'excludedNoConsent'> & {
      limited_retry_at: Date | null;
    }
  >(COUNTS_SQL, [row.id]);
  return {
    counts: {
      total: c?.total ?? 0,
      excludedOptedOut: row.excluded_opted_out,
      excludedInvalid: row.excluded_invalid,
      excludedNoConsent: row.excluded_no_consent ?? 0,
      queued: c?.queued ?? 0,
      sent: c?.sent ?? 0,
      delivered: c?.delivered ?? 0,
      read: c?.read ?? 0,
      replied: c?.replied ?? 0,
      failed: c?.failed ?? 0,
      limited: c?.limited ?? 0,
      skipped: c?.skipped ?? 0,
    },
    limitedRetryAt: c?.limited_retry_at ?? null,
  };
}

export async function broadcastCounts(
  deps: Pick<BroadcastsDeps, 'db'>,
  row: CountedRow,
): Promise<BroadcastCounts> {
  return (await broadcastFigures(deps, row)).counts;
}

async function failuresByReason(deps: Pick<BroadcastsDeps, 'db'>, id: string): Promise<FailureReasonCount[]> {
  const rows = await deps.db.query<{ code: number | null; reason: string; count: number }>(
    `SELECT COALESCE(r.error_code, (m.error->>'code')::int) AS code,
            COALESCE(r.error_reason, m.error->>'reason', 'Unknown error') AS reason, count(*)::int AS count
       FROM broadcast_recipients r LEFT JOIN messages m ON m.id = r.message_id
      WHERE r.broadcast_id = $1 AND (r.state = 'failed' OR (r.state = 'sent' AND m.status = 'failed'))
        AND NOT ${LIMITED_SQL}
      GROUP BY 1, 2 ORDER BY 3 DESC, 2 LIMIT 50`,
    [id],
  );
  return rows;
}

export async function toBroadcast(
  deps: Pick<BroadcastsDeps, 'db' | 'config'>,
  row: BroadcastRow,
  opts: { withFailures?: boolean } = {},
): Promise<Broadcast> {
  const { counts, limitedRetryAt } = await broadcastFigures(deps, row);
  return {
    id: row.id,
    name: row.name,
    channelId: row.channel_id,
    templateId: row.template_id,
    templateName: row.template_name,
    status: row.status,
    scheduledAt: iso(row.scheduled_at),
    startedAt: iso(row.started_at),
    finishedAt: iso(row.finished_at),
    createdAt: iso(row.created_at)!,
    audience: json<BroadcastAudience>(row.audience),
    variables: json<BroadcastVariables>(row.variables),
    ratePerSecond: row.rate_per_second ?? deps.config.defaultRatePerSecond,
    counts,
    failuresByReason: opts.withFailures === false ? [] : await failuresByReason(deps, row.id),
    error: row.error,
    // Only a sending broadcast waits for WhatsApp: a paused or finished one shows no stale notice.
    outage: row.status === 'sending' && row.outage ? json<BroadcastOutage>(row.outage) : null,
    pausedBy: row.status === 'paused' && row.paused_by ? json<Broadcast['pausedBy']>(row.paused_by) : null,
    limitedRetryAt: isRetryingLimited(row.status) ? iso(limitedRetryAt) : null,
  };
}

export async function getBroadcast(
  deps: BroadcastsDeps,
  workspaceId: string,
  id: string,
): Promise<Broadcast> {
  return toBroadcast(deps, await findBroadcastRow(deps, workspaceId, id));
}

export async function listBroadcasts(
  deps: BroadcastsDeps,
  workspaceId: string,
): Promise<{ items: Broadcast[] }> {
  const rows = await deps.db.query<BroadcastRow & Record<string, unknown>>(
    `SELECT ${BROADCAST_COLUMNS} FROM ${BROADCAST_FROM} WHERE b.workspace_id = $1 ORDER BY b.created_at DESC, b.id LIMIT 200`,
    [workspaceId],
  );
  const items: Broadcast[] = [];
  for (const row of rows) items.push(await toBroadcast(deps, row));
  return { items };
}
