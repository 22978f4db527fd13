import { z } from 'zod';
import { HttpRequestFields, RuleMessageSchema } from '../automation';

/**
 * A chatbot flow: nodes joined by edges, drawn in the builder. Each edge leaves a node by one of
 * its outputs (`next`, an option of a choice, `true`/`false` of a condition, `invalid` of a
 * question that gave up) and enters another node.
 */

const Id = z.string().trim().min(1).max(64);
const Position = z.object({ x: z.number(), y: z.number() });
const Text = z
  .string()
  .trim()
  .min(1, 'Write the message')
  .max(4096, 'WhatsApp allows at most 4096 characters');
/** A flow variable's name: letters, digits and underscores. */
export const VariableNameSchema = z
  .string()
  .trim()
  .regex(/^[a-z_][a-z0-9_]{0,39}$/i, 'Use letters, digits and _ (at most 40), starting with a letter');

const base = { id: Id, position: Position.default({ x: 0, y: 0 }) };

export const FlowNodeSchema = z.discriminatedUnion('type', [
  z.object({ ...base, type: z.literal('start') }),
  /** Sends a message and goes on. */
  z.object({ ...base, type: z.literal('message'), message: RuleMessageSchema }),
  /**
   * Asks with options (up to 3 as reply buttons, up to 10 as a list) and waits; each option is an
   * output. The chosen title is kept in `saveAs` when given.
   */
  z.object({
    ...base,
    type: z.literal('choice'),
    text: Text,
    button: z.string().trim().min(1).max(20).default('Ver opciones'),
    options: z
      .array(z.object({ id: Id, title: z.string().trim().min(1, 'Name the option').max(24) }))
      .min(1, 'Add at least one option')
      .max(10, 'WhatsApp lists hold at most 10 options'),
    saveAs: VariableNameSchema.nullable().default(null),
  }),
  /** Asks and waits for an answer, checks it, keeps it; re-asks up to `maxTries`, then `invalid`. */
  z.object({
    ...base,
    type: z.literal('question'),
    text: Text,
    saveTo: z.object({ kind: z.enum(['variable', 'attribute']), key: VariableNameSchema }),
    validate: z.enum(['text', 'number', 'email', 'date', 'options']).default('text'),
    /** validate `options`: the accepted answers (matched like keywords). */
    options: z.array(z.string().trim().min(1).max(100)).max(20).default([]),
    retryText: z.string().trim().max(1024).default(''),
    maxTries: z.number().int().min(1).max(5).default(3),
  }),
  /** Goes `true` when the checks hold (all, or any), else `false`. */
  z.object({
    ...base,
    type: z.literal('condition'),
    match: z.enum(['all', 'any']).default('all'),
    checks: z
      .array(
        z.object({
          /** A variable name, `contact.<key>`, or `hours` (open now by the business hours). */
          subject: z.string().trim().min(1).max(80),
          op: z.enum([
            'equals',
            'not_equals',
            'contains',
            'greater',
            'less',
            'is_set',
            'is_empty',
            'open',
            'closed',
          ]),
          value: z.string().max(200).default(''),
        }),
      )
      .min(1, 'Add a check')
      .max(10),
  }),
  /**
   * Sets or removes a contact tag or attribute, or a flow variable; or (`sequence`) enrols the
   * contact in the drip sequence whose id is `key` (nothing when already in it or opted out).
   */
  z.object({
    ...base,
    type: z.literal('set'),
    target: z.enum(['tag', 'attribute', 'variable', 'sequence']),
    key: z.string().trim().min(1).max(64),
    value: z.string().max(500).default(''),
    remove: z.boolean().default(false),
  }),
  /** Waits this long, then goes on (the 24-hour window still applies to what follows). */
  z.object({
    ...base,
    type: z.literal('wait'),
    minutes: z
      .number()
      .int()
      .min(1)
      .max(7 * 24 * 60),
  }),
  /** Hands the conversation to people: assigns, leaves a note with what the bot collected, ends. */
  z.object({
    ...base,
    type: z.literal('handoff'),
    teamId: z.uuid().nullable().default(null),
    userId: z.uuid().nullable().default(null),
    text: z.string().trim().max(1024).default(''),
  }),
  /**
   * Calls an HTTP endpoint (a shop's order system, a CRM) and waits for it: `success` on a 2xx
   * answer, else `error`. {{variables}} fill the address (URL-encoded), the headers and the JSON
   * body (as JSON strings); fields of a JSON answer are kept in variables (`map`, dotted paths
   * like `order.status` or `items.0.name`), and the status in `http_status`.
   */
  z.object({
    ...base,
    type: z.literal('http'),
    ...HttpRequestFields,
    map: z
      .array(z.object({ path: z.string().trim().min(1).max(200), variable: VariableNameSchema }))
      .max(20)
      .default([]),
  }),
  /** Ends this flow and starts another (its published version). */
  z.object({ ...base, type: z.literal('goto'), flowId: z.uuid() }),
  z.object({ ...base, type: z.literal('end'), text: z.string().trim().max(1024).default('') }),
]);
export type FlowNode = z.infer<typeof FlowNodeSchema>;
export type FlowNodeType = FlowNode['type'];

export const FlowEdgeSchema = z.object({
  id: Id,
  source: Id,
  /** `next`, `option:<id>`, `true`, `false`, `invalid`, `success`, `error`. */
  sourceHandle: z.string().max(80).default('next'),
  target: Id,
});
export type FlowEdge = z.infer<typeof FlowEdgeSchema>;

export const FlowSettingsSchema = z.object({
  /** A session waiting this long for the customer ends (at most 24 hours). */
  idleMinutes: z
    .number()
    .int()
    .min(1)
    .max(24 * 60)
    .default(60),
  /** Minutes before the end to remind the customer once; null: no reminder. */
  reminderMinutes: z
    .number()
    .int()
    .min(1)
    .max(24 * 60)
    .nullable()
    .default(null),
  reminderText: z.string().trim().max(1024).default(''),
  /** Said when the session times out; empty: nothing. */
  exitText: z.string().trim().max(1024).default(''),
  /** Said when the customer writes something that is not one of the options. */
  fallbackText: z.string().trim().max(1024).default(''),
});
export type FlowSettings = z.infer<typeof FlowSettingsSchema>;

export const FlowDefinitionSchema = z.object({
  nodes: z.array(FlowNodeSchema).max(200),
  edges: z.array(FlowEdgeSchema).max(400),
  settings: FlowSettingsSchema.default(FlowSettingsSchema.parse({})),
});
export type FlowDefinition = z.infer<typeof FlowDefinitionSchema>;
export type FlowDefinitionInput = z.input<typeof FlowDefinitionSchema>;
