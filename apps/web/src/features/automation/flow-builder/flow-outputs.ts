import type { FlowDefinition, FlowNode, FlowNodeType } from '@charla/contracts';

/** The outputs a node leaves by, each an edge's `sourceHandle`, with what to call it. */
export function outputsOf(
  node: FlowNode,
): { handle: string; label: string | null; labelKey: string | null }[] {
  switch (node.type) {
    case 'choice':
      return node.options.map((o) => ({ handle: `option:${o.id}`, label: o.title, labelKey: null }));
    case 'condition':
      return [
        { handle: 'true', label: null, labelKey: 'flows.handle.true' },
        { handle: 'false', label: null, labelKey: 'flows.handle.false' },
      ];
    case 'question':
      return [
        { handle: 'next', label: null, labelKey: 'flows.handle.next' },
        { handle: 'invalid', label: null, labelKey: 'flows.handle.invalid' },
      ];
    case 'http':
      return [
        { handle: 'success', label: null, labelKey: 'flows.handle.success' },
        { handle: 'error', label: null, labelKey: 'flows.handle.error' },
      ];
    case 'handoff':
    case 'goto':
    case 'end':
      return [];
    default:
      return [{ handle: 'next', label: null, labelKey: null }];
  }
}

export const NODE_TYPES: Exclude<FlowNodeType, 'start'>[] = [
  'message',
  'choice',
  'question',
  'condition',
  'set',
  'wait',
  'http',
  'handoff',
  'goto',
  'end',
];

/** A new node of a type, with an id not yet used and settings a person fills in. */
export function newNode(
  type: Exclude<FlowNodeType, 'start'>,
  flow: FlowDefinition,
  position: { x: number; y: number },
): FlowNode {
  let n = flow.nodes.length + 1;
  while (flow.nodes.some((x) => x.id === `${type}-${n}`)) n++;
  const base = { id: `${type}-${n}`, position };
  switch (type) {
    case 'message':
      return { ...base, type, message: { type: 'text', text: 'Hola {{contact.first_name}}' } };
    case 'choice':
      return {
        ...base,
        type,
        text: '¿Qué necesitas?',
        button: 'Ver opciones',
        options: [
          { id: 'a', title: 'Opción A' },
          { id: 'b', title: 'Opción B' },
        ],
        saveAs: null,
      };
    case 'question':
      return {
        ...base,
        type,
        text: '¿Cuál es tu nombre?',
        saveTo: { kind: 'variable', key: 'respuesta' },
        validate: 'text',
        options: [],
        retryText: '',
        maxTries: 3,
      };
    case 'condition':
      return { ...base, type, match: 'all', checks: [{ subject: 'hours', op: 'open', value: '' }] };
    case 'set':
      return { ...base, type, target: 'tag', key: 'bot', value: '', remove: false };
    case 'wait':
      return { ...base, type, minutes: 10 };
    case 'http':
      return {
        ...base,
        type,
        method: 'GET',
        url: 'https://',
        headers: [],
        body: '',
        timeoutSeconds: 10,
        map: [],
      };
    case 'handoff':
      return { ...base, type, teamId: null, userId: null, text: '' };
    case 'goto':
      return { ...base, type, flowId: '00000000-0000-4000-8000-000000000000' };
    case 'end':
      return { ...base, type, text: '' };
  }
}

/** One line that says what a node does, for its card on the canvas. */
export function summaryOf(node: FlowNode): string {
  switch (node.type) {
    case 'message':
      return node.message.type === 'text'
        ? node.message.text
        : node.message.type === 'interactive'
          ? node.message.interactive.body
          : node.message.type === 'media'
            ? `📎 ${node.message.caption}`.trim()
            : '📍';
    case 'choice':
    case 'question':
      return node.text;
    case 'condition':
      return node.checks
        .map((c) => `${c.subject} ${c.op} ${c.value}`.trim())
        .join(node.match === 'all' ? ' · ' : ' | ');
    case 'set':
      return `${node.remove ? '−' : '+'} ${node.key}${node.value ? ` = ${node.value}` : ''}`;
    case 'wait':
      return `${node.minutes} min`;
    case 'http':
      return `${node.method} ${node.url}`;
    case 'handoff':
    case 'end':
      return node.text;
    default:
      return '';
  }
}
