import { randomUUID } from 'node:crypto';
import {
  type FlowDefinition,
  FlowDefinitionSchema,
  type FlowEffect,
  type FlowInput,
  type FlowState,
  type FlowStep,
  stepFlow,
} from '@charla/contracts';
import type { Query } from '../../../platform/db/database';
import type { AutomatedBy } from '../../inbox';
import { type ActionLog, type ActionTarget, applyStateAction, ruleMessageContent } from './rule-actions';

/** An automatic message to store and send (rules' and bots' alike). */
export interface PendingSend {
  id: string;
  workspaceId: string;
  conversationId: string;
  channelId: string;
  content: ReturnType<typeof ruleMessageContent>;
  at: Date;
  by: AutomatedBy;
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
  conversation_id: string;
  flow_id: string;
  version: number;
  state: FlowState;
  step: number;
  started_at: Date;
  asked_at: Date;
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
export function createFlowRunner(query: Query, batch: { now: Date; log: ActionLog; sends: PendingSend[] }) {
  const definitions = new Map<string, FlowDefinition>();
  const flowNames = new Map<string, { name: string; published: number | null }>();
  const active = new Map<string, SessionRow>();

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
        batch.sends.push({
          id: randomUUID(),
          workspaceId: c.target.workspaceId,
          conversationId: c.target.conversationId,
          channelId: c.channelId,
          content: ruleMessageContent(effect.message, {}),
          // Each a millisecond after the last, so a bot's messages keep their order.
          at: new Date(at.getTime() + sentSoFar.n),
          by,
        });
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

  /** Saves where the session stands after a step, and sets its timers. */
  async function save(
    session: SessionRow,
    step: FlowStep,
    settings: FlowDefinition['settings'],
    stopped: string | null,
  ) {
    const ended = stopped
      ? 'stopped'
      : step.outcome === 'waiting' || step.outcome === 'waiting_timer'
        ? null
        : step.outcome === 'handed_off'
          ? 'handed_off'
          : step.outcome === 'moved'
            ? 'moved'
            : 'completed';
    session.step += 1;
    session.state = step.state;
    await query(
      `UPDATE bot_sessions SET state = $2::jsonb, step = $3, status = $4::text, end_reason = $5, asked_at = $6::timestamptz,
              ended_at = CASE WHEN $4::text = 'active' THEN NULL ELSE $6::timestamptz END
        WHERE id = $1`,
      [
        session.id,
        JSON.stringify(step.state),
        session.step,
        ended ?? 'active',
        stopped ?? step.problem ?? null,
        batch.now,
      ],
    );
    await query('DELETE FROM automation_inbox WHERE session_id = $1 AND error IS NULL AND kind <> $2', [
      session.id,
      'flow_start',
    ]);
    if (ended) {
      active.delete(session.conversation_id);
      return;
    }
    const timers: { kind: string; at: Date }[] = [];
    if (step.outcome === 'waiting_timer' && step.state.resumeAt)
      timers.push({ kind: 'flow_resume', at: new Date(step.state.resumeAt) });
    if (step.outcome === 'waiting') {
      const end = batch.now.getTime() + settings.idleMinutes * 60_000;
      timers.push({ kind: 'flow_timeout', at: new Date(end) });
      if (
        settings.reminderMinutes &&
        settings.reminderMinutes < settings.idleMinutes &&
        settings.reminderText
      )
        timers.push({ kind: 'flow_reminder', at: new Date(end - settings.reminderMinutes * 60_000) });
    }
    for (const t of timers)
      await query(
        `INSERT INTO automation_inbox (workspace_id, kind, conversation_id, session_id, session_step, due_at)
         VALUES ((SELECT workspace_id FROM bot_sessions WHERE id = $1), $2, $3, $1, $4, $5)`,
        [session.id, t.kind, session.conversation_id, session.step, t.at],
      );
  }

  return {
    /** Reads the active sessions of the batch's conversations. */
    async load(conversationIds: string[]) {
      const rows = await query<SessionRow & Record<string, unknown>>(
        `SELECT id, conversation_id, flow_id, version, state, step, started_at, asked_at FROM bot_sessions
          WHERE conversation_id = ANY($1::uuid[]) AND status = 'active'`,
        [conversationIds],
      );
      for (const r of rows) active.set(r.conversation_id, r);
    },

    activeIn: (conversationId: string) => active.get(conversationId) ?? null,

    /** Ends a conversation's bot (an agent replied, a member stopped it). */
    async end(conversationId: string, reason: string) {
      const session = active.get(conversationId);
      if (!session) return;
      active.delete(conversationId);
      await query(
        `UPDATE bot_sessions SET status = 'stopped', end_reason = $2, ended_at = $3 WHERE id = $1 AND status = 'active'`,
        [session.id, reason, batch.now],
      );
      await query('DELETE FROM automation_inbox WHERE session_id = $1 AND error IS NULL', [session.id]);
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
      const [row] = await query<SessionRow & Record<string, unknown>>(
        `INSERT INTO bot_sessions (workspace_id, conversation_id, flow_id, version, state, status, started_at, asked_at)
         VALUES ($1, $2, $3, $4, '{}'::jsonb, 'active', $5, $5)
         RETURNING id, conversation_id, flow_id, version, state, step, started_at, asked_at`,
        [c.target.workspaceId, c.target.conversationId, flowId, flow.published, batch.now],
      );
      const session = row!;
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
      await save(session, step, definition.settings, stopped);
      const next = step.effects.find((e) => e.type === 'goto');
      if (!stopped && next?.type === 'goto' && depth < MAX_GOTO)
        await this.start(c, next.flowId, new Date(at.getTime() + 10), depth + 1);
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
        active.delete(c.target.conversationId);
        await query(
          `UPDATE bot_sessions SET status = 'timed_out', end_reason = 'idle', ended_at = $2 WHERE id = $1`,
          [session.id, batch.now],
        );
        await query('DELETE FROM automation_inbox WHERE session_id = $1 AND error IS NULL', [session.id]);
        line(c, by, 'bot_timed_out', null, at);
      }
    },
  };
}

export type FlowRunner = ReturnType<typeof createFlowRunner>;
