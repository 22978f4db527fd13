import { isJsonWithVariables, variablesIn } from '../automation';
import type { FlowDefinition, FlowNode } from './flow-schema';

/** Something that keeps a flow from being published, on the node at fault (null: the whole flow). */
export interface FlowProblem {
  nodeId: string | null;
  code:
    | 'no_start'
    | 'several_starts'
    | 'unreachable'
    | 'missing_branch'
    | 'broken_edge'
    | 'unknown_variable'
    | 'outside_window'
    | 'unknown_flow'
    | 'invalid_body';
  /** For `missing_branch`, the output with no edge (`option:<id>`, `true`, `false`); for `unknown_variable`, its name. */
  detail?: string;
}

const BASE_VARIABLES = ['contact.name', 'contact.first_name', 'contact.phone', 'workspace.name'];
const WINDOW_MINUTES = 24 * 60;

/** The texts a node sends or writes, where {{variables}} may appear. */
function textsOf(node: FlowNode): string[] {
  switch (node.type) {
    case 'message':
      return node.message.type === 'text'
        ? [node.message.text]
        : node.message.type === 'interactive'
          ? [node.message.interactive.body]
          : node.message.type === 'media'
            ? [node.message.caption]
            : [];
    case 'choice':
      return [node.text];
    case 'question':
      return [node.text, node.retryText];
    case 'set':
      return node.target === 'sequence' ? [] : [node.value];
    case 'handoff':
    case 'end':
      return [node.text];
    case 'http':
      return [node.url, node.body, ...node.headers.map((h) => h.value)];
    default:
      return [];
  }
}

/** Whether a node sends the customer a free-form message. */
const sends = (node: FlowNode) =>
  node.type === 'message' ||
  node.type === 'choice' ||
  node.type === 'question' ||
  ((node.type === 'handoff' || node.type === 'end') && node.text !== '');

/** The outputs a node must have an edge for. */
function requiredOutputs(node: FlowNode): string[] {
  if (node.type === 'choice') return node.options.map((o) => `option:${o.id}`);
  if (node.type === 'condition') return ['true', 'false'];
  if (node.type === 'http') return ['success', 'error'];
  return [];
}

/**
 * What must be fixed before publishing: one start, every node reachable, every option and
 * condition branch connected, only known {{variables}}, and no free-form message that a chain
 * of waits could push outside the 24-hour window. `flowIds` are the flows a `goto` may name.
 */
export function checkFlow(
  flow: FlowDefinition,
  known: { attributeKeys: readonly string[]; flowIds: readonly string[] },
): FlowProblem[] {
  const problems: FlowProblem[] = [];
  const nodes = new Map(flow.nodes.map((n) => [n.id, n]));
  const starts = flow.nodes.filter((n) => n.type === 'start');
  if (starts.length === 0) problems.push({ nodeId: null, code: 'no_start' });
  for (const extra of starts.slice(1)) problems.push({ nodeId: extra.id, code: 'several_starts' });

  for (const edge of flow.edges)
    if (!nodes.has(edge.source) || !nodes.has(edge.target))
      problems.push({
        nodeId: nodes.has(edge.source) ? edge.source : null,
        code: 'broken_edge',
        detail: edge.id,
      });

  const out = new Map<string, string[]>();
  for (const edge of flow.edges) out.set(edge.source, [...(out.get(edge.source) ?? []), edge.target]);
  const reached = new Set<string>();
  const stack = starts.slice(0, 1).map((s) => s.id);
  while (stack.length > 0) {
    const id = stack.pop()!;
    if (reached.has(id)) continue;
    reached.add(id);
    stack.push(...(out.get(id) ?? []));
  }
  if (starts.length > 0)
    for (const node of flow.nodes)
      if (!reached.has(node.id)) problems.push({ nodeId: node.id, code: 'unreachable' });

  for (const node of flow.nodes)
    for (const handle of requiredOutputs(node))
      if (!flow.edges.some((e) => e.source === node.id && e.sourceHandle === handle))
        problems.push({ nodeId: node.id, code: 'missing_branch', detail: handle });

  const defined = new Set<string>([...BASE_VARIABLES, ...known.attributeKeys.map((k) => `contact.${k}`)]);
  for (const node of flow.nodes) {
    if (node.type === 'choice' && node.saveAs) defined.add(node.saveAs);
    if (node.type === 'question')
      defined.add(node.saveTo.kind === 'variable' ? node.saveTo.key : `contact.${node.saveTo.key}`);
    if (node.type === 'set' && node.target === 'variable') defined.add(node.key);
    if (node.type === 'set' && node.target === 'attribute') defined.add(`contact.${node.key}`);
    if (node.type === 'http') {
      defined.add('http_status');
      for (const m of node.map) defined.add(m.variable);
    }
  }
  for (const node of flow.nodes)
    for (const text of textsOf(node))
      for (const name of variablesIn(text))
        if (!defined.has(name)) problems.push({ nodeId: node.id, code: 'unknown_variable', detail: name });
  for (const node of flow.nodes)
    if (node.type === 'condition')
      for (const check of node.checks)
        if (check.op !== 'open' && check.op !== 'closed' && !defined.has(check.subject))
          problems.push({ nodeId: node.id, code: 'unknown_variable', detail: check.subject });

  // A body must be JSON once filled: each variable stands in for a string's contents.
  for (const node of flow.nodes)
    if (node.type === 'http' && node.body.trim() && !isJsonWithVariables(node.body))
      problems.push({ nodeId: node.id, code: 'invalid_body' });

  for (const node of flow.nodes)
    if (node.type === 'goto' && !known.flowIds.includes(node.flowId))
      problems.push({ nodeId: node.id, code: 'unknown_flow' });

  // The longest wait since the customer last wrote, at each node: a send at WINDOW_MINUTES or more is outside.
  const waited = new Map<string, number>();
  const walk = (id: string, minutes: number, path: Set<string>) => {
    const node = nodes.get(id);
    if (!node || path.has(id) || (waited.get(id) ?? -1) >= minutes) return;
    waited.set(id, minutes);
    const after =
      node.type === 'choice' || node.type === 'question'
        ? 0
        : node.type === 'wait'
          ? minutes + node.minutes
          : minutes;
    path.add(id);
    for (const target of out.get(id) ?? []) walk(target, after, path);
    path.delete(id);
  };
  if (starts[0]) walk(starts[0].id, 0, new Set());
  for (const node of flow.nodes)
    if (sends(node) && (waited.get(node.id) ?? 0) >= WINDOW_MINUTES)
      problems.push({ nodeId: node.id, code: 'outside_window' });
  return problems;
}
