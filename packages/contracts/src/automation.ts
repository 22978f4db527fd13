import { z } from 'zod';
import { InteractiveSchema } from './message-content';

/**
 * Automation rules: when something happens (the trigger), if every condition holds, do the
 * actions in order. Charla runs them on the customer's messages and on timers, exactly once each.
 */

const Minutes = z
  .number()
  .int()
  .min(1, 'at least 1 minute')
  .max(7 * 24 * 60, 'at most 7 days (10080 minutes)');

export const RuleTriggerSchema = z.discriminatedUnion('type', [
  /** A customer's message: any, or only the first of a new conversation. */
  z.object({ type: z.literal('message_received'), firstOnly: z.boolean().default(false) }),
  /** A conversation that starts, or one that was resolved or snoozed and the customer writes again. */
  z.object({ type: z.literal('conversation_opened'), reopenedOnly: z.boolean().default(false) }),
  /** The customer tapped a reply button or picked a list row whose id is `payload` (any when empty). */
  z.object({ type: z.literal('button_reply'), payload: z.string().trim().max(256).default('') }),
  /**
   * The customer wrote and no person answered within `minutes`, counted in business time when
   * `businessTime` (the conversation's team calendar, else the workspace's).
   */
  z.object({ type: z.literal('no_reply'), minutes: Minutes, businessTime: z.boolean().default(true) }),
  /**
   * The customer's first message after a broadcast reached them (within 72 hours of the send, as
   * the broadcast's "replied" counts it): of any broadcast, or of `broadcastId`.
   */
  z.object({ type: z.literal('broadcast_reply'), broadcastId: z.uuid().nullable().default(null) }),
  /** The 24-hour window closes in `minutes` and nobody has answered the customer's last message. */
  z.object({
    type: z.literal('window_closing'),
    minutes: z
      .number()
      .int()
      .min(1)
      .max(23 * 60, 'at most 23 hours (1380 minutes)'),
  }),
  /**
   * What a member (or the API) changed, never automation itself: a rule or a bot that tags does
   * not set rules off. A tag put on the contact (`tag` empty: any), in its latest conversation.
   */
  z.object({ type: z.literal('tag_added'), tag: z.string().trim().max(50).default('') }),
  /** A label put on the conversation: `labelId`, or any when null. */
  z.object({ type: z.literal('label_added'), labelId: z.uuid().nullable().default(null) }),
  /** A contact attribute changed (`key` empty: any), to `value` when given (text, case-insensitive). */
  z.object({
    type: z.literal('attribute_changed'),
    key: z.string().trim().max(64).default(''),
    value: z.string().max(500).optional(),
  }),
  /** The conversation's status changed (a snooze ending too), to `to` or to any when null. */
  z.object({
    type: z.literal('status_changed'),
    to: z.enum(['open', 'pending', 'resolved', 'snoozed']).nullable().default(null),
  }),
  /**
   * On these weekdays (0 Monday … 6 Sunday, as business hours) at `time` (HH:MM) of `timeZone`
   * (an IANA zone; null: the workspace's business hours' zone, else UTC), over every open or
   * pending conversation of the rule's numbers, oldest activity first, at most 1,000 a run.
   */
  z.object({
    type: z.literal('schedule'),
    weekdays: z.array(z.number().int().min(0).max(6)).min(1, 'choose at least one day').max(7),
    /** Checked when saved (422 naming `trigger.time`). */
    time: z.string().trim().max(5),
    timeZone: z.string().trim().min(1).max(64).nullable().default(null),
  }),
]);
export type RuleTrigger = z.infer<typeof RuleTriggerSchema>;
export type RuleTriggerType = RuleTrigger['type'];

export const KeywordModeSchema = z.enum(['exact', 'contains', 'fuzzy']);

export const RuleConditionSchema = z.discriminatedUnion('type', [
  /** The customer's text (or the title of the button they tapped) matches one of the keywords. */
  z.object({
    type: z.literal('keywords'),
    keywords: z
      .array(z.string().trim().min(1, 'a keyword cannot be empty').max(100))
      .min(1, 'add at least one keyword')
      .max(50),
    mode: KeywordModeSchema.default('contains'),
    /** fuzzy only: how alike the words must be, 0.5 to 1. */
    threshold: z.number().min(0.5).max(1).default(0.8),
  }),
  /** Open or closed by the business hours (the team's own, else the workspace's); open when none are set. */
  z.object({
    type: z.literal('business_hours'),
    open: z.boolean(),
    teamId: z.uuid().nullable().default(null),
  }),
  z.object({ type: z.literal('assigned'), assigned: z.boolean() }),
  z.object({
    type: z.literal('contact_tag'),
    tag: z.string().trim().min(1).max(50),
    has: z.boolean().default(true),
  }),
  z.object({
    type: z.literal('contact_attribute'),
    key: z.string().trim().min(1).max(64),
    /** Equal to this value (text comparison, case-insensitive); empty asks "is it set?". */
    equals: z.string().max(500).default(''),
  }),
  z.object({ type: z.literal('agents_online'), online: z.boolean() }),
  z.object({ type: z.literal('marketing_opt_in'), optedIn: z.boolean() }),
]);
export type RuleCondition = z.infer<typeof RuleConditionSchema>;

const Text = z
  .string()
  .trim()
  .min(1, 'Write the message')
  .max(4096, 'WhatsApp allows at most 4096 characters');

/**
 * What a rule sends: text, reply buttons or a list, a location, or a file uploaded for the number
 * it goes out on (`POST /api/channels/:id/media`); text and a file's caption may hold {{variables}}.
 */
export const RuleMessageSchema = z.discriminatedUnion('type', [
  z.object({ type: z.literal('text'), text: Text }),
  z.object({ type: z.literal('interactive'), interactive: InteractiveSchema }),
  z.object({
    type: z.literal('location'),
    latitude: z.number().min(-90).max(90),
    longitude: z.number().min(-180).max(180),
    name: z.string().max(1000).nullable().default(null),
    address: z.string().max(1000).nullable().default(null),
  }),
  /**
   * An image, video, document or audio file (its kind from its type). Checked when saved: a ready
   * upload of the workspace, no caption on audio; sent only on the number it was uploaded for.
   */
  z.object({
    type: z.literal('media'),
    mediaId: z.uuid(),
    caption: z.string().trim().max(1024, 'WhatsApp allows at most 1024 characters in a caption').default(''),
  }),
]);
export type RuleMessage = z.infer<typeof RuleMessageSchema>;

/**
 * An approved template and its values, sent automatically once the customer's 24-hour window
 * has closed (a rule's fallback, a sequence's step); a value may hold {{variables}}, filled per
 * contact. Only text headers: no header file is sent.
 */
export const AutomationTemplateSchema = z.object({
  templateId: z.uuid(),
  values: z
    .object({
      header: z.string().max(1000).nullable().default(null),
      body: z.record(z.string(), z.string().max(1000)).default({}),
      buttons: z.record(z.string(), z.string().max(2000)).default({}),
    })
    .default({ header: null, body: {}, buttons: {} }),
});
export type AutomationTemplate = z.infer<typeof AutomationTemplateSchema>;

/**
 * An HTTP request a rule or a bot makes: {{variables}} go into the address URL-encoded, into the
 * headers as they are, and into the JSON body as the contents of JSON strings.
 */
export const HttpRequestFields = {
  method: z.enum(['GET', 'POST', 'PUT', 'PATCH', 'DELETE']).default('GET'),
  url: z
    .string()
    .trim()
    .min(1, 'Write the address (https://…)')
    .max(2000)
    .regex(/^https?:\/\//i, 'Start the address with https:// or http://'),
  headers: z
    .array(
      z.object({
        name: z
          .string()
          .trim()
          .regex(
            /^[A-Za-z0-9!#$%&'*+.^_`|~-]{1,100}$/,
            'A header name is letters, digits and - (e.g. Authorization)',
          ),
        value: z.string().max(2000),
      }),
    )
    .max(20)
    .default([]),
  /** JSON, with {{variables}} inside strings; empty: no body. */
  body: z.string().max(10_000).default(''),
  timeoutSeconds: z.number().int().min(1).max(30).default(10),
};

export const HttpRequestSpecSchema = z.object(HttpRequestFields);
export type HttpRequestSpec = z.infer<typeof HttpRequestSpecSchema>;

export const RuleActionSchema = z.discriminatedUnion('type', [
  /**
   * Sends `message` while the customer's 24-hour window is open; once it has closed (or never
   * opened), `template` instead when set, else nothing (a `window_closed` line in the history).
   */
  z.object({
    type: z.literal('send_message'),
    message: RuleMessageSchema,
    template: AutomationTemplateSchema.nullable().optional(),
  }),
  z.object({
    type: z.literal('assign'),
    /** agent: that member; team: the team (nobody in it yet); round_robin: the team's online member with fewest recent; last: whoever had the customer before. */
    to: z.enum(['agent', 'team', 'round_robin', 'last_assignee']),
    userId: z.uuid().nullable().default(null),
    teamId: z.uuid().nullable().default(null),
  }),
  z.object({ type: z.literal('label'), labelId: z.uuid(), add: z.boolean().default(true) }),
  z.object({ type: z.literal('tag'), tag: z.string().trim().min(1).max(50), add: z.boolean().default(true) }),
  z.object({
    type: z.literal('set_attribute'),
    key: z.string().trim().min(1).max(64),
    value: z.string().max(500),
  }),
  z.object({
    type: z.literal('status'),
    status: z.enum(['open', 'pending', 'resolved', 'snoozed']),
    /** snoozed only: for how long. */
    snoozeMinutes: z
      .number()
      .int()
      .min(1)
      .max(30 * 24 * 60)
      .nullable()
      .default(null),
  }),
  z.object({ type: z.literal('note'), text: z.string().trim().min(1, 'Write the note').max(4000) }),
  /** Starts a chatbot flow (its published version) in the conversation, unless one is running. */
  z.object({ type: z.literal('start_flow'), flowId: z.uuid() }),
  /**
   * Calls an HTTP endpoint (a CRM, a spreadsheet's webhook) and goes on without waiting for it;
   * the thread's history says how it answered.
   */
  z.object({ type: z.literal('http_request'), ...HttpRequestFields }),
  /** Enrols the conversation's contact in a drip sequence (a no-op when already in it). */
  z.object({ type: z.literal('enroll_sequence'), sequenceId: z.uuid() }),
  /** No rule after this one runs for the same event. */
  z.object({ type: z.literal('stop') }),
]);
export type RuleAction = z.infer<typeof RuleActionSchema>;
export type RuleActionType = RuleAction['type'];

export const RulePresetSchema = z.enum(['welcome', 'out_of_office', 'no_reply']);
export type RulePreset = z.infer<typeof RulePresetSchema>;

export const RuleInputSchema = z.object({
  name: z.string().trim().min(1, 'Give the rule a name').max(120),
  enabled: z.boolean().default(false),
  /** The numbers it listens on; empty means every number of the workspace. */
  channelIds: z.array(z.uuid()).max(50).default([]),
  trigger: RuleTriggerSchema,
  conditions: z.array(RuleConditionSchema).max(20).default([]),
  actions: z.array(RuleActionSchema).min(1, 'Add at least one action').max(20),
  /** Fire at most once per conversation within this many minutes (0: every time). */
  cooldownMinutes: z
    .number()
    .int()
    .min(0)
    .max(30 * 24 * 60)
    .default(0),
});
export type RuleInput = z.input<typeof RuleInputSchema>;

export const AutomationRuleSchema = RuleInputSchema.extend({
  id: z.uuid(),
  preset: RulePresetSchema.nullable(),
  position: z.number().int(),
  firedCount: z.number().int(),
  lastFiredAt: z.string().nullable(),
  createdAt: z.string(),
  updatedAt: z.string(),
});
export type AutomationRule = z.infer<typeof AutomationRuleSchema>;

export const RuleOrderSchema = z.object({ ids: z.array(z.uuid()).min(1).max(500) });

/** The variables a rule's message may use: {{contact.name}} and the others below, or {{contact.<attribute key>}}. */
export const RULE_VARIABLES = [
  'contact.name',
  'contact.first_name',
  'contact.phone',
  'workspace.name',
  'agent.name',
] as const;

const VARIABLE = /\{\{\s*([^{}]*?)\s*\}\}/g;

/** The variables a text uses, as written (without braces). */
export function variablesIn(text: string): string[] {
  return [...text.matchAll(VARIABLE)].map((m) => m[1]!);
}

/** Names a variable that is neither known nor a contact attribute key; null when all are. */
export function unknownVariable(text: string, attributeKeys: readonly string[]): string | null {
  for (const name of variablesIn(text)) {
    if ((RULE_VARIABLES as readonly string[]).includes(name)) continue;
    if (name.startsWith('contact.') && attributeKeys.includes(name.slice('contact.'.length))) continue;
    return name;
  }
  return null;
}

/**
 * Fills {{variables}} exactly as written around them, each value passed through `encode` (for a
 * URL, a JSON string): nothing trimmed or squeezed.
 */
export function fillVariablesRaw(
  text: string,
  values: Record<string, string | null | undefined>,
  encode: (value: string) => string,
): string {
  return text.replace(VARIABLE, (_, name: string) => encode(values[name] ?? ''));
}

/** Whether a body is JSON once its {{variables}} (each inside a JSON string) are filled. */
export function isJsonWithVariables(body: string): boolean {
  try {
    JSON.parse(body.replace(VARIABLE, 'x'));
    return true;
  } catch {
    return false;
  }
}

/** Fills {{variables}}; one without a value becomes empty (a missing name never shows braces). */
export function fillVariables(text: string, values: Record<string, string | null | undefined>): string {
  return text
    .replace(VARIABLE, (_, name: string) => values[name] ?? '')
    .replace(/[ \t]{2,}/g, ' ')
    .replace(/ ([,.!?;:])/g, '$1')
    .trim();
}
