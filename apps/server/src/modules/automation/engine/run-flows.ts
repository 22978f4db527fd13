import { randomUUID } from 'node:crypto';
import {
  type FlowDefinition,
  FlowDefinitionSchema,
  type FlowEffect,
  type FlowInput,
  type FlowState,
  type FlowStep,
  type RuleMessage,
  stepFlow,
} from '@charla/contracts';
import type { Query } from '../../../platform/db/database';
import type { AutomatedBy } from '../../inbox';
import { botSessionsEnded } from '../flows/bot-session-events';
import { fileContent, loadAutomationFiles } from './automation-files';
import { type ActionLog, type ActionTarget, applyStateAction, ruleMessageContent } from './rule-actions';
import type { PendingSend } from './store-sends';

/** What an HTTP step's call came back with. */
export interface HttpResult {
  status: number | null;
  json: unknown;
  error: string | null;
  /** For the thread's history: `GET https://shop.example/orders → 200 · 120 ms` (no query string). */
  summary: string;
}

/** What the runner knows of a conversation when it steps its bot. */
export interface FlowConversation {
  target: ActionTarget;
  channelId: string;
  /** Epoch ms the 24-hour window closes at (0: never opened). */
  windowEndsAt: number;
  contact: { name: string; phone: string; attributes: Record<string, unknown> };
  workspaceName: string;
  isOpen(): boolean;
  /** Automatic messages in this conversation in the last 10 minutes. */
  recentAutomatic: number;
}

export interface SessionRow {
  id: string;
  workspace_id: string;
  conversation_id: string;
  flow_id: string;
  version: number;
  state: FlowState;
  step: number;
  started_at: Date;
  asked_at: Date;
  /** Where the batch left it, not yet written. */
  pending?: SessionWrite;
}

interface SessionWrite {
  status: 'active' | 'completed' | 'handed_off' | 'timed_out' | 'stopped' | 'moved';
  endReason: string | null;
  askedAt: Date;
  endedAt: Date | null;
}

/** More than this many automatic messages in a conversation in 10 minutes ends its bot (two bots talking). */
export const BOT_MESSAGES_PER_WINDOW = 30;
const WINDOW_MARGIN_MS = 60_000;
const MAX_GOTO = 3;

/**
 * Runs bots inside the automation batch's transaction: starts sessions, feeds them the
 * customer's messages and their timers, applies what the engine (packages/contracts
 * flow-engine) answers, and keeps each session's row and timers in step.
 */
export function createFlowRunner(
  query: Query,
  batch: { now: Date; log: ActionLog; sends: PendingSend[]; httpQueued: number },
) {
  const definitions = new Map<string, FlowDefinition>();
  const flowNames = new Map<string, { name: string; published: number | null }>();
  const active = new Map<string, SessionRow>();
  const fileSends: {
    send: PendingSend;
    message: Extract<RuleMessage, { type: 'media' }>;
    c: FlowConversation;
    by: AutomatedBy;
  }[] = [];

  /** The batch's file messages, their files read in one query: the content, or a skip in the history. */
  async function settleFileSends() {
    if (fileSends.length === 0) return;
    const files = await loadAutomationFiles(
      query,
      fileSends.map((f) => ({ workspaceId: f.c.target.workspaceId, mediaId: f.message.mediaId })),
    );
    for (const f of fileSends.splice(0)) {
      const made = fileContent(f.message, {}, files, f.c.channelId);
      if ('skip' in made) {
        batch.sends.splice(batch.sends.indexOf(f.send), 1);
        line(f.c, f.by, 'skipped', made.skip, f.send.at);
      } else f.send.content = made;
    }
  }

  async function flowOf(flowId: string, workspaceId: string) {
    if (!flowNames.has(flowId)) {
      const [row] = await query<{ name: string; published_version: number | null }>(
        'SELECT name, published_version FROM flows WHERE id = $1 AND workspace_id = $2',
        [flowId, workspaceId],
      );
      flowNames.set(
        flowId,
        row ? { name: row.name, published: row.published_version } : { name: '', published: null },
      );
    }
    return flowNames.get(flowId)!;
  }

  async function definitionOf(flowId: string, version: number): Promise<FlowDefinition | null> {
    const key = `${flowId}:${version}`;
    if (!definitions.has(key)) {
      const [row] = await query<{ definition: unknown }>(
        'SELECT definition FROM flow_versions WHERE flow_id = $1 AND version = $2',
        [flowId, version],
      );
      if (!row) return null;
      definitions.set(key, FlowDefinitionSchema.parse(row.definition));
    }
    return definitions.get(key)!;
  }

  const line = (c: FlowConversation, by: AutomatedBy, to: string, note: string | null, at: Date) =>
    batch.log.events.push({
      workspaceId: c.target.workspaceId,
      conversationId: c.target.conversationId,
      actorUserId: null,
      kind: 'automation',
      from: null,
      to,
      note,
      at,
      automatedBy: by,
    });

  /** Applies a step's effects; answers false when the window or the storm guard stopped it. */
  async function apply(
    c: FlowConversation,
    by: AutomatedBy,
    step: FlowStep,
    at: Date,
    sentSoFar: { n: number },
  ) {
    let stopped: string | null = null;
    for (const effect of step.effects as FlowEffect[]) {
      if (effect.type === 'send') {
        if (c.windowEndsAt - WINDOW_MARGIN_MS <= batch.now.getTime()) {
          stopped = 'window_closed';
          break;
        }
        if (c.recentAutomatic + sentSoFar.n >= BOT_MESSAGES_PER_WINDOW) {
          stopped = 'rate_limited';
          break;
        }
        sentSoFar.n++;
        const made =
          effect.message.type === 'media'
            ? null
            : ruleMessageContent(effect.message, {}, { files: new Map(), channelId: c.channelId });
        const send: PendingSend = {
          id: randomUUID(),
          workspaceId: c.target.workspaceId,
          conversationId: c.target.conversationId,
          channelId: c.channelId,
          content: made && !('skip' in made) ? made : { type: 'text', body: '' },
          // Each a millisecond after the last, so a bot's messages keep their order.
          at: new Date(at.getTime() + sentSoFar.n),
          by,
        };
        batch.sends.push(send);
        // Its file is read with the batch's others in `flush`, which sets the content (or drops it).
        if (effect.message.type === 'media') fileSends.push({ send, message: effect.message, c, by });
      } else if (effect.type === 'set_attribute') {
        if (effect.value !== null)
          await applyStateAction(
            query,
            { type: 'set_attribute', key: effect.key, value: effect.value },
            c.target,
            { by, at, variables: {}, log: batch.log },
          );
      } else if (effect.type === 'tag') {
        await applyStateAction(query, { type: 'tag', tag: effect.tag, add: effect.add }, c.target, {
          by,
          at,
          variables: {},
          log: batch.log,
        });
      } else if (effect.type === 'enroll_sequence') {
        // In the batch's transaction, as a rule's enrolment: the history says so, or why not.
        await applyStateAction(query, { type: 'enroll_sequence', sequenceId: effect.sequenceId }, c.target, {
          by,
          at,
          variables: {},
          log: batch.log,
        });
      } else if (effect.type === 'handoff') {
        // After the bot's last words, in the thread.
        const after = new Date(at.getTime() + sentSoFar.n + 1);
        const assign = effect.userId
          ? ({ type: 'assign', to: 'agent', userId: effect.userId, teamId: null } as const)
          : ({ type: 'assign', to: 'round_robin', userId: null, teamId: effect.teamId } as const);
        await applyStateAction(query, assign, c.target, { by, at: after, variables: {}, log: batch.log });
        if (effect.teamId && !c.target.teamId)
          await applyStateAction(
            query,
            { type: 'assign', to: 'team', userId: null, teamId: effect.teamId },
            c.target,
            { by, at: after, variables: {}, log: batch.log },
          );
        const collected = Object.entries(effect.collected).filter(([k]) => !k.startsWith('contact.'));
        if (collected.length > 0)
          await applyStateAction(
            query,
            { type: 'note', text: collected.map(([k, v]) => `${k}: ${v}`).join('\n') },
            c.target,
            { by, at: after, variables: {}, log: batch.log },
          );
        line(c, by, 'handed_off', null, after);
      }
    }
    return stopped;
  }

  /**
   * Where each session touched in the batch ends up, written by `flush` in a few statements for
   * the whole batch (a row per session and per timer would cost the batch a round trip each).
   */
  const created = new Map<string, SessionRow>();
  const updated = new Map<string, SessionRow>();
  const timers = new Map<string, { kind: string; at: Date; step: number; session: SessionRow }[]>();

  function write(session: SessionRow, w: SessionWrite) {
    session.pending = w;
    if (!created.has(session.id)) updated.set(session.id, session);
  }

  /** Saves where the session stands after a step, and sets its timers. */
  function save(
    session: SessionRow,
    step: FlowStep,
    settings: FlowDefinition['settings'],
    stopped: string | null,
  ) {
    // The customer wrote while the bot waits for its HTTP call: the call out stays the one awaited.
    if (!stopped && step.outcome === 'waiting_http' && !step.effects.some((e) => e.type === 'http')) return;
    const ended = stopped
      ? 'stopped'
      : step.outcome === 'waiting' || step.outcome === 'waiting_timer' || step.outcome === 'waiting_http'
        ? null
        : step.outcome === 'handed_off'
          ? 'handed_off'
          : step.outcome === 'moved'
            ? 'moved'
            : 'completed';
    session.step += 1;
    const reached = new Set([...(session.state.reached ?? []), ...step.trail]);
    session.state = { ...step.state, reached: [...reached] };
    write(session, {
      status: ended ?? 'active',
      endReason: stopped ?? step.problem ?? null,
      askedAt: batch.now,
      endedAt: ended ? batch.now : null,
    });
    const next: { kind: string; at: Date; step: number; session: SessionRow }[] = [];
    timers.set(session.id, next);
    if (ended) {
      active.delete(session.conversation_id);
      return;
    }
    const timer = (kind: string, at: Date) => next.push({ kind, at, step: session.step, session });
    if (step.outcome === 'waiting_timer' && step.state.resumeAt)
      timer('flow_resume', new Date(step.state.resumeAt));
    // The request is in the session's state; this row has the HTTP worker make it.
    if (step.outcome === 'waiting_http') {
      timer('flow_http', batch.now);
      batch.httpQueued++;
    }
    if (step.outcome === 'waiting') {
      const end = batch.now.getTime() + settings.idleMinutes * 60_000;
      timer('flow_timeout', new Date(end));
      if (
        settings.reminderMinutes &&
        settings.reminderMinutes < settings.idleMinutes &&
        settings.reminderText
      )
        timer('flow_reminder', new Date(end - settings.reminderMinutes * 60_000));
    }
  }

  /** Ends a session outside a step (an agent replied, a member stopped it, it timed out). */
  function close(session: SessionRow, status: SessionWrite['status'], reason: string) {
    active.delete(session.conversation_id);
    write(session, {
      status,
      endReason: reason,
      askedAt: session.pending?.askedAt ?? session.asked_at,
      endedAt: batch.now,
    });
    timers.set(session.id, []);
  }

  return {
    /** Reads the active sessions of the batch's conversations. */
    async load(conversationIds: string[]) {
      const rows = await query<SessionRow & Record<string, unknown>>(
        `SELECT id, workspace_id, conversation_id, flow_id, version, state, step, started_at, asked_at FROM bot_sessions
          WHERE conversation_id = ANY($1::uuid[]) AND status = 'active'`,
        [conversationIds],
      );
      for (const r of rows) active.set(r.conversation_id, r);
    },

    activeIn: (conversationId: string) => active.get(conversationId) ?? null,

    /** Ends a conversation's bot (an agent replied, a member stopped it). */
    end(conversationId: string, reason: string) {
      const session = active.get(conversationId);
      if (session) close(session, 'stopped', reason);
    },

    /**
     * Starts a flow's published version in the conversation. Answers why not when it cannot: a
     * bot already runs there, or the flow is gone or unpublished.
     */
    async start(c: FlowConversation, flowId: string, at: Date, depth = 0): Promise<string | null> {
      if (active.has(c.target.conversationId)) return 'bot_running';
      const flow = await flowOf(flowId, c.target.workspaceId);
      if (flow.published === null) return 'flow_unpublished';
      const definition = await definitionOf(flowId, flow.published);
      if (!definition) return 'flow_unpublished';
      const session: SessionRow = {
        id: randomUUID(),
        workspace_id: c.target.workspaceId,
        conversation_id: c.target.conversationId,
        flow_id: flowId,
        version: flow.published,
        state: {} as FlowState,
        step: 0,
        started_at: batch.now,
        asked_at: batch.now,
      };
      created.set(session.id, session);
      active.set(c.target.conversationId, session);
      await this.feed(c, session, { kind: 'start' }, at, depth);
      return null;
    },

    /** One step of a running session with the customer's message, a timer, or its start. */
    async feed(
      c: FlowConversation,
      session: SessionRow,
      input: FlowInput,
      at: Date,
      depth = 0,
    ): Promise<void> {
      const flow = await flowOf(session.flow_id, c.target.workspaceId);
      const definition = await definitionOf(session.flow_id, session.version);
      if (!definition) return this.end(c.target.conversationId, 'flow_deleted');
      const by: AutomatedBy = { kind: 'flow', id: session.flow_id, name: flow.name };
      const step = stepFlow(definition, input.kind === 'start' ? null : session.state, input, {
        contact: c.contact,
        workspaceName: c.workspaceName,
        isOpen: c.isOpen,
        now: batch.now.getTime(),
      });
      const stopped = await apply(c, by, step, at, { n: 0 });
      if (input.kind === 'start') line(c, by, 'bot_started', null, at);
      if (stopped) line(c, by, 'skipped', stopped, at);
      save(session, step, definition.settings, stopped);
      const next = step.effects.find((e) => e.type === 'goto');
      if (!stopped && next?.type === 'goto' && depth < MAX_GOTO)
        await this.start(c, next.flowId, new Date(at.getTime() + 10), depth + 1);
    },

    /** An HTTP step's answer (or why none came): the bot goes on by its success or error output. */
    async httpAnswer(
      c: FlowConversation,
      sessionId: string,
      step: number,
      result: HttpResult,
      at: Date,
    ): Promise<void> {
      const session = active.get(c.target.conversationId);
      if (!session || session.id !== sessionId || session.step !== step) return;
      const flow = await flowOf(session.flow_id, c.target.workspaceId);
      const by: AutomatedBy = { kind: 'flow', id: session.flow_id, name: flow.name };
      line(c, by, 'http_called', result.summary, at);
      await this.feed(
        c,
        session,
        { kind: 'http', status: result.status, json: result.json, error: result.error },
        new Date(at.getTime() + 1),
      );
    },

    /** A session's timer came due: resume after a wait, remind, or end an idle session. */
    async timer(c: FlowConversation, kind: string, sessionId: string, step: number, at: Date): Promise<void> {
      const session = active.get(c.target.conversationId);
      if (!session || session.id !== sessionId || session.step !== step) return;
      if (kind === 'flow_resume') return this.feed(c, session, { kind: 'resume' }, at);
      const definition = await definitionOf(session.flow_id, session.version);
      const flow = await flowOf(session.flow_id, c.target.workspaceId);
      const by: AutomatedBy = { kind: 'flow', id: session.flow_id, name: flow.name };
      const settings = definition?.settings;
      const text = kind === 'flow_reminder' ? settings?.reminderText : settings?.exitText;
      if (text) {
        const say: FlowStep = {
          effects: [{ type: 'send', message: { type: 'text', text }, nodeId: session.state.nodeId }],
          state: session.state,
          outcome: 'waiting',
          trail: [],
        };
        await apply(c, by, say, at, { n: 0 });
      }
      if (kind === 'flow_timeout') {
        close(session, 'timed_out', 'idle');
        line(c, by, 'bot_timed_out', null, at);
      }
    },

    /** Writes the batch's sessions and their timers: new sessions, then changes, then timers. */
    async flush() {
      await settleFileSends();
      const changed = [...updated.values()];
      if (changed.length > 0)
        await query(
          `UPDATE bot_sessions s SET state = v.state, step = v.step, status = v.status, end_reason = v.reason,
                  asked_at = v.asked_at, ended_at = v.ended_at
             FROM unnest($1::uuid[], $2::jsonb[], $3::int[], $4::text[], $5::text[], $6::timestamptz[], $7::timestamptz[])
                  AS v(id, state, step, status, reason, asked_at, ended_at)
            WHERE s.id = v.id`,
          [
            changed.map((s) => s.id),
            changed.map((s) => JSON.stringify(s.state)),
            changed.map((s) => s.step),
            changed.map((s) => s.pending!.status),
            changed.map((s) => s.pending!.endReason),
            changed.map((s) => s.pending!.askedAt),
            changed.map((s) => s.pending!.endedAt),
          ],
        );
      const fresh = [...created.values()];
      if (fresh.length > 0)
        await query(
          `INSERT INTO bot_sessions (id, workspace_id, conversation_id, flow_id, version, state, step, status, end_reason,
                                     started_at, asked_at, ended_at)
           SELECT * FROM unnest($1::uuid[], $2::uuid[], $3::uuid[], $4::uuid[], $5::int[], $6::jsonb[], $7::int[],
                                $8::text[], $9::text[], $10::timestamptz[], $11::timestamptz[], $12::timestamptz[])`,
          [
            fresh.map((s) => s.id),
            fresh.map((s) => s.workspace_id),
            fresh.map((s) => s.conversation_id),
            fresh.map((s) => s.flow_id),
            fresh.map((s) => s.version),
            fresh.map((s) => JSON.stringify(s.state)),
            fresh.map((s) => s.step),
            fresh.map((s) => s.pending?.status ?? 'active'),
            fresh.map((s) => s.pending?.endReason ?? null),
            fresh.map((s) => s.started_at),
            fresh.map((s) => s.pending?.askedAt ?? s.asked_at),
            fresh.map((s) => s.pending?.endedAt ?? null),
          ],
        );
      await botSessionsEnded.emit(
        query,
        [...changed, ...fresh]
          .filter((s) => s.pending && s.pending.status !== 'active')
          .map((s) => ({ workspaceId: s.workspace_id, sessionId: s.id })),
      );
      const touched = [...timers.keys()].filter((id) => !created.has(id));
      if (touched.length > 0)
        await query('DELETE FROM automation_inbox WHERE session_id = ANY($1::uuid[]) AND error IS NULL', [
          touched,
        ]);
      const set = [...timers.values()].flat();
      if (set.length > 0)
        await query(
          `INSERT INTO automation_inbox (workspace_id, kind, conversation_id, session_id, session_step, due_at)
           SELECT * FROM unnest($1::uuid[], $2::text[], $3::uuid[], $4::uuid[], $5::int[], $6::timestamptz[])`,
          [
            set.map((t) => t.session.workspace_id),
            set.map((t) => t.kind),
            set.map((t) => t.session.conversation_id),
            set.map((t) => t.session.id),
            set.map((t) => t.step),
            set.map((t) => t.at),
          ],
        );
    },
  };
}

export type FlowRunner = ReturnType<typeof createFlowRunner>;
