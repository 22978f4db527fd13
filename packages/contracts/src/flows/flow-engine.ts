import { fillVariables, fillVariablesRaw, type HttpRequestSpec, type RuleMessage } from '../automation';
import { matchKeywords, normaliseForMatch } from '../keyword-match';
import type { FlowDefinition, FlowNode } from './flow-schema';

/**
 * Runs a flow one customer step at a time, with no I/O: the server applies what it answers in
 * the transaction that consumed the customer's message, and the builder's "try it" panel runs
 * the very same function against a simulated customer.
 */

/** Where a session stands between two steps. */
export interface FlowState {
  /** The node waiting for the customer (a choice or a question) or for time (a wait). */
  nodeId: string;
  variables: Record<string, string>;
  /** Wrong answers to the current question so far. */
  tries: number;
  /** A wait node: when it is over (epoch ms). */
  resumeAt: number | null;
  /** An HTTP node: the request being made, values filled (kept until its answer comes). */
  request?: HttpCall | null;
  /**
   * Every step the session went through so far, in first-visit order: kept by the runner (the
   * engine neither reads nor writes it) for the reports' funnel.
   */
  reached?: string[];
}

/** An HTTP node's request with its {{variables}} filled. */
export interface HttpCall {
  method: string;
  url: string;
  headers: Record<string, string>;
  body: string | null;
  timeoutMs: number;
}

export type FlowInput =
  | { kind: 'start' }
  | { kind: 'message'; text: string | null; replyId: string | null; replyTitle: string | null }
  /** A wait node's time is up. */
  | { kind: 'resume' }
  /** An HTTP node's answer: the status (null: none came) and the body read as JSON when it is. */
  | { kind: 'http'; status: number | null; json: unknown; error: string | null };

export interface FlowContext {
  contact: { name: string; phone: string; attributes: Record<string, unknown> };
  workspaceName: string;
  /** Open now by the business hours (true when none are set). */
  isOpen(): boolean;
  now: number;
}

export type FlowEffect =
  | { type: 'send'; message: RuleMessage; nodeId: string }
  | { type: 'set_attribute'; key: string; value: string | null }
  | { type: 'tag'; tag: string; add: boolean }
  | { type: 'enroll_sequence'; sequenceId: string }
  | { type: 'handoff'; teamId: string | null; userId: string | null; collected: Record<string, string> }
  | { type: 'goto'; flowId: string }
  | { type: 'http'; nodeId: string; request: HttpCall };

export type FlowOutcome =
  /** Waiting for the customer's answer (a choice or a question). */
  | 'waiting'
  /** Waiting for a wait node's time (`state.resumeAt`). */
  | 'waiting_timer'
  /** Waiting for an HTTP node's answer (`state.request`). */
  | 'waiting_http'
  | 'completed'
  | 'handed_off'
  /** Went to another flow (a `goto` effect says which). */
  | 'moved';

export interface FlowStep {
  effects: FlowEffect[];
  state: FlowState;
  outcome: FlowOutcome;
  /** The nodes this step went through, in order (the builder highlights them). */
  trail: string[];
  /** Set when the step stopped for a reason worth telling (a loop with no customer step). */
  problem?: 'loop';
}

const MAX_NODES_PER_STEP = 100;

/** Advances a session by one input: from the start, with the customer's message, or after a wait. */
export function stepFlow(
  flow: FlowDefinition,
  state: FlowState | null,
  input: FlowInput,
  ctx: FlowContext,
): FlowStep {
  const nodes = new Map(flow.nodes.map((n) => [n.id, n]));
  const effects: FlowEffect[] = [];
  const trail: string[] = [];
  const variables = { ...(state?.variables ?? {}) };
  const next = (from: string, handle = 'next') =>
    flow.edges.find((e) => e.source === from && e.sourceHandle === handle)?.target ?? null;
  const values = () => variableValues(ctx, variables);
  const send = (message: RuleMessage, nodeId: string) =>
    effects.push({ type: 'send', message: fill(message, values()), nodeId });
  const finish = (outcome: FlowOutcome, nodeId: string, problem?: 'loop'): FlowStep => ({
    effects,
    state: { nodeId, variables, tries: 0, resumeAt: null },
    outcome,
    trail,
    ...(problem ? { problem } : {}),
  });

  let current: string | null;
  if (input.kind === 'start' || !state) {
    current = flow.nodes.find((n) => n.type === 'start')?.id ?? null;
  } else {
    const waiting = nodes.get(state.nodeId);
    if (!waiting) return finish('completed', state.nodeId);
    if (input.kind === 'resume' || input.kind === 'http') {
      if (input.kind === 'http' && waiting.type === 'http') {
        current = next(waiting.id, httpAnswer(waiting, input, variables));
      } else if (input.kind === 'resume' && waiting.type === 'wait') current = next(waiting.id);
      else return { effects, state: { ...state, variables }, outcome: stillWaiting(waiting), trail };
    } else if (waiting.type === 'http') {
      // The customer wrote while the bot waits for an answer: it keeps waiting for it.
      return { effects, state: { ...state, variables }, outcome: 'waiting_http', trail };
    } else {
      const answered = answer(waiting, input, state, variables, flow, send, effects);
      if (answered.stay) return { effects, state: answered.stay, outcome: 'waiting', trail };
      current = answered.next === undefined ? null : next(waiting.id, answered.next);
    }
  }

  for (let visits = 0; current; visits++) {
    if (visits >= MAX_NODES_PER_STEP) return finish('completed', current, 'loop');
    const node: FlowNode | undefined = nodes.get(current);
    if (!node) break;
    trail.push(node.id);
    switch (node.type) {
      case 'start':
        current = next(node.id);
        break;
      case 'message':
        send(node.message, node.id);
        current = next(node.id);
        break;
      case 'choice':
        send(choiceMessage(node), node.id);
        return {
          effects,
          state: { nodeId: node.id, variables, tries: 0, resumeAt: null },
          outcome: 'waiting',
          trail,
        };
      case 'question':
        send({ type: 'text', text: node.text }, node.id);
        return {
          effects,
          state: { nodeId: node.id, variables, tries: 0, resumeAt: null },
          outcome: 'waiting',
          trail,
        };
      case 'condition':
        current = next(node.id, holds(node, variables, ctx) ? 'true' : 'false');
        break;
      case 'set':
        applySet(node, variables, effects, values());
        current = next(node.id);
        break;
      case 'wait':
        return {
          effects,
          state: { nodeId: node.id, variables, tries: 0, resumeAt: ctx.now + node.minutes * 60_000 },
          outcome: 'waiting_timer',
          trail,
        };
      case 'handoff':
        if (node.text) send({ type: 'text', text: node.text }, node.id);
        effects.push({
          type: 'handoff',
          teamId: node.teamId,
          userId: node.userId,
          collected: { ...variables },
        });
        return finish('handed_off', node.id);
      case 'http': {
        const request = httpCall(node, values());
        effects.push({ type: 'http', nodeId: node.id, request });
        return {
          effects,
          state: { nodeId: node.id, variables, tries: 0, resumeAt: null, request },
          outcome: 'waiting_http',
          trail,
        };
      }
      case 'goto':
        effects.push({ type: 'goto', flowId: node.flowId });
        return finish('moved', node.id);
      case 'end':
        if (node.text) send({ type: 'text', text: node.text }, node.id);
        return finish('completed', node.id);
    }
  }
  return finish('completed', trail.at(-1) ?? state?.nodeId ?? '');
}

/**
 * The customer's message to a waiting choice or question: the output it leaves by, or the state
 * to keep waiting in (after saying why).
 */
function answer(
  node: FlowNode,
  input: Extract<FlowInput, { kind: 'message' }>,
  state: FlowState,
  variables: Record<string, string>,
  flow: FlowDefinition,
  send: (m: RuleMessage, nodeId: string) => void,
  effects: FlowEffect[],
): { next?: string; stay?: FlowState } {
  const text = (input.text ?? input.replyTitle ?? '').trim();
  if (node.type === 'choice') {
    const option =
      node.options.find((o) => input.replyId !== null && o.id === input.replyId) ??
      node.options.find((o) => normaliseForMatch(o.title) === normaliseForMatch(text)) ??
      node.options.find((o) => matchKeywords(text, { keywords: [o.title], mode: 'contains' }));
    if (option) {
      if (node.saveAs) variables[node.saveAs] = option.title;
      return { next: `option:${option.id}` };
    }
    if (flow.settings.fallbackText) send({ type: 'text', text: flow.settings.fallbackText }, node.id);
    send(choiceMessage(node), node.id);
    return { stay: { ...state, variables } };
  }
  if (node.type === 'question') {
    const value = validAnswer(node, text);
    if (value !== null) {
      if (node.saveTo.kind === 'attribute') {
        effects.push({ type: 'set_attribute', key: node.saveTo.key, value });
        variables[`contact.${node.saveTo.key}`] = value;
      } else variables[node.saveTo.key] = value;
      return { next: 'next' };
    }
    const tries = state.tries + 1;
    if (tries >= node.maxTries) return { next: 'invalid' };
    send({ type: 'text', text: node.retryText || node.text }, node.id);
    return { stay: { ...state, variables, tries } };
  }
  // A message while waiting for time: the wait goes on.
  return { stay: { ...state, variables } };
}

const stillWaiting = (node: FlowNode): FlowOutcome =>
  node.type === 'wait' ? 'waiting_timer' : node.type === 'http' ? 'waiting_http' : 'waiting';

type HttpNode = Extract<FlowNode, { type: 'http' }>;

/** The node's request with the session's values: URL-encoded in the address, JSON-escaped in the body. */
export function httpCall(node: HttpRequestSpec, values: Record<string, string>): HttpCall {
  const headers: Record<string, string> = {};
  for (const h of node.headers)
    headers[h.name] = fillVariablesRaw(h.value, values, (v) => v.replace(/[\r\n]/g, ' '));
  return {
    method: node.method,
    url: fillVariablesRaw(node.url, values, encodeURIComponent),
    headers,
    body: node.body.trim()
      ? fillVariablesRaw(node.body, values, (v) => JSON.stringify(v).slice(1, -1))
      : null,
    timeoutMs: node.timeoutSeconds * 1000,
  };
}

/** Keeps what the answer says in the variables; the output it leaves by. */
function httpAnswer(
  node: HttpNode,
  input: Extract<FlowInput, { kind: 'http' }>,
  variables: Record<string, string>,
): 'success' | 'error' {
  variables.http_status = input.status === null ? '' : String(input.status);
  const ok = input.status !== null && input.status >= 200 && input.status < 300;
  for (const { path, variable } of node.map) {
    const value = valueAt(input.json, path);
    if (value === undefined || value === null) delete variables[variable];
    else
      variables[variable] = (typeof value === 'object' ? JSON.stringify(value) : String(value)).slice(
        0,
        1000,
      );
  }
  return ok ? 'success' : 'error';
}

/** A dotted path into a JSON value (`order.items.0.name`); undefined when it leads nowhere. */
export function valueAt(json: unknown, path: string): unknown {
  let at: unknown = json;
  for (const key of path.split('.')) {
    if (at === null || typeof at !== 'object') return undefined;
    at = (at as Record<string, unknown>)[key];
  }
  return at;
}

const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]{2,}$/;

/** The answer as kept, or null when it is not what the question asks for. */
export function validAnswer(node: Extract<FlowNode, { type: 'question' }>, text: string): string | null {
  if (!text) return null;
  switch (node.validate) {
    case 'text':
      return text.slice(0, 500);
    case 'number': {
      const n = Number(text.replace(/\s/g, '').replace(',', '.'));
      return Number.isFinite(n) ? String(n) : null;
    }
    case 'email':
      return EMAIL.test(text) ? text.toLowerCase() : null;
    case 'date': {
      const iso = /^(\d{4})-(\d{2})-(\d{2})$/.exec(text);
      const local = /^(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})$/.exec(text);
      const [y, m, d] = iso ? [iso[1], iso[2], iso[3]] : local ? [local[3], local[2], local[1]] : [];
      if (!y || !m || !d) return null;
      const date = new Date(Date.UTC(Number(y), Number(m) - 1, Number(d)));
      if (date.getUTCMonth() !== Number(m) - 1 || date.getUTCDate() !== Number(d)) return null;
      return date.toISOString().slice(0, 10);
    }
    case 'options': {
      let best: { option: string; score: number } | null = null;
      for (const option of node.options) {
        const match =
          matchKeywords(text, { keywords: [option], mode: 'exact' }) ??
          matchKeywords(text, { keywords: [option], mode: 'fuzzy', threshold: 0.75 });
        if (match && (!best || match.score > best.score)) best = { option, score: match.score };
      }
      return best?.option ?? null;
    }
  }
}

/** A choice as WhatsApp shows it: reply buttons up to 3 options, a list up to 10. */
export function choiceMessage(node: Extract<FlowNode, { type: 'choice' }>): RuleMessage {
  const buttons = node.options.length <= 3;
  return {
    type: 'interactive',
    interactive: {
      kind: buttons ? 'buttons' : 'list',
      header: null,
      body: node.text,
      footer: null,
      buttons: buttons ? node.options.map((o) => ({ id: o.id, title: o.title })) : [],
      list: buttons
        ? null
        : {
            button: node.button,
            sections: [
              {
                title: null,
                rows: node.options.map((o) => ({ id: o.id, title: o.title, description: null })),
              },
            ],
          },
      cta: null,
    },
  };
}

function holds(
  node: Extract<FlowNode, { type: 'condition' }>,
  variables: Record<string, string>,
  ctx: FlowContext,
) {
  const results = node.checks.map((check) => {
    if (check.op === 'open') return ctx.isOpen();
    if (check.op === 'closed') return !ctx.isOpen();
    const value = subjectValue(check.subject, variables, ctx);
    const a = value.toLowerCase();
    const b = check.value.toLowerCase();
    switch (check.op) {
      case 'equals':
        return normaliseForMatch(a) === normaliseForMatch(b);
      case 'not_equals':
        return normaliseForMatch(a) !== normaliseForMatch(b);
      case 'contains':
        return normaliseForMatch(a).includes(normaliseForMatch(b));
      case 'greater':
        return Number(a) > Number(b);
      case 'less':
        return Number(a) < Number(b);
      case 'is_set':
        return value !== '';
      case 'is_empty':
        return value === '';
    }
    return false;
  });
  return node.match === 'all' ? results.every(Boolean) : results.some(Boolean);
}

function subjectValue(subject: string, variables: Record<string, string>, ctx: FlowContext): string {
  if (subject in variables) return variables[subject] ?? '';
  if (subject.startsWith('contact.')) {
    const v = ctx.contact.attributes[subject.slice('contact.'.length)];
    return v === null || v === undefined ? '' : String(v);
  }
  return '';
}

function applySet(
  node: Extract<FlowNode, { type: 'set' }>,
  variables: Record<string, string>,
  effects: FlowEffect[],
  values: Record<string, string>,
) {
  if (node.target === 'sequence') {
    effects.push({ type: 'enroll_sequence', sequenceId: node.key });
    return;
  }
  const value = fillVariables(node.value, values);
  if (node.target === 'tag') effects.push({ type: 'tag', tag: node.key, add: !node.remove });
  else if (node.target === 'attribute') {
    effects.push({ type: 'set_attribute', key: node.key, value: node.remove ? null : value });
    if (node.remove) delete variables[`contact.${node.key}`];
    else variables[`contact.${node.key}`] = value;
  } else if (node.remove) delete variables[node.key];
  else variables[node.key] = value;
}

/** The values {{variables}} take: the contact's, the workspace's, and the flow's own. */
export function variableValues(ctx: FlowContext, variables: Record<string, string>): Record<string, string> {
  const values: Record<string, string> = {
    'contact.name': ctx.contact.name,
    'contact.first_name': ctx.contact.name.split(/\s+/)[0] ?? '',
    'contact.phone': ctx.contact.phone,
    'workspace.name': ctx.workspaceName,
  };
  for (const [key, value] of Object.entries(ctx.contact.attributes))
    if (value !== null && value !== undefined) values[`contact.${key}`] = String(value);
  return { ...values, ...variables };
}

function fill(message: RuleMessage, values: Record<string, string>): RuleMessage {
  const f = (text: string) => fillVariables(text, values);
  if (message.type === 'text') return { type: 'text', text: f(message.text) };
  if (message.type === 'interactive')
    return {
      type: 'interactive',
      interactive: { ...message.interactive, body: f(message.interactive.body) },
    };
  if (message.type === 'media') return { ...message, caption: f(message.caption) };
  return message;
}
