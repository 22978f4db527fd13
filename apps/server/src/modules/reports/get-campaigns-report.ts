import type {
  CampaignBroadcastRow,
  CampaignsReport,
  CampaignTemplateRow,
  ReportQuery,
} from '@charla/contracts';
import { LIMITED_CODE, LIMITED_SQL, REPLY_WINDOW_HOURS, STATE_SQL } from '../broadcasts';
import { PERIOD_END, PERIOD_START, type ReportPeriod, reportPeriod } from './report-period';
import { assertReportsManager, type ReportsActor, type ReportsDeps } from './reports.deps';

/** A template needs this many sends in the period to be ranked best or worst. */
export const RANKED_MIN_SENDS = 20;
const RANKED_SHOWN = 5;

/** Within 72 h of the send (WhatsApp stamps whole seconds: the same second counts). */
const within = (at: string, sent: string) =>
  `${at} >= date_trunc('second', ${sent}) AND ${at} <= ${sent} + interval '${REPLY_WINDOW_HOURS} hours'`;

/** A numeric error code of a message's `error`, else null. */
const CODE = `CASE WHEN m.error->>'code' ~ '^-?[0-9]{1,9}$' THEN (m.error->>'code')::int END`;

/**
 * Each recipient of the period's broadcasts once: its state as the broadcast shows it (STATE_SQL),
 * its failure and whether the contact opted out within 72 h of the send (their contact says so
 * now, or a consent line in the conversation does, which stays after opting in again).
 * MATERIALIZED, as COUNTS_SQL's OFFSET 0: the state, with its reply lookup, is worked out once a row.
 */
const BROADCASTS_SQL = `WITH s AS MATERIALIZED (
  SELECT r.broadcast_id, ${STATE_SQL} AS state,
         COALESCE(r.error_code, ${CODE}) AS code,
         COALESCE(r.error_reason, m.error->>'reason', 'Unknown error') AS reason,
         (r.state = 'sent' AND r.sent_at IS NOT NULL AND (
            (ct.opt_in_state = 'opted_out' AND ${within('ct.opt_in_at', 'r.sent_at')})
            OR (r.conversation_id IS NOT NULL AND EXISTS (
              SELECT 1 FROM conversation_events e WHERE e.conversation_id = r.conversation_id AND e.kind = 'consent'
                 AND e.to_value = 'opted_out' AND ${within('e.occurred_at', 'r.sent_at')})))) AS opted_out
    FROM broadcast_recipients r
    JOIN broadcasts b ON b.id = r.broadcast_id
    LEFT JOIN messages m ON m.id = r.message_id
    LEFT JOIN contacts ct ON ct.id = r.contact_id
   WHERE b.workspace_id = $1 AND b.started_at >= ${PERIOD_START} AND b.started_at < ${PERIOD_END}
     AND ($5::uuid IS NULL OR b.channel_id = $5) AND r.workspace_id = $1)
SELECT broadcast_id, state, opted_out,
       CASE WHEN state = 'failed' THEN code END AS code, CASE WHEN state = 'failed' THEN reason END AS reason,
       count(*)::int AS n
  FROM s GROUP BY 1, 2, 3, 4, 5`;

/**
 * The period's template messages (every sender), read the way a broadcast's recipient is: failed,
 * limited (WhatsApp's marketing cap), queued, replied within 72 h, read, delivered, sent. Then the
 * period's broadcast recipients refused before any message was stored (no message to count).
 */
const TEMPLATES_SQL = `SELECT key, template_id, name, language, category, d, state, source,
       CASE WHEN state = 'failed' THEN code END AS code, CASE WHEN state = 'failed' THEN reason END AS reason,
       count(*)::int AS n
  FROM (
  SELECT coalesce(t->>'templateId', 'name:' || (t->>'name') || ':' || (t->>'language')) AS key,
         t->>'templateId' AS template_id, t->>'name' AS name, t->>'language' AS language, t->>'category' AS category,
         to_char((m.occurred_at AT TIME ZONE $4::text)::date, 'YYYY-MM-DD') AS d,
         CASE WHEN m.status = 'failed' AND ${CODE} = ${LIMITED_CODE} THEN 'limited'
              WHEN m.status = 'failed' THEN 'failed'
              WHEN m.status = 'queued' THEN 'queued'
              WHEN EXISTS (SELECT 1 FROM messages i WHERE i.conversation_id = m.conversation_id
                              AND i.direction = 'inbound' AND ${within('i.occurred_at', 'm.occurred_at')}) THEN 'replied'
              WHEN m.status = 'read' THEN 'read'
              WHEN m.status = 'delivered' THEN 'delivered'
              ELSE 'sent' END AS state,
         CASE WHEN m.automated_by IS NOT NULL THEN 'automation' WHEN m.sender_user_id IS NOT NULL THEN 'agent'
              ELSE 'broadcast' END AS source,
         ${CODE} AS code, coalesce(m.error->>'reason', 'Unknown error') AS reason
    FROM (SELECT m.*, m.content->'template' AS t FROM messages m
           WHERE m.workspace_id = $1 AND m.occurred_at >= ${PERIOD_START} AND m.occurred_at < ${PERIOD_END}
             AND m.direction = 'outbound' AND m.type = 'template' AND ($5::uuid IS NULL OR m.channel_id = $5)) m
  UNION ALL
  SELECT b.template_id::text, b.template_id::text, b.template_name, coalesce(b.template->>'language', ''),
         coalesce(b.template->>'category', ''),
         to_char((r.claimed_at AT TIME ZONE $4::text)::date, 'YYYY-MM-DD'),
         CASE WHEN ${LIMITED_SQL} THEN 'limited' ELSE 'failed' END, 'broadcast',
         r.error_code, coalesce(r.error_reason, 'Unknown error')
    FROM broadcasts b JOIN broadcast_recipients r ON r.broadcast_id = b.id AND r.state = 'failed'
   WHERE b.workspace_id = $1 AND b.started_at < ${PERIOD_END} AND (b.finished_at IS NULL OR b.finished_at >= ${PERIOD_START})
     AND ($5::uuid IS NULL OR b.channel_id = $5) AND r.message_id IS NULL AND r.erased_state IS NULL
     AND r.claimed_at >= ${PERIOD_START} AND r.claimed_at < ${PERIOD_END}
  OFFSET 0) s
 GROUP BY 1, 2, 3, 4, 5, 6, 7, 8, 9, 10`;

interface Tally {
  sent: number;
  delivered: number;
  read: number;
  replied: number;
  failed: number;
  limited: number;
  failures: Map<string, { code: number | null; reason: string; count: number }>;
}

const newTally = (): Tally => ({
  sent: 0,
  delivered: 0,
  read: 0,
  replied: 0,
  failed: 0,
  limited: 0,
  failures: new Map(),
});

/** Adds n rows of a state; each step counts the later ones too. */
function tally(t: Tally, state: string, n: number, code: number | null, reason: string | null) {
  if (state === 'failed') {
    t.failed += n;
    const key = `${code}|${reason}`;
    const f = t.failures.get(key) ?? { code, reason: reason ?? 'Unknown error', count: 0 };
    f.count += n;
    t.failures.set(key, f);
  } else if (state === 'limited') t.limited += n;
  const rank = ['sent', 'delivered', 'read', 'replied'].indexOf(state);
  if (rank >= 0) t.sent += n;
  if (rank >= 1) t.delivered += n;
  if (rank >= 2) t.read += n;
  if (rank >= 3) t.replied += n;
}

const rate = (part: number, whole: number) =>
  whole > 0 ? Math.round((part / whole) * 10_000) / 10_000 : null;

function reception(t: Tally) {
  return {
    sent: t.sent,
    delivered: t.delivered,
    read: t.read,
    replied: t.replied,
    failed: t.failed,
    limited: t.limited,
    failures: [...t.failures.values()].sort((a, b) => b.count - a.count || a.reason.localeCompare(b.reason)),
    deliveryRate: rate(t.delivered, t.sent),
    readRate: rate(t.read, t.delivered),
    replyRate: rate(t.replied, t.delivered),
  };
}

/**
 * Broadcasts and templates over a period: each broadcast started in it with how its recipients
 * received it, every template sent in it (by broadcasts, agents and automation) with the best and
 * worst by read and reply rate, and sends and reads per day. Owners and admins.
 */
export async function getCampaignsReport(
  deps: ReportsDeps,
  actor: ReportsActor,
  query: ReportQuery,
): Promise<CampaignsReport> {
  assertReportsManager(actor, 'see broadcasts and templates');
  const period = reportPeriod(query);
  const q = deps.db.query;
  const params = [actor.workspaceId, period.from, period.to, period.tz, query.channelId ?? null];
  const [broadcastRows, recipientRows, templateRows] = await Promise.all([
    q<{
      id: string;
      name: string;
      channel_id: string;
      template_id: string;
      template_name: string;
      status: string;
      started_at: Date;
    }>(
      `SELECT id, name, channel_id, template_id, template_name, status, started_at FROM broadcasts
        WHERE workspace_id = $1 AND started_at >= ${PERIOD_START} AND started_at < ${PERIOD_END}
          AND ($5::uuid IS NULL OR channel_id = $5) AND $4::text IS NOT NULL
        ORDER BY started_at DESC, id`,
      params,
    ),
    q<{
      broadcast_id: string;
      state: string;
      opted_out: boolean;
      code: number | null;
      reason: string | null;
      n: number;
    }>(BROADCASTS_SQL, params),
    q<{
      key: string;
      template_id: string | null;
      name: string | null;
      language: string | null;
      category: string | null;
      d: string;
      state: string;
      source: 'broadcast' | 'agent' | 'automation';
      code: number | null;
      reason: string | null;
      n: number;
    }>(TEMPLATES_SQL, params),
  ]);

  const perBroadcast = new Map<
    string,
    { t: Tally; total: number; queued: number; skipped: number; optedOut: number }
  >();
  for (const r of recipientRows) {
    const b = perBroadcast.get(r.broadcast_id) ?? {
      t: newTally(),
      total: 0,
      queued: 0,
      skipped: 0,
      optedOut: 0,
    };
    perBroadcast.set(r.broadcast_id, b);
    b.total += r.n;
    if (r.state === 'queued') b.queued += r.n;
    if (r.state === 'skipped') b.skipped += r.n;
    if (r.opted_out) b.optedOut += r.n;
    tally(b.t, r.state, r.n, r.code, r.reason);
  }
  const broadcasts: CampaignBroadcastRow[] = broadcastRows.map((row) => {
    const b = perBroadcast.get(row.id) ?? { t: newTally(), total: 0, queued: 0, skipped: 0, optedOut: 0 };
    return {
      id: row.id,
      name: row.name,
      channelId: row.channel_id,
      templateId: row.template_id,
      templateName: row.template_name,
      status: row.status,
      startedAt: new Date(row.started_at).toISOString(),
      recipients: b.total,
      queued: b.queued,
      skipped: b.skipped,
      ...reception(b.t),
      optedOut: b.optedOut,
      optOutRate: rate(b.optedOut, b.t.sent),
    };
  });

  const perTemplate = new Map<
    string,
    {
      row: Pick<CampaignTemplateRow, 'key' | 'templateId' | 'name' | 'language' | 'category'>;
      t: Tally;
      by: Record<string, number>;
    }
  >();
  const days = new Map<string, { sent: number; read: number }>();
  for (const r of templateRows) {
    const entry = perTemplate.get(r.key) ?? {
      row: {
        key: r.key,
        templateId: r.template_id,
        name: r.name ?? '',
        language: r.language ?? '',
        category: r.category ?? '',
      },
      t: newTally(),
      by: { broadcast: 0, agent: 0, automation: 0 },
    };
    perTemplate.set(r.key, entry);
    tally(entry.t, r.state, r.n, r.code, r.reason);
    entry.by[r.source] = (entry.by[r.source] ?? 0) + r.n;
    const day = days.get(r.d) ?? { sent: 0, read: 0 };
    days.set(r.d, day);
    if (['sent', 'delivered', 'read', 'replied'].includes(r.state)) day.sent += r.n;
    if (r.state === 'read' || r.state === 'replied') day.read += r.n;
  }
  const templates: CampaignTemplateRow[] = [...perTemplate.values()]
    .map(({ row, t, by }) => ({
      ...row,
      byBroadcasts: by.broadcast ?? 0,
      byAgents: by.agent ?? 0,
      byAutomation: by.automation ?? 0,
      ...reception(t),
      ranked: t.sent >= RANKED_MIN_SENDS,
    }))
    .sort((a, b) => b.sent - a.sent || a.name.localeCompare(b.name) || a.key.localeCompare(b.key));

  return {
    period: { from: period.from, to: period.to },
    broadcasts,
    templates,
    ranking: {
      minSends: RANKED_MIN_SENDS,
      byReadRate: rankBy(templates, 'readRate'),
      byReplyRate: rankBy(templates, 'replyRate'),
    },
    days: datesOf(period).map((date) => ({
      date,
      sent: days.get(date)?.sent ?? 0,
      read: days.get(date)?.read ?? 0,
    })),
  };
}

/** Ranked templates by a rate, best first and worst first; ties go to the more sent. */
function rankBy(templates: CampaignTemplateRow[], by: 'readRate' | 'replyRate') {
  const ranked = templates.filter((t) => t.ranked && t.delivered > 0);
  const best = [...ranked].sort((a, b) => b[by]! - a[by]! || b.sent - a.sent || a.key.localeCompare(b.key));
  const worst = [...ranked].sort((a, b) => a[by]! - b[by]! || b.sent - a.sent || a.key.localeCompare(b.key));
  return {
    best: best.slice(0, RANKED_SHOWN).map((t) => t.key),
    worst: worst.slice(0, RANKED_SHOWN).map((t) => t.key),
  };
}

function datesOf(period: ReportPeriod): string[] {
  const first = Date.parse(`${period.from}T00:00:00Z`);
  return Array.from({ length: period.days }, (_, i) =>
    new Date(first + i * 86_400_000).toISOString().slice(0, 10),
  );
}
