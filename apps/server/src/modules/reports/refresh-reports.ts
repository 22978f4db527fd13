import type { Query } from '../../platform/db/database';
import { toPgJson } from '../../platform/db/pg-safe';
import { calendarsOf } from '../automation';
import { type ConversationHistory, type Cycle, computeCycles } from './compute-cycles';
import {
  HISTOGRAMS_KEPT,
  histogramRowsSql,
  netHistogramChanges,
  prepareHistogramChanges,
  rebuildHistograms,
} from './report-histograms';
import { assertReportsManager, type ReportsActor, type ReportsDeps } from './reports.deps';

/** Messages (by seq) read per transaction; the conversations they touch are worked out again. */
const SEQ_CHUNK = 20_000;
/** Conversations worked out per statement round. */
const CONVERSATION_CHUNK = 500;

export interface RefreshResult {
  conversations: number;
  hours: number;
}

/**
 * Brings the reports up to date: every conversation with a new message or a new change of status,
 * assignee or team since the last refresh has its cycles worked out again, and every hour with a
 * new message is counted again. Runs every minute (reports.jobs.ts); one process at a time (the
 * progress row is locked, a second caller finds it taken and leaves).
 */
export async function refreshReports(
  deps: ReportsDeps,
  /** Wait for a refresh under way elsewhere and then run, rather than leave it to that one. */
  opts: { wait?: boolean } = {},
): Promise<RefreshResult> {
  const total: RefreshResult = { conversations: 0, hours: 0 };
  // Read on from here within this call; what is stored may stay behind (see `settledUpTo`).
  let read: { messageSeq: number; eventSeq: number } | null = null;
  let settled = true;
  for (;;) {
    const step = await deps.db.transaction(async (query) => {
      const progress = await lockProgress(query, opts.wait);
      if (!progress) return null;
      const from = read ?? progress;
      const [top] = await query<{ message_seq: string | null; event_seq: string | null }>(
        `SELECT (SELECT max(seq) FROM messages) AS message_seq, (SELECT max(seq) FROM conversation_events) AS event_seq`,
      );
      const messageTop = Number(top?.message_seq ?? 0);
      const eventTop = Number(top?.event_seq ?? 0);
      const messageTo = Math.min(messageTop, from.messageSeq + SEQ_CHUNK);
      const eventTo = Math.min(eventTop, from.eventSeq + SEQ_CHUNK);
      const touched = await query<{ conversation_id: string }>(
        `SELECT DISTINCT conversation_id FROM messages WHERE seq > $1 AND seq <= $2
         UNION
         SELECT DISTINCT conversation_id FROM conversation_events
          WHERE seq > $3 AND seq <= $4 AND kind IN ('status', 'assignee', 'team')`,
        [from.messageSeq, messageTo, from.eventSeq, eventTo],
      );
      const hours = await query<{ workspace_id: string; hour: Date }>(
        `SELECT DISTINCT workspace_id, date_trunc('hour', occurred_at) AS hour FROM messages
          WHERE seq > $1 AND seq <= $2`,
        [from.messageSeq, messageTo],
      );
      const ids = touched.map((r) => r.conversation_id);
      for (let i = 0; i < ids.length; i += CONVERSATION_CHUNK)
        await recomputeConversations(query, ids.slice(i, i + CONVERSATION_CHUNK));
      await recountHours(query, hours);
      const safe = await settledUpTo(query, from, { messageSeq: messageTo, eventSeq: eventTo });
      // Stored only as far as every chunk read so far was settled: the rest is read again next time.
      const store = settled ? safe : progress;
      settled &&= safe.messageSeq === messageTo && safe.eventSeq === eventTo;
      await query(
        `UPDATE report_progress SET message_seq = $1, event_seq = $2, refreshed_at = $3 WHERE id = 1`,
        [store.messageSeq, store.eventSeq, deps.clock.now()],
      );
      return {
        conversations: ids.length,
        hours: hours.length,
        read: { messageSeq: messageTo, eventSeq: eventTo },
        caughtUp: messageTo >= messageTop && eventTo >= eventTop,
      };
    });
    if (!step) return total;
    total.conversations += step.conversations;
    total.hours += step.hours;
    read = step.read;
    if (step.caughtUp) return total;
  }
}

/** A transaction still open this long after it started is not expected (ingest batches take milliseconds). */
const SETTLE_MS = 60_000;

/**
 * How far the progress may be stored: seqs are taken when a row is written, not when its
 * transaction commits, so a row with a lower seq may become visible after a higher one was read.
 * Stored: up to the last row older than a minute, and never past a newer one; the rest is read
 * again by the next refresh (working a conversation out twice gives the same cycles), so none is
 * skipped unless a transaction stayed open over a minute.
 */
async function settledUpTo(
  query: Query,
  from: { messageSeq: number; eventSeq: number },
  to: { messageSeq: number; eventSeq: number },
): Promise<{ messageSeq: number; eventSeq: number }> {
  const settledOf = (table: string, time: string, a: string, b: string) => `(
    SELECT max(seq) FROM ${table}
     WHERE seq > ${a} AND seq <= ${b} AND ${time} <= now() - make_interval(secs => $5 / 1000.0)
       AND seq < coalesce((SELECT min(seq) FROM ${table} WHERE seq > ${a} AND seq <= ${b}
                             AND ${time} > now() - make_interval(secs => $5 / 1000.0)), ${Number.MAX_SAFE_INTEGER}))`;
  const [row] = await query<{ message_seq: string | null; event_seq: string | null }>(
    `SELECT ${settledOf('messages', 'created_at', '$1', '$2')} AS message_seq,
            ${settledOf('conversation_events', 'occurred_at', '$3', '$4')} AS event_seq`,
    [from.messageSeq, to.messageSeq, from.eventSeq, to.eventSeq, SETTLE_MS],
  );
  return {
    messageSeq: row?.message_seq == null ? from.messageSeq : Number(row.message_seq),
    eventSeq: row?.event_seq == null ? from.eventSeq : Number(row.event_seq),
  };
}

/**
 * Throws the reports away and works them out again from the messages and events, conversation by
 * conversation. What arrives meanwhile is taken by the next refresh.
 */
export async function rebuildReports(deps: ReportsDeps): Promise<RefreshResult> {
  const [top] = await deps.db.query<{ message_seq: string | null; event_seq: string | null }>(
    `SELECT (SELECT max(seq) FROM messages) AS message_seq, (SELECT max(seq) FROM conversation_events) AS event_seq`,
  );
  // The histograms are filled once at the end (rebuildHistograms), far faster than as cycles come.
  await deps.db.transaction(async (query) => {
    await lockProgress(query, true);
    await query(HISTOGRAMS_KEPT);
    await query('DELETE FROM conversation_cycles');
    await query('DELETE FROM report_histograms');
    await query('DELETE FROM message_hourly');
    await query(
      `INSERT INTO message_hourly (workspace_id, hour, channel_id, direction, sender_kind, sender_user_id, count)
       SELECT workspace_id, date_trunc('hour', occurred_at), channel_id, direction, ${senderKind()}, sender_user_id,
              count(*)::int
         FROM messages GROUP BY 1, 2, 3, 4, 5, 6`,
    );
    await query(
      `UPDATE report_progress SET message_seq = $1, event_seq = $2, refreshed_at = $3 WHERE id = 1`,
      [Number(top?.message_seq ?? 0), Number(top?.event_seq ?? 0), deps.clock.now()],
    );
  });
  let after: string | null = null;
  let conversations = 0;
  for (;;) {
    const page: { id: string }[] = await deps.db.query<{ id: string }>(
      `SELECT id FROM conversations WHERE ($1::uuid IS NULL OR id > $1::uuid) ORDER BY id LIMIT ${CONVERSATION_CHUNK * 4}`,
      [after],
    );
    if (page.length === 0) break;
    const ids = page.map((r) => r.id);
    await deps.db.transaction(async (query) => {
      await query(HISTOGRAMS_KEPT);
      for (let i = 0; i < ids.length; i += CONVERSATION_CHUNK)
        await recomputeConversations(query, ids.slice(i, i + CONVERSATION_CHUNK), { histograms: false });
    });
    conversations += ids.length;
    after = ids.at(-1)!;
  }
  // Locked: a refresh that ran meanwhile moved histograms the rebuild had emptied; this replaces them.
  await deps.db.transaction(async (query) => {
    await lockProgress(query, true);
    await rebuildHistograms(query);
  });
  // Marks the new rows all-visible for the report's index-only scans (performance-figures.ts).
  await deps.db.query('VACUUM ANALYZE report_histograms');
  const [hours] = await deps.db.query<{ n: number }>(
    'SELECT count(DISTINCT hour)::int AS n FROM message_hourly',
  );
  return { conversations, hours: hours?.n ?? 0 };
}

/** `POST /api/reports/refresh`: brought up to date now (after a refresh under way elsewhere); when. */
export async function refreshReportsNow(
  deps: ReportsDeps,
  actor: ReportsActor,
): Promise<{ refreshedAt: string | null }> {
  assertReportsManager(actor, 'bring the reports up to date');
  await refreshReports(deps, { wait: true });
  return { refreshedAt: (await reportsRefreshedAt(deps))?.toISOString() ?? null };
}

/** When the reports were last brought up to date, or null before the first time. */
export async function reportsRefreshedAt(deps: ReportsDeps): Promise<Date | null> {
  const [row] = await deps.db.query<{ refreshed_at: Date | null }>(
    'SELECT refreshed_at FROM report_progress WHERE id = 1',
  );
  return row?.refreshed_at ? new Date(row.refreshed_at) : null;
}

async function lockProgress(query: Query, wait = false) {
  await query('INSERT INTO report_progress (id) VALUES (1) ON CONFLICT (id) DO NOTHING');
  const [row] = await query<{ message_seq: string; event_seq: string }>(
    `SELECT message_seq, event_seq FROM report_progress WHERE id = 1 FOR UPDATE ${wait ? '' : 'SKIP LOCKED'}`,
  );
  return row ? { messageSeq: Number(row.message_seq), eventSeq: Number(row.event_seq) } : null;
}

/** Who sent a message (of the table aliased `m`, or unaliased), as message_hourly counts it. */
const senderKind = (m = '') => `CASE WHEN ${m}direction = 'inbound' THEN 'customer'
                          WHEN ${m}automated_by IS NOT NULL THEN 'automation'
                          WHEN ${m}sender_user_id IS NOT NULL THEN 'person'
                          ELSE 'other' END`;

async function recountHours(query: Query, hours: { workspace_id: string; hour: Date }[]) {
  if (hours.length === 0) return;
  const ws = hours.map((h) => h.workspace_id);
  const at = hours.map((h) => h.hour);
  await query(
    `DELETE FROM message_hourly m USING unnest($1::uuid[], $2::timestamptz[]) AS v(w, h)
      WHERE m.workspace_id = v.w AND m.hour = v.h`,
    [ws, at],
  );
  await query(
    `INSERT INTO message_hourly (workspace_id, hour, channel_id, direction, sender_kind, sender_user_id, count)
     SELECT v.w, v.h, m.channel_id, m.direction, ${senderKind('m.')},
            m.sender_user_id, count(*)::int
       FROM unnest($1::uuid[], $2::timestamptz[]) AS v(w, h)
       JOIN messages m ON m.workspace_id = v.w AND m.occurred_at >= v.h AND m.occurred_at < v.h + interval '1 hour'
      GROUP BY v.w, v.h, m.channel_id, m.direction, 5, m.sender_user_id`,
    [ws, at],
  );
}

interface ConversationRow {
  id: string;
  workspace_id: string;
  channel_id: string;
  contact_id: string;
  assignee_user_id: string | null;
  team_id: string | null;
  contacts_first: boolean;
}

/**
 * Works out the cycles of these conversations again from their history, in the caller's
 * transaction, and report_histograms with them (unless a rebuild fills those at the end).
 */
async function recomputeConversations(
  query: Query,
  ids: string[],
  opts: { histograms: boolean } = { histograms: true },
): Promise<void> {
  if (ids.length === 0) return;
  const [conversations, messages, events, waits] = [
    await query<ConversationRow & Record<string, unknown>>(
      `SELECT c.id, c.workspace_id, c.channel_id, c.contact_id, c.assignee_user_id, c.team_id,
              -- By number: (channel_id, contact_id) is indexed, contact_id alone is not (a scan of
              -- every conversation per row took 5 s for 500 conversations among 100,000).
              NOT EXISTS (SELECT 1 FROM conversations o
                           WHERE o.channel_id IN (SELECT ch.id FROM channels ch WHERE ch.workspace_id = c.workspace_id)
                             AND o.contact_id = c.contact_id
                             AND (o.created_at, o.id) < (c.created_at, c.id)) AS contacts_first
         FROM conversations c WHERE c.id = ANY($1::uuid[])`,
      [ids],
    ),
    await query<{
      conversation_id: string;
      direction: 'inbound' | 'outbound';
      sender_user_id: string | null;
      automated: boolean;
      system: boolean;
      from_ad: boolean;
      occurred_at: Date;
    }>(
      // A satisfaction survey's rating and comment are no customer writing to be answered: they
      // neither start a cycle nor wait for a response (as a system line).
      `SELECT conversation_id, direction, sender_user_id, automated_by IS NOT NULL AS automated,
              type = 'system' OR id IN (SELECT unnest(ARRAY[s.rating_message_id, s.comment_message_id])
                                          FROM csat_surveys s WHERE s.conversation_id = ANY($1::uuid[])) AS system,
              referral IS NOT NULL AS from_ad, occurred_at
         FROM messages WHERE conversation_id = ANY($1::uuid[]) ORDER BY occurred_at, seq`,
      [ids],
    ),
    await query<{
      conversation_id: string;
      kind: 'status' | 'assignee' | 'team';
      from_value: string | null;
      to_value: string | null;
      actor_user_id: string | null;
      occurred_at: Date;
    }>(
      `SELECT conversation_id, kind, from_value, to_value, actor_user_id, occurred_at
         FROM conversation_events
        WHERE conversation_id = ANY($1::uuid[]) AND kind IN ('status', 'assignee', 'team')
        ORDER BY occurred_at, seq`,
      [ids],
    ),
    await query<{ conversation_id: string; queued_at: Date; assigned_at: Date }>(
      `SELECT conversation_id, queued_at, assigned_at FROM conversation_queue_waits
        WHERE conversation_id = ANY($1::uuid[]) ORDER BY assigned_at`,
      [ids],
    ),
  ];
  const histories = new Map<string, ConversationHistory>(
    conversations.map((c) => [
      c.id,
      {
        workspaceId: c.workspace_id,
        conversationId: c.id,
        channelId: c.channel_id,
        contactId: c.contact_id,
        assigneeUserId: c.assignee_user_id,
        teamId: c.team_id,
        contactsFirstConversation: c.contacts_first,
        messages: [],
        events: [],
        waits: [],
      },
    ]),
  );
  for (const m of messages)
    histories.get(m.conversation_id)?.messages.push({
      direction: m.direction,
      senderUserId: m.sender_user_id,
      automated: m.automated,
      system: m.system,
      fromAd: m.from_ad,
      at: new Date(m.occurred_at),
    });
  for (const e of events)
    histories.get(e.conversation_id)?.events.push({
      kind: e.kind,
      from: e.from_value,
      to: e.to_value,
      actorUserId: e.actor_user_id,
      at: new Date(e.occurred_at),
    });
  for (const w of waits)
    histories
      .get(w.conversation_id)
      ?.waits.push({ queuedAt: new Date(w.queued_at), assignedAt: new Date(w.assigned_at) });

  const calendars = await calendarsOf(query, [...new Set(conversations.map((c) => c.workspace_id))]);
  const cycles: Cycle[] = [];
  for (const h of histories.values())
    cycles.push(...computeCycles(h, (teamId) => calendars.of(h.workspaceId, teamId)));

  // With the histograms: the old cycles' facts taken away and the new ones' added in a table of
  // changes, netted and written once (the triggers stay off: HISTOGRAMS_KEPT).
  const changes = async (source: string, sign: 1 | -1) =>
    opts.histograms
      ? ` INSERT INTO report_histogram_changes ${await histogramRowsSql(query, source, sign)}`
      : ' SELECT 1';
  if (opts.histograms) await prepareHistogramChanges(query);
  await query(
    `WITH gone AS (DELETE FROM conversation_cycles WHERE conversation_id = ANY($1::uuid[]) RETURNING *)${await changes('gone', -1)}`,
    [ids],
  );
  if (cycles.length > 0) await insertCycles(query, cycles, await changes('added', 1));
  if (opts.histograms) await netHistogramChanges(query);
}

async function insertCycles(query: Query, cycles: Cycle[], then: string): Promise<void> {
  await query(
    `WITH added AS (INSERT INTO conversation_cycles
       (workspace_id, conversation_id, cycle_no, channel_id, contact_id, team_id, agent_user_id,
        first_responder_user_id, assigned_user_ids, replier_user_ids, started_at, reopened, contact_first,
        from_ad, first_response_at, first_response_ms, first_response_bms, response_ms, response_bms,
        resolved_at, resolved_by_user_id, resolution_ms, resolution_bms, queue_wait_ms, queue_wait_bms,
        expires_at, customer_messages, agent_messages, business_hours)
     SELECT w, cv, no, ch, ct, tm, ag, fr, ARRAY(SELECT json_array_elements_text(au))::uuid[],
            ARRAY(SELECT json_array_elements_text(rp))::uuid[], st, ro, cf, ad, fra, frm, frb,
            ARRAY(SELECT json_array_elements_text(rm))::bigint[], ARRAY(SELECT json_array_elements_text(rb))::bigint[],
            ra, rby, rsm, rsb, ARRAY(SELECT json_array_elements_text(qm))::bigint[],
            ARRAY(SELECT json_array_elements_text(qb))::bigint[], ex, cm, am, bh
       FROM json_to_recordset($1::json) AS v(w uuid, cv uuid, no int, ch uuid, ct uuid, tm uuid, ag uuid, fr uuid,
            au json, rp json, st timestamptz, ro boolean, cf boolean, ad boolean, fra timestamptz, frm bigint,
            frb bigint, rm json, rb json, ra timestamptz, rby uuid, rsm bigint, rsb bigint, qm json, qb json,
            ex timestamptz, cm int, am int, bh boolean)
     RETURNING *)${then}`,
    [
      toPgJson(
        cycles.map((c) => ({
          w: c.workspaceId,
          cv: c.conversationId,
          no: c.cycleNo,
          ch: c.channelId,
          ct: c.contactId,
          tm: c.teamId,
          ag: c.agentUserId,
          fr: c.firstResponderUserId,
          au: c.assignedUserIds,
          rp: c.replierUserIds,
          st: c.startedAt,
          ro: c.reopened,
          cf: c.contactFirst,
          ad: c.fromAd,
          fra: c.firstResponseAt,
          frm: c.firstResponseMs,
          frb: c.firstResponseBms,
          rm: c.responseMs,
          rb: c.responseBms,
          ra: c.resolvedAt,
          rby: c.resolvedByUserId,
          rsm: c.resolutionMs,
          rsb: c.resolutionBms,
          qm: c.queueWaitMs,
          qb: c.queueWaitBms,
          ex: c.expiresAt,
          cm: c.customerMessages,
          am: c.agentMessages,
          bh: c.businessHours,
        })),
      ),
    ],
  );
}
