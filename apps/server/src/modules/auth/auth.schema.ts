import { sql } from 'drizzle-orm';
import { boolean, index, integer, pgTable, primaryKey, text, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { createdAt, ts } from '../../platform/db/columns';

/** The owning workspace: every tenant table has one, and deleting the workspace deletes its rows. */
export const workspaceIdColumn = () =>
  uuid('workspace_id')
    .notNull()
    .references(() => workspaces.id, { onDelete: 'cascade' });

export const workspaces = pgTable('workspaces', {
  id: uuid('id').primaryKey().defaultRandom(),
  name: text('name').notNull(),
  timezone: text('timezone').notNull().default('UTC'),
  /** ISO 3166 alpha-2 (`MX`): a phone number typed without + is read in this country. Null: none chosen. */
  defaultCountry: text('default_country'),
  /** all: agents see every conversation; assigned: only theirs and their teams'. */
  conversationVisibility: text('conversation_visibility', { enum: ['all', 'assigned'] })
    .notNull()
    .default('all'),
  /** New conversations go round robin to the online members of `autoAssignTeamId` (or everyone). */
  autoAssign: boolean('auto_assign').notNull().default(false),
  autoAssignTeamId: uuid('auto_assign_team_id'),
  /** At most this many open conversations per agent before auto-assignment skips them. */
  autoAssignCap: integer('auto_assign_cap').notNull().default(10),
  /** A customer message that is exactly one of these opts the contact out (modules/contacts/opt-out-keywords.ts). */
  optOutKeywords: text('opt_out_keywords')
    .array()
    .notNull()
    .default(sql`ARRAY['STOP','BAJA','ALTO','CANCELAR','UNSUBSCRIBE']::text[]`),
  optInKeywords: text('opt_in_keywords')
    .array()
    .notNull()
    .default(sql`ARRAY['START','ALTA','SUSCRIBIR']::text[]`),
  /** Confirm an opt-out/in by keyword with a reply (in the owner's language). */
  optOutAutoReply: boolean('opt_out_auto_reply').notNull().default(true),
  /** Marketing broadcasts reach only opted-in contacts; those whose consent is unknown are left out. */
  marketingOptedInOnly: boolean('marketing_opted_in_only').notNull().default(false),
  /** Ask the customer to rate a conversation a member resolved (modules/inbox/csat). */
  csatEnabled: boolean('csat_enabled').notNull().default(false),
  /** The approved template that asks after the 24-hour window closed; none: no survey then. */
  csatTemplateId: uuid('csat_template_id'),
  createdAt: createdAt(),
});

export const users = pgTable(
  'users',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    email: text('email').notNull(),
    name: text('name').notNull(),
    passwordHash: text('password_hash').notNull(),
    locale: text('locale', { enum: ['es', 'en'] })
      .notNull()
      .default('es'),
    createdAt: createdAt(),
  },
  (t) => [uniqueIndex('users_email_key').on(sql`lower(${t.email})`)],
);

export const workspaceMembers = pgTable(
  'workspace_members',
  {
    workspaceId: workspaceIdColumn(),
    userId: uuid('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    role: text('role', { enum: ['owner', 'admin', 'agent'] }).notNull(),
    /** Last API call or realtime heartbeat: "online" for automatic assignment. */
    lastSeenAt: ts('last_seen_at'),
    /** The last member who received a conversation automatically (round robin). */
    lastAutoAssignedAt: ts('last_auto_assigned_at'),
    /** Set when an owner or admin deactivates the member: they cannot sign in until reactivated. */
    deactivatedAt: ts('deactivated_at'),
    createdAt: createdAt(),
  },
  (t) => [
    primaryKey({ columns: [t.workspaceId, t.userId] }),
    index('workspace_members_user_idx').on(t.userId),
  ],
);

export const sessions = pgTable(
  'sessions',
  {
    /** sha256 of the cookie's token: a database leak does not hand out live sessions. */
    id: text('id').primaryKey(),
    userId: uuid('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    workspaceId: workspaceIdColumn(),
    /** What the member sees and ends in "my sessions" (the id above must never leave the server). */
    publicId: uuid('public_id').notNull().defaultRandom().unique(),
    createdAt: createdAt(),
    expiresAt: ts('expires_at').notNull(),
    userAgent: text('user_agent'),
    /** The client address at sign-in (through TRUST_PROXY only). */
    ip: text('ip'),
    /** Last request on this session, written at most once a minute. */
    lastSeenAt: ts('last_seen_at'),
  },
  (t) => [index('sessions_user_idx').on(t.userId)],
);

export const invitations = pgTable(
  'invitations',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    workspaceId: workspaceIdColumn(),
    email: text('email').notNull(),
    role: text('role', { enum: ['admin', 'agent'] }).notNull(),
    tokenHash: text('token_hash').notNull().unique(),
    invitedBy: uuid('invited_by').references(() => users.id, { onDelete: 'set null' }),
    expiresAt: ts('expires_at').notNull(),
    acceptedAt: ts('accepted_at'),
    /** An owner or admin took the invitation back (or replaced its link): it can no longer be accepted. */
    revokedAt: ts('revoked_at'),
    createdAt: createdAt(),
  },
  (t) => [index('invitations_workspace_idx').on(t.workspaceId)],
);

/** One-time, short-lived links that let a member choose a new password. */
export const passwordResets = pgTable(
  'password_resets',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    workspaceId: workspaceIdColumn(),
    userId: uuid('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    /** sha256 of the link's token. */
    tokenHash: text('token_hash').notNull().unique(),
    /** The admin who made the link; null when the member asked for it ("forgot password"). */
    createdBy: uuid('created_by').references(() => users.id, { onDelete: 'set null' }),
    expiresAt: ts('expires_at').notNull(),
    usedAt: ts('used_at'),
    createdAt: createdAt(),
  },
  (t) => [index('password_resets_user_idx').on(t.userId)],
);

/**
 * Failed attempts per key (`ip:<address>` or `account:<email>` for sign-in, invitation accept and
 * password reset), shared by every process: each failure past the free ones doubles the wait.
 */
export const authThrottle = pgTable('auth_throttle', {
  key: text('key').primaryKey(),
  failures: integer('failures').notNull().default(0),
  lastFailureAt: ts('last_failure_at').notNull(),
  blockedUntil: ts('blocked_until'),
});

export const teams = pgTable(
  'teams',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    workspaceId: workspaceIdColumn(),
    name: text('name').notNull(),
    createdAt: createdAt(),
  },
  (t) => [uniqueIndex('teams_workspace_name_key').on(t.workspaceId, sql`lower(${t.name})`)],
);

export const teamMembers = pgTable(
  'team_members',
  {
    teamId: uuid('team_id')
      .notNull()
      .references(() => teams.id, { onDelete: 'cascade' }),
    userId: uuid('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    workspaceId: workspaceIdColumn(),
    createdAt: createdAt(),
  },
  (t) => [primaryKey({ columns: [t.teamId, t.userId] }), index('team_members_user_idx').on(t.userId)],
);
