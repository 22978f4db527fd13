import { sql } from 'drizzle-orm';
import {
  bigint,
  boolean,
  index,
  integer,
  jsonb,
  pgTable,
  primaryKey,
  text,
  uniqueIndex,
  uuid,
} from 'drizzle-orm/pg-core';
import { createdAt, ts } from '../../platform/db/columns';
import { teams, users, workspaceIdColumn } from '../auth/auth.schema';

/**
 * Business hours (packages/contracts/business-hours.ts): one calendar for the workspace, and one
 * per team that keeps hours of its own (a team without one keeps the workspace's).
 */
export const businessCalendars = pgTable(
  'business_calendars',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    workspaceId: workspaceIdColumn(),
    teamId: uuid('team_id').references(() => teams.id, { onDelete: 'cascade' }),
    timeZone: text('time_zone').notNull(),
    /** Seven days, Monday first: each day's `{from, to}` ranges. */
    days: jsonb('days').notNull(),
    holidays: jsonb('holidays').notNull().default([]),
    updatedAt: ts('updated_at').notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex('business_calendars_workspace_key').on(t.workspaceId).where(sql`team_id IS NULL`),
    uniqueIndex('business_calendars_team_key').on(t.teamId).where(sql`team_id IS NOT NULL`),
  ],
);

/**
 * Automation rules (packages/contracts/automation.ts): trigger, conditions and actions as JSON the
 * contract's schemas validated; `position` orders them within the workspace.
 */
export const automationRules = pgTable(
  'automation_rules',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    workspaceId: workspaceIdColumn(),
    name: text('name').notNull(),
    /** The ready-made rule it started as (welcome, out_of_office, no_reply); null for the owner's own. */
    preset: text('preset'),
    enabled: boolean('enabled').notNull().default(false),
    position: integer('position').notNull(),
    /** The numbers it listens on; empty: every number. */
    channelIds: uuid('channel_ids').array().notNull().default(sql`'{}'::uuid[]`),
    trigger: jsonb('trigger').notNull(),
    conditions: jsonb('conditions').notNull().default([]),
    actions: jsonb('actions').notNull(),
    cooldownMinutes: integer('cooldown_minutes').notNull().default(0),
    firedCount: bigint('fired_count', { mode: 'number' }).notNull().default(0),
    lastFiredAt: ts('last_fired_at'),
    createdBy: uuid('created_by').references(() => users.id, { onDelete: 'set null' }),
    createdAt: createdAt(),
    updatedAt: ts('updated_at').notNull().defaultNow(),
  },
  (t) => [
    index('automation_rules_workspace_idx').on(t.workspaceId, t.position),
    uniqueIndex('automation_rules_preset_key').on(t.workspaceId, t.preset).where(sql`preset IS NOT NULL`),
  ],
);

/** Per workspace: whether the ready-made rules were given (so deleting one does not bring it back). */
export const automationSettings = pgTable('automation_settings', {
  workspaceId: workspaceIdColumn().primaryKey(),
  presetsAddedAt: ts('presets_added_at'),
});

/**
 * What automation has to look at, one row per event: a customer's message (written in the
 * ingest's own transaction, so none is lost or seen twice) or a timer of a rule (`rule_id`) that
 * is due at `due_at`. The worker takes due rows with SKIP LOCKED, runs the rules and deletes the
 * rows in ONE transaction: a crash before the commit leaves them to run again, after it nothing
 * runs twice. A row that fails on its own keeps its error and is not taken again.
 */
export const automationInbox = pgTable(
  'automation_inbox',
  {
    id: bigint('id', { mode: 'number' }).primaryKey().generatedAlwaysAsIdentity(),
    workspaceId: uuid('workspace_id').notNull(),
    kind: text('kind', {
      enum: [
        'message',
        'no_reply',
        'window_closing',
        'flow_start',
        'flow_resume',
        'flow_reminder',
        'flow_timeout',
        'flow_http',
        'rule_http',
        'state_change',
        'schedule',
      ],
    }).notNull(),
    conversationId: uuid('conversation_id').notNull(),
    messageId: uuid('message_id'),
    /** message: `new` or `reopened` when this message opened its conversation. */
    opened: text('opened', { enum: ['new', 'reopened'] }),
    ruleId: uuid('rule_id'),
    /** flow_start: the flow to start; flow timers: the session and the step they were set at. */
    flowId: uuid('flow_id'),
    sessionId: uuid('session_id'),
    sessionStep: integer('session_step'),
    /** state_change: what a member changed (engine/enqueue-state-changes.ts StateChange); rule_http: the request. */
    detail: jsonb('detail'),
    /** A timer's time; '-infinity' for a customer's message (due at once). */
    dueAt: ts('due_at').notNull().defaultNow(),
    attempts: integer('attempts').notNull().default(0),
    error: text('error'),
    createdAt: createdAt(),
  },
  (t) => [
    index('automation_inbox_due_idx').on(t.dueAt, t.id).where(sql`error IS NULL`),
    // One pending timer per rule and conversation: the clock runs from the first unanswered message.
    uniqueIndex('automation_inbox_timer_key')
      .on(t.ruleId, t.conversationId, t.kind)
      .where(sql`rule_id IS NOT NULL AND error IS NULL`),
    uniqueIndex('automation_inbox_session_timer_key')
      .on(t.sessionId, t.kind)
      .where(sql`session_id IS NOT NULL AND error IS NULL`),
  ],
);

/**
 * The next run of each enabled rule with a schedule trigger, armed when the rule is saved or
 * turned on and moved to the following run in the transaction that runs it (engine/run-schedules.ts).
 */
export const automationSchedules = pgTable(
  'automation_schedules',
  {
    ruleId: uuid('rule_id')
      .primaryKey()
      .references(() => automationRules.id, { onDelete: 'cascade' }),
    workspaceId: uuid('workspace_id').notNull(),
    dueAt: ts('due_at').notNull(),
  },
  (t) => [index('automation_schedules_due_idx').on(t.dueAt)],
);

/** When each rule last fired in each conversation (its cooldown, "last run"). */
export const automationRuleFires = pgTable(
  'automation_rule_fires',
  {
    ruleId: uuid('rule_id')
      .notNull()
      .references(() => automationRules.id, { onDelete: 'cascade' }),
    conversationId: uuid('conversation_id').notNull(),
    firedAt: ts('fired_at').notNull(),
  },
  (t) => [primaryKey({ columns: [t.ruleId, t.conversationId] })],
);

/**
 * How often each rule fired, per hour (the reports' "fired in the period"): automation_rule_fires
 * keeps only the last fire per conversation, and the rule's own count is since it was made.
 */
export const automationRuleFireHours = pgTable(
  'automation_rule_fire_hours',
  {
    ruleId: uuid('rule_id')
      .notNull()
      .references(() => automationRules.id, { onDelete: 'cascade' }),
    workspaceId: uuid('workspace_id').notNull(),
    hour: ts('hour').notNull(),
    fired: integer('fired').notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.ruleId, t.hour] }),
    index('automation_rule_fire_hours_workspace_idx').on(t.workspaceId, t.hour),
  ],
);

/** Chatbot flows: the draft being edited, and which published version runs. */
export const flows = pgTable(
  'flows',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    workspaceId: workspaceIdColumn(),
    name: text('name').notNull(),
    /** The flow as the builder last saved it (packages/contracts FlowDefinition). */
    draft: jsonb('draft').notNull(),
    /** The version new sessions start on; null until first published. */
    publishedVersion: integer('published_version'),
    createdBy: uuid('created_by').references(() => users.id, { onDelete: 'set null' }),
    createdAt: createdAt(),
    updatedAt: ts('updated_at').notNull().defaultNow(),
  },
  (t) => [index('flows_workspace_idx').on(t.workspaceId)],
);

/** Each publication of a flow, kept: running sessions finish on the version they started. */
export const flowVersions = pgTable(
  'flow_versions',
  {
    flowId: uuid('flow_id')
      .notNull()
      .references(() => flows.id, { onDelete: 'cascade' }),
    version: integer('version').notNull(),
    workspaceId: uuid('workspace_id').notNull(),
    definition: jsonb('definition').notNull(),
    publishedBy: uuid('published_by').references(() => users.id, { onDelete: 'set null' }),
    publishedAt: ts('published_at').notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.flowId, t.version] })],
);

/**
 * A flow running in a conversation: where it waits and what it collected (`state`, the engine's
 * FlowState). One active session per conversation; `step` counts the steps, so a timer set at an
 * earlier step knows it is stale.
 */
export const botSessions = pgTable(
  'bot_sessions',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    workspaceId: workspaceIdColumn(),
    conversationId: uuid('conversation_id').notNull(),
    flowId: uuid('flow_id')
      .notNull()
      .references(() => flows.id, { onDelete: 'cascade' }),
    version: integer('version').notNull(),
    state: jsonb('state').notNull(),
    step: integer('step').notNull().default(0),
    status: text('status', {
      enum: ['active', 'completed', 'handed_off', 'timed_out', 'stopped', 'moved'],
    }).notNull(),
    /** Why it ended, when it did: `agent_replied`, `stopped_by` a member, `window_closed`… */
    endReason: text('end_reason'),
    startedAt: ts('started_at').notNull(),
    /** When the bot last spoke (a late message written before it is not an answer to it). */
    askedAt: ts('asked_at').notNull(),
    endedAt: ts('ended_at'),
  },
  (t) => [
    uniqueIndex('bot_sessions_active_key').on(t.conversationId).where(sql`status = 'active'`),
    index('bot_sessions_flow_idx').on(t.flowId, t.status),
  ],
);
