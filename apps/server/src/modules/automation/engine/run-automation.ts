import { randomUUID } from 'node:crypto';
import {
  addBusinessMs,
  type HttpCall,
  httpCall,
  isOpenAt,
  RuleActionSchema,
  RuleConditionSchema,
  RuleTriggerSchema,
} from '@charla/contracts';
import type { Query } from '../../../platform/db/database';
import { toPgSafeText } from '../../../platform/db/pg-safe';
import { REPLY_WINDOW_HOURS } from '../../broadcasts';
import {
  type AutomatedBy,
  type InboxChange,
  ONLINE_WITHIN_MINUTES,
  recordConversationEvents,
} from '../../inbox';
import type { AutomationEngineDeps } from '../automation.deps';
import { calendarsOf, type WorkspaceCalendars } from '../calendars/business-hours';
import { loadAutomationFiles, mediaIdOf } from './automation-files';
import type { StateChange } from './enqueue-state-changes';
import { type EngineRule, type EventFacts, firingOrder } from './evaluate';
import { type ActionLog, type ActionTarget, applyStateAction } from './rule-actions';
import { RATE_WINDOW_MS, ruleSendContent } from './rule-send';
import { createFlowRunner, type FlowConversation, type HttpResult } from './run-flows';
import { nextScheduleAt, runDueSchedules } from './run-schedules';
import { type PendingSend, storeSends } from './store-sends';

const DAY_MS = 86_400_000;
const LATE_SLACK_MS = 3_000;

export interface InboxRow {
  id: number;
  kind:
    | 'message'
    | 'no_reply'
    | 'window_closing'
    | 'flow_start'
    | 'flow_resume'
    | 'flow_reminder'
    | 'flow_timeout'
    | 'flow_http'
    | 'rule_http'
    | 'state_change'
    | 'schedule';
  workspace_id: string;
  conversation_id: string;
  message_id: string | null;
  opened: 'new' | 'reopened' | null;
  rule_id: string | null;
  flow_id: string | null;
  session_id: string | null;
  session_step: number | null;
  /** state_change: what changed; rule_http: the request and the rule (RuleHttpDetail). */
  detail: StateChange | RuleHttpDetail | null;
  attempts: number;
}

interface FactRow {
  event_id: number;
  channel_id: string;
  contact_id: string;
  status: string;
  assignee_user_id: string | null;
  team_id: string | null;
  last_inbound_at: Date | null;
  tags: string[];
  attributes: Record<string, unknown>;
  opt_in_state: string;
  contact_name: string | null;
  profile_name: string | null;
  phone: string | null;
  workspace_name: string;
  assignee_name: string | null;
  m_type: string | null;
  m_text: string | null;
  m_content: { type?: string; id?: string | null; title?: string } | null;
  m_at: Date | null;
  recent_auto: number | string;
  person_reply_at: Date | null;
  agents_online: boolean;
  broadcast_id: string | null;
}

interface RuleRow {
  id: string;
  workspace_id: string;
  name: string;
  position: number;
  channel_ids: string[];
  trigger: unknown;
  conditions: unknown;
  actions: unknown;
  cooldown_minutes: number;
}

/** What a committed run leaves to do: announce the changes, wake the numbers' senders and the HTTP worker. */
export interface AutomationRun {
  taken: number;
  changes: InboxChange[];
  channelIds: string[];
  /** Bots' HTTP steps now waiting for their call. */
  httpQueued: number;
  /** Conversations rules resolved, for the satisfaction survey after commit. */
  resolved?: { workspaceId: string; conversationId: string }[];
}

/**
 * Takes up to `limit` due rows of automation_inbox and runs the rules on them in ONE
 * transaction with their deletion, so each event is acted on exactly once across crashes and
 * processes. A batch that fails is retried row by row; a row that fails alone three times is
 * kept with its error and not taken again.
 */
export async function runDueAutomation(deps: AutomationEngineDeps, limit = 200): Promise<AutomationRun> {
  // Schedules that came due first queue their conversations as rows of their own.
  const scheduled = await runDueSchedules(deps);
  try {
    const run = await deps.db.transaction(async (query) => {
      const rows = await claimDue(query, deps.clock.now(), limit);
      return processRows(deps, query, rows);
    });
    return { ...run, taken: run.taken + scheduled };
  } catch (err) {
    deps.log.warn({ err }, 'automation batch failed; retrying its events one by one');
    const total: AutomationRun = { taken: scheduled, changes: [], channelIds: [], httpQueued: 0 };
    for (let i = 0; i < limit; i++) {
      let claimed: InboxRow | undefined;
      try {
        const run = await deps.db.transaction(async (query) => {
          const rows = await claimDue(query, deps.clock.now(), 1);
          claimed = rows[0];
          return processRows(deps, query, rows);
        });
        if (run.taken === 0) break;
        total.taken += run.taken;
        total.changes.push(...run.changes);
        total.channelIds.push(...run.channelIds);
        total.httpQueued += run.httpQueued;
        if (run.resolved) total.resolved = [...(total.resolved ?? []), ...run.resolved];
      } catch (rowErr) {
        if (!claimed) throw rowErr;
        deps.log.error({ err: rowErr, eventId: claimed.id }, 'automation event failed');
        await deps.db.query(
          `UPDATE automation_inbox SET attempts = attempts + 1,
                  error = CASE WHEN attempts + 1 >= 3 THEN $2 ELSE NULL END,
                  due_at = $3 WHERE id = $1`,
          [
            claimed.id,
            toPgSafeText(String((rowErr as Error).message ?? rowErr)).slice(0, 2000),
            new Date(deps.clock.now().getTime() + 5_000),
          ],
        );
        total.taken += 1;
      }
    }
    return total;
  }
}

/** When the next row falls due (null: none waiting), for the worker's timer. */
export async function nextDueAt(query: Query): Promise<Date | null> {
  const [row] = await query<{ due_at: Date }>(
    `SELECT due_at FROM automation_inbox WHERE error IS NULL AND kind NOT IN ('flow_http', 'rule_http') ORDER BY due_at LIMIT 1`,
  );
  const schedule = await nextScheduleAt(query);
  if (!row) return schedule;
  const at = new Date(row.due_at);
  // A customer's message is due at '-infinity': now.
  if (!Number.isFinite(at.getTime())) return new Date(0);
  return schedule && schedule < at ? schedule : at;
}

/** bigint ids: node-postgres gives strings, PGlite numbers; they are numbers here. */
const claimDue = async (query: Query, now: Date, limit: number): Promise<InboxRow[]> =>
  (
    await query<InboxRow & Record<string, unknown>>(
      `SELECT id, kind, workspace_id, conversation_id, message_id, opened, rule_id, flow_id, session_id, session_step, detail, attempts
       FROM automation_inbox
      WHERE error IS NULL AND due_at <= $1 AND kind NOT IN ('flow_http', 'rule_http') ORDER BY due_at, id LIMIT $2 FOR UPDATE SKIP LOCKED`,
      [now, limit],
    )
  ).map((r) => ({ ...r, id: Number(r.id) }));

/**
 * Runs a batch of claimed rows in the caller's transaction and deletes them. `httpResults`: the
 * answers of bots' HTTP steps, by row id, for `flow_http` rows (run-http-calls.ts).
 */
export async function processRows(
  deps: AutomationEngineDeps,
  query: Query,
  rows: InboxRow[],
  httpResults: Map<number, HttpResult> = new Map(),
): Promise<AutomationRun> {
  const run: AutomationRun = { taken: rows.length, changes: [], channelIds: [], httpQueued: 0 };
  if (rows.length === 0) return run;
  const now = deps.clock.now();
  const workspaceIds = [...new Set(rows.map((r) => r.workspace_id))];
  // Conversations locked in id order: events of one conversation in two processes run one after the other.
  await query('SELECT id FROM conversations WHERE id = ANY($1::uuid[]) ORDER BY id FOR UPDATE', [
    [...new Set(rows.map((r) => r.conversation_id))],
  ]);
  // One after the other: a transaction is one connection.
  const facts = await loadFacts(query, rows, now);
  const rules = await loadRules(query, workspaceIds);
  const calendars = await calendarsOf(query, workspaceIds);
  const fires = await loadFires(query, rules, rows);
  const files = await loadAutomationFiles(
    query,
    rules.flatMap((r) =>
      r.actions.map((a) => ({
        workspaceId: r.workspaceId,
        mediaId: a.type === 'send_message' ? mediaIdOf(a.message) : null,
      })),
    ),
  );
  const log: ActionLog = { events: [], changes: [] };
  const sends: PendingSend[] = [];
  const fired = new Map<string, number>();
  const timers: TimerRow[] = [];
  const sentIn = new Map<string, number>();
  const httpCalls: RuleHttpCall[] = [];
  const firedPairs = new Set<string>();
  const flowBatch = { now, log, sends, httpQueued: 0 };
  const bots = createFlowRunner(query, flowBatch);
  await bots.load([...new Set(rows.map((r) => r.conversation_id))]);

  for (const row of rows) {
    const f = facts.get(row.id);
    if (!f) continue; // the conversation is gone
    const wsRules = rules.filter((r) => r.workspaceId === row.workspace_id);
    const target: ActionTarget = {
      workspaceId: row.workspace_id,
      conversationId: row.conversation_id,
      contactId: f.contact_id,
      status: f.status,
      assigneeUserId: f.assignee_user_id,
      teamId: f.team_id,
    };
    const messageAt = f.m_at ? new Date(f.m_at) : now;
    const at = new Date(Math.max(now.getTime(), messageAt.getTime() + 1));
    const conversation = flowConversationOf(row, f, target, calendars, now, sentIn);
    if (row.kind === 'flow_start') {
      const why = row.flow_id ? await bots.start(conversation, row.flow_id, at) : 'flow_unpublished';
      if (why) log.events.push(automationLine(row, at, null, 'skipped', why));
      continue;
    }
    if (row.kind === 'flow_http') {
      const result = httpResults.get(row.id);
      if (result && row.session_id && row.session_step !== null)
        await bots.httpAnswer(conversation, row.session_id, row.session_step, result, at);
      continue;
    }
    if (row.kind === 'rule_http') {
      // The rule went on without waiting; its call's answer is a line in the history.
      const result = httpResults.get(row.id);
      const detail = row.detail as RuleHttpDetail | null;
      if (result && detail)
        log.events.push(automationLine(row, at, detail.by, 'http_called', result.summary));
      continue;
    }
    if (row.kind === 'flow_resume' || row.kind === 'flow_reminder' || row.kind === 'flow_timeout') {
      if (row.session_id && row.session_step !== null)
        await bots.timer(conversation, row.kind, row.session_id, row.session_step, at);
      continue;
    }
    if (row.kind === 'message') {
      const session = bots.activeIn(row.conversation_id);
      // A person answered since the bot started: the bot steps aside.
      if (session && f.person_reply_at && new Date(f.person_reply_at) >= new Date(session.started_at))
        bots.end(row.conversation_id, 'agent_replied');
      else if (session) {
        // Written before the bot's last question (Meta delivered it late): not an answer to it.
        // WhatsApp's times are whole seconds, and clocks differ a little: 3 s of slack.
        if (messageAt.getTime() < new Date(session.asked_at).getTime() - LATE_SLACK_MS) continue;
        await bots.feed(conversation, session, inputOf(f), at);
        continue;
      }
      timers.push(...timersFor(wsRules, row, f, messageAt, calendars));
    } else if (row.kind === 'schedule') {
      // Resolved or snoozed since the schedule queued it: not one it acts on.
      if (f.status !== 'open' && f.status !== 'pending') continue;
    } else if (row.kind !== 'state_change' && !timerStillDue(row, f, messageAt)) continue;

    const eventFacts = factsOf(row, f, calendars, now);
    // A message or a change may fire any rule; a timer or a schedule's row only its own.
    const candidates =
      row.kind === 'message' || row.kind === 'state_change'
        ? wsRules
        : wsRules.filter((r) => r.id === row.rule_id);
    const order = firingOrder(candidates, eventFacts);
    let replied = false;
    for (const { rule } of order) {
      const fireKey = `${rule.id}|${row.conversation_id}`;
      const last = fires.get(fireKey);
      if (rule.cooldownMinutes > 0 && last && now.getTime() - last.getTime() < rule.cooldownMinutes * 60_000)
        continue;
      fires.set(fireKey, now);
      firedPairs.add(fireKey);
      fired.set(rule.id, (fired.get(rule.id) ?? 0) + 1);
      const by: AutomatedBy = { kind: 'rule', id: rule.id, name: rule.name };
      const variables = variablesOf(f, target);
      let stop = false;
      for (const action of rule.actions) {
        if (action.type === 'stop') {
          stop = true;
          break;
        }
        if (action.type === 'start_flow') {
          const why = replied ? 'already_replied' : await bots.start(conversation, action.flowId, at);
          if (why) log.events.push(automationLine(row, at, by, 'skipped', why));
          else replied = true;
          continue;
        }
        if (action.type === 'http_request') {
          httpCalls.push({
            workspaceId: row.workspace_id,
            conversationId: row.conversation_id,
            detail: { request: httpCall(action, variables), by },
          });
          continue;
        }
        if (action.type !== 'send_message') {
          await applyStateAction(query, action, target, { by, at, variables, log });
          continue;
        }
        const made = await ruleSendContent(deps, query, action, {
          workspaceId: row.workspace_id,
          channelId: f.channel_id,
          replied,
          recent: Number(f.recent_auto) + (sentIn.get(row.conversation_id) ?? 0),
          windowEndsAt: f.last_inbound_at ? new Date(f.last_inbound_at).getTime() + DAY_MS : 0,
          now,
          contactOptedOut: f.opt_in_state === 'opted_out',
          variables,
          files,
        });
        const line = {
          workspaceId: row.workspace_id,
          conversationId: row.conversation_id,
          actorUserId: null,
          at,
          automatedBy: by,
          kind: 'automation' as const,
          from: null,
        };
        if ('skip' in made) {
          log.events.push({ ...line, to: 'skipped', note: made.skip });
          continue;
        }
        replied = true;
        sentIn.set(row.conversation_id, (sentIn.get(row.conversation_id) ?? 0) + 1);
        sends.push({
          id: randomUUID(),
          workspaceId: row.workspace_id,
          conversationId: row.conversation_id,
          channelId: f.channel_id,
          content: made.content,
          at,
          by,
        });
        // The window had closed: the thread says the template went instead.
        log.events.push({ ...line, to: 'replied', note: made.template ? 'template' : null });
      }
      if (stop) break;
    }
  }

  await bots.flush();
  await queueRuleHttpCalls(query, httpCalls, now);
  await storeSends(deps, query, sends);
  await recordFires(query, fired, firedPairs, rules, now);
  await scheduleTimers(query, timers);
  await query('DELETE FROM automation_inbox WHERE id = ANY($1::bigint[])', [rows.map((r) => r.id)]);
  await recordConversationEvents(query, log.events);
  run.changes = [
    ...log.changes,
    ...sends.map((s) => ({
      kind: 'message.created' as const,
      workspaceId: s.workspaceId,
      conversationId: s.conversationId,
      messageId: s.id,
    })),
  ];
  run.channelIds = [...new Set(sends.map((s) => s.channelId))];
  run.httpQueued = flowBatch.httpQueued + httpCalls.length;
  if (log.resolved) run.resolved = log.resolved;
  return run;
}

/** A rule's HTTP call, made by the HTTP loop (run-http-calls.ts) after this batch commits. */
export interface RuleHttpDetail {
  request: HttpCall;
  by: AutomatedBy;
}
interface RuleHttpCall {
  workspaceId: string;
  conversationId: string;
  detail: RuleHttpDetail;
}

async function queueRuleHttpCalls(query: Query, calls: RuleHttpCall[], now: Date) {
  if (calls.length === 0) return;
  await query(
    `INSERT INTO automation_inbox (workspace_id, kind, conversation_id, detail, due_at)
     SELECT ws, 'rule_http', conv, detail, $4 FROM unnest($1::uuid[], $2::uuid[], $3::jsonb[]) AS v(ws, conv, detail)`,
    [
      calls.map((c) => c.workspaceId),
      calls.map((c) => c.conversationId),
      calls.map((c) => JSON.stringify(c.detail)),
      now,
    ],
  );
}

async function loadFacts(query: Query, rows: InboxRow[], now: Date): Promise<Map<number, FactRow>> {
  const found = await query<FactRow & Record<string, unknown>>(
    `SELECT e.id AS event_id, c.channel_id, c.contact_id, c.status, c.assignee_user_id, c.team_id, c.last_inbound_at,
            ct.tags, ct.attributes, ct.opt_in_state, ct.name AS contact_name, ct.profile_name, ct.phone,
            w.name AS workspace_name, u.name AS assignee_name,
            m.type AS m_type, m.text AS m_text, m.content AS m_content, m.occurred_at AS m_at,
            (SELECT count(*) FROM messages a
              WHERE a.conversation_id = c.id AND a.automated_by IS NOT NULL AND a.direction = 'outbound'
                AND a.occurred_at > $2::timestamptz - make_interval(secs => $3)) AS recent_auto,
            (SELECT max(p.occurred_at) FROM messages p
              WHERE p.conversation_id = c.id AND p.direction = 'outbound' AND p.sender_user_id IS NOT NULL) AS person_reply_at,
            EXISTS (SELECT 1 FROM workspace_members wm
                     WHERE wm.workspace_id = c.workspace_id AND wm.deactivated_at IS NULL
                       AND wm.last_seen_at > $2::timestamptz - make_interval(mins => $4)) AS agents_online,
            -- The broadcast this message is the first reply to (broadcasts' own "replied": 72 h).
            (SELECT r.broadcast_id FROM broadcast_recipients r
              WHERE m.direction = 'inbound' AND r.conversation_id = c.id AND r.sent_at IS NOT NULL
                AND m.occurred_at >= date_trunc('second', r.sent_at)
                AND m.occurred_at <= r.sent_at + make_interval(hours => $5)
                AND NOT EXISTS (SELECT 1 FROM messages i
                                 WHERE i.conversation_id = c.id AND i.direction = 'inbound' AND i.id <> m.id
                                   AND i.occurred_at >= date_trunc('second', r.sent_at)
                                   AND (i.occurred_at, i.seq) < (m.occurred_at, m.seq))
              ORDER BY r.sent_at DESC LIMIT 1) AS broadcast_id
       FROM automation_inbox e
       JOIN conversations c ON c.id = e.conversation_id AND c.workspace_id = e.workspace_id
       JOIN contacts ct ON ct.id = c.contact_id
       JOIN workspaces w ON w.id = c.workspace_id
       LEFT JOIN users u ON u.id = c.assignee_user_id
       LEFT JOIN messages m ON m.id = e.message_id
      WHERE e.id = ANY($1::bigint[])`,
    [rows.map((r) => r.id), now, RATE_WINDOW_MS / 1000, ONLINE_WITHIN_MINUTES, REPLY_WINDOW_HOURS],
  );
  return new Map(found.map((f) => [Number(f.event_id), f]));
}

async function loadRules(query: Query, workspaceIds: string[]): Promise<EngineRule[]> {
  const rows = await query<RuleRow & Record<string, unknown>>(
    `SELECT id, workspace_id, name, position, channel_ids, trigger, conditions, actions, cooldown_minutes
       FROM automation_rules WHERE workspace_id = ANY($1::uuid[]) AND enabled ORDER BY position, created_at`,
    [workspaceIds],
  );
  const rules: EngineRule[] = [];
  for (const r of rows) {
    // Validated when saved; parsed again so defaults added later apply to rules saved before.
    const trigger = RuleTriggerSchema.safeParse(r.trigger);
    const conditions = RuleConditionSchema.array().safeParse(r.conditions);
    const actions = RuleActionSchema.array().safeParse(r.actions);
    if (!trigger.success || !conditions.success || !actions.success) continue;
    rules.push({
      id: r.id,
      workspaceId: r.workspace_id,
      name: r.name,
      position: r.position,
      channelIds: r.channel_ids ?? [],
      trigger: trigger.data,
      conditions: conditions.data,
      actions: actions.data,
      cooldownMinutes: r.cooldown_minutes,
    });
  }
  return rules;
}

async function loadFires(query: Query, rules: EngineRule[], rows: InboxRow[]): Promise<Map<string, Date>> {
  const withCooldown = rules.filter((r) => r.cooldownMinutes > 0).map((r) => r.id);
  if (withCooldown.length === 0) return new Map();
  const found = await query<{ rule_id: string; conversation_id: string; fired_at: Date }>(
    `SELECT rule_id, conversation_id, fired_at FROM automation_rule_fires
      WHERE rule_id = ANY($1::uuid[]) AND conversation_id = ANY($2::uuid[])`,
    [withCooldown, [...new Set(rows.map((r) => r.conversation_id))]],
  );
  return new Map(found.map((f) => [`${f.rule_id}|${f.conversation_id}`, new Date(f.fired_at)]));
}

/** Counts and last run of each rule, and when it last fired in each conversation (its cooldown). */
async function recordFires(
  query: Query,
  fired: Map<string, number>,
  pairs: Set<string>,
  rules: EngineRule[],
  now: Date,
) {
  if (fired.size === 0) return;
  const ids = [...fired.keys()].sort();
  await query(
    `UPDATE automation_rules r SET fired_count = r.fired_count + v.n, last_fired_at = $3
       FROM unnest($1::uuid[], $2::int[]) AS v(id, n) WHERE r.id = v.id`,
    [ids, ids.map((id) => fired.get(id)!), now],
  );
  // The hour's count, for the reports' fires over a period.
  await query(
    `INSERT INTO automation_rule_fire_hours (rule_id, workspace_id, hour, fired)
     SELECT r.id, r.workspace_id, date_trunc('hour', $3::timestamptz AT TIME ZONE 'UTC') AT TIME ZONE 'UTC', v.n
       FROM unnest($1::uuid[], $2::int[]) AS v(id, n) JOIN automation_rules r ON r.id = v.id
     ON CONFLICT (rule_id, hour) DO UPDATE SET fired = automation_rule_fire_hours.fired + EXCLUDED.fired`,
    [ids, ids.map((id) => fired.get(id)!), now],
  );
  const withCooldown = new Set(rules.filter((r) => r.cooldownMinutes > 0).map((r) => r.id));
  const kept = [...pairs]
    .map((key) => key.split('|') as [string, string])
    .filter(([rule]) => withCooldown.has(rule));
  if (kept.length === 0) return;
  await query(
    `INSERT INTO automation_rule_fires (rule_id, conversation_id, fired_at)
     SELECT r, c, $3 FROM unnest($1::uuid[], $2::uuid[]) AS v(r, c)
     ON CONFLICT (rule_id, conversation_id) DO UPDATE SET fired_at = EXCLUDED.fired_at`,
    [kept.map((p) => p[0]), kept.map((p) => p[1]), now],
  );
}

interface TimerRow {
  workspaceId: string;
  kind: 'no_reply' | 'window_closing';
  conversationId: string;
  messageId: string;
  ruleId: string;
  dueAt: Date;
}

/**
 * The timers a customer's message starts: "no reply for N minutes" from the first unanswered
 * message (an existing timer is kept), "window closing" from the last one (moved later).
 */
function timersFor(
  rules: EngineRule[],
  row: InboxRow,
  f: FactRow,
  messageAt: Date,
  calendars: WorkspaceCalendars,
): TimerRow[] {
  if (!row.message_id) return [];
  const timers: TimerRow[] = [];
  for (const rule of rules) {
    if (rule.channelIds.length > 0 && !rule.channelIds.includes(f.channel_id)) continue;
    const t = rule.trigger;
    if (t.type === 'no_reply') {
      const calendar = t.businessTime ? calendars.of(row.workspace_id, f.team_id) : null;
      const dueAt = calendar
        ? addBusinessMs(calendar, messageAt, t.minutes * 60_000)
        : new Date(messageAt.getTime() + t.minutes * 60_000);
      if (dueAt) timers.push({ ...timerBase(row, rule.id, 'no_reply'), dueAt });
    } else if (t.type === 'window_closing') {
      const dueAt = new Date(messageAt.getTime() + DAY_MS - t.minutes * 60_000);
      timers.push({ ...timerBase(row, rule.id, 'window_closing'), dueAt });
    }
  }
  return timers;
}

const timerBase = (row: InboxRow, ruleId: string, kind: TimerRow['kind']) => ({
  workspaceId: row.workspace_id,
  kind,
  conversationId: row.conversation_id,
  messageId: row.message_id!,
  ruleId,
});

/** A waiting "no reply" timer keeps running, unless a person answered its message: then it starts again from this one. */
const RESTART_IF_ANSWERED = `DO UPDATE SET message_id = EXCLUDED.message_id, due_at = EXCLUDED.due_at
  WHERE EXISTS (SELECT 1 FROM messages p, messages t
                 WHERE t.id = automation_inbox.message_id AND p.conversation_id = automation_inbox.conversation_id
                   AND p.direction = 'outbound' AND p.sender_user_id IS NOT NULL AND p.occurred_at >= t.occurred_at)`;

async function scheduleTimers(query: Query, timers: TimerRow[]) {
  for (const kind of ['no_reply', 'window_closing'] as const) {
    // One row per rule and conversation: "no reply" counts from the batch's first message, the
    // window from its last.
    const byKey = new Map<string, TimerRow>();
    for (const t of timers) {
      if (t.kind !== kind) continue;
      const key = `${t.ruleId}|${t.conversationId}`;
      if (kind === 'window_closing' || !byKey.has(key)) byKey.set(key, t);
    }
    const rows = [...byKey.values()];
    if (rows.length === 0) continue;
    await query(
      `INSERT INTO automation_inbox (workspace_id, kind, conversation_id, message_id, rule_id, due_at)
       SELECT * FROM unnest($1::uuid[], $2::text[], $3::uuid[], $4::uuid[], $5::uuid[], $6::timestamptz[])
       ON CONFLICT (rule_id, conversation_id, kind) WHERE rule_id IS NOT NULL AND error IS NULL
       ${kind === 'no_reply' ? RESTART_IF_ANSWERED : 'DO UPDATE SET due_at = GREATEST(automation_inbox.due_at, EXCLUDED.due_at), message_id = EXCLUDED.message_id'}`,
      [
        rows.map((t) => t.workspaceId),
        rows.map((t) => t.kind),
        rows.map((t) => t.conversationId),
        rows.map((t) => t.messageId),
        rows.map((t) => t.ruleId),
        rows.map((t) => t.dueAt),
      ],
    );
  }
}

/**
 * A timer whose reason is gone does nothing: a person answered after the message, the
 * conversation was resolved, or (window) the customer wrote again and moved the window.
 */
function timerStillDue(row: InboxRow, f: FactRow, messageAt: Date): boolean {
  if (f.status === 'resolved' || f.status === 'snoozed') return false;
  if (f.person_reply_at && new Date(f.person_reply_at).getTime() >= messageAt.getTime()) return false;
  if (
    row.kind === 'window_closing' &&
    f.last_inbound_at &&
    new Date(f.last_inbound_at).getTime() > messageAt.getTime()
  )
    return false;
  return true;
}

function factsOf(row: InboxRow, f: FactRow, calendars: WorkspaceCalendars, now: Date): EventFacts {
  const content = f.m_content ?? {};
  return {
    kind: row.kind as EventFacts['kind'],
    change: row.kind === 'state_change' ? (row.detail as StateChange | null) : null,
    channelId: f.channel_id,
    message: f.m_type
      ? {
          type: f.m_type,
          text: f.m_type === 'reply' ? null : f.m_text,
          reply:
            f.m_type === 'reply'
              ? { id: (content.id as string | null) ?? null, title: String(content.title ?? '') }
              : null,
        }
      : null,
    broadcastId: row.kind === 'message' ? f.broadcast_id : null,
    opened: row.opened,
    assigned: f.assignee_user_id !== null,
    teamId: f.team_id,
    contact: { tags: f.tags ?? [], attributes: f.attributes ?? {}, optInState: f.opt_in_state },
    agentsOnline: f.agents_online,
    isOpen: (teamId) => {
      const calendar = calendars.of(row.workspace_id, teamId);
      return calendar ? isOpenAt(calendar, now) : true;
    },
  };
}

function variablesOf(f: FactRow, target: ActionTarget): Record<string, string> {
  const name = f.contact_name ?? f.profile_name ?? '';
  const values: Record<string, string> = {
    'contact.name': name,
    'contact.first_name': name.split(/\s+/)[0] ?? '',
    'contact.phone': f.phone ?? '',
    'workspace.name': f.workspace_name,
    'agent.name': target.assigneeUserId === f.assignee_user_id ? (f.assignee_name ?? '') : '',
  };
  for (const [key, value] of Object.entries(f.attributes ?? {}))
    if (value !== null && value !== undefined && !(`contact.${key}` in values))
      values[`contact.${key}`] = String(value);
  return values;
}

const automationLine = (
  row: InboxRow,
  at: Date,
  by: AutomatedBy | null,
  to: string,
  note: string | null,
) => ({
  workspaceId: row.workspace_id,
  conversationId: row.conversation_id,
  actorUserId: null,
  at,
  automatedBy: by,
  kind: 'automation' as const,
  from: null,
  to,
  note,
});

/** The customer's message as a bot reads it: text, or the button or row they tapped. */
function inputOf(f: FactRow) {
  const content = f.m_content ?? {};
  return f.m_type === 'reply'
    ? {
        kind: 'message' as const,
        text: null,
        replyId: (content.id as string | null) ?? null,
        replyTitle: String(content.title ?? ''),
      }
    : { kind: 'message' as const, text: f.m_text, replyId: null, replyTitle: null };
}

function flowConversationOf(
  row: InboxRow,
  f: FactRow,
  target: ActionTarget,
  calendars: WorkspaceCalendars,
  now: Date,
  sentIn: Map<string, number>,
): FlowConversation {
  const calendar = calendars.of(row.workspace_id, f.team_id);
  return {
    target,
    channelId: f.channel_id,
    windowEndsAt: f.last_inbound_at ? new Date(f.last_inbound_at).getTime() + DAY_MS : 0,
    contact: {
      name: f.contact_name ?? f.profile_name ?? '',
      phone: f.phone ?? '',
      attributes: f.attributes ?? {},
    },
    workspaceName: f.workspace_name,
    isOpen: () => (calendar ? isOpenAt(calendar, now) : true),
    recentAutomatic: Number(f.recent_auto) + (sentIn.get(row.conversation_id) ?? 0),
  };
}
