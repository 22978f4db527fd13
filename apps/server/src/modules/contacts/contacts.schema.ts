import { sql } from 'drizzle-orm';
import { index, integer, jsonb, pgTable, text, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { createdAt, ts } from '../../platform/db/columns';
import { users, workspaceIdColumn } from '../auth/auth.schema';

export const contacts = pgTable(
  'contacts',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    workspaceId: workspaceIdColumn(),
    /** WhatsApp's user id (digits); null for username-only senders known by BSUID. */
    waId: text('wa_id'),
    /** Business-scoped user id (BSUID, e.g. US.1349...), when Meta sends one: replies go to it when there is no wa_id. */
    userId: text('user_id'),
    /** The user id across the business's managed portfolio (`parent_user_id`), when Meta sends one. */
    parentUserId: text('parent_user_id'),
    /** The customer's WhatsApp username, when they chose one. */
    username: text('username'),
    /** The ad the customer first came from (Click-to-WhatsApp referral `source_id`, `source_url`). */
    sourceId: text('source_id'),
    sourceUrl: text('source_url'),
    phone: text('phone'),
    /**
     * The key every form of this number shares (Mexico's 521, Argentina's 549, Brazil's ninth
     * digit): `phone_match_key(wa_id)`, the rule of `normalizePhone` (contacts/phone-numbers.ts).
     */
    phoneKey: text('phone_key').generatedAlwaysAs(sql`phone_match_key(wa_id)`),
    name: text('name'),
    profileName: text('profile_name'),
    /** Custom attribute values by key, checked against `contact_attribute_definitions`. */
    attributes: jsonb('attributes').notNull().default({}),
    tags: text('tags').array().notNull().default(sql`'{}'::text[]`),
    notes: text('notes'),
    optInState: text('opt_in_state', { enum: ['unknown', 'opted_in', 'opted_out'] })
      .notNull()
      .default('unknown'),
    optInSource: text('opt_in_source', { enum: ['import', 'agent', 'customer_keyword', 'api', 'whatsapp'] }),
    optInAt: ts('opt_in_at'),
    createdAt: createdAt(),
    updatedAt: ts('updated_at').notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex('contacts_workspace_wa_id_key').on(t.workspaceId, t.waId),
    uniqueIndex('contacts_workspace_user_id_key').on(t.workspaceId, t.userId),
    index('contacts_workspace_phone_idx').on(t.workspaceId, t.phone),
    index('contacts_workspace_phone_key_idx').on(t.workspaceId, t.phoneKey),
    index('contacts_workspace_created_idx').on(t.workspaceId, t.createdAt.desc(), t.id.desc()),
  ],
);

/** The custom fields a workspace gives its contacts. */
export const contactAttributeDefinitions = pgTable(
  'contact_attribute_definitions',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    workspaceId: workspaceIdColumn(),
    key: text('key').notNull(),
    label: text('label').notNull(),
    type: text('type', { enum: ['text', 'number', 'date', 'boolean', 'list'] }).notNull(),
    options: jsonb('options').$type<string[] | null>(),
    createdAt: createdAt(),
  },
  (t) => [uniqueIndex('contact_attribute_definitions_workspace_key').on(t.workspaceId, t.key)],
);

/**
 * One CSV upload: kept from the preview to the end of the import job, which writes the rows in
 * chunks and commits its progress with each chunk (so a retried job resumes, never doubles). A
 * preview never started is deleted after 7 days (purge-unstarted-imports).
 */
export const contactImports = pgTable(
  'contact_imports',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    workspaceId: workspaceIdColumn(),
    createdByUserId: uuid('created_by_user_id').references(() => users.id, { onDelete: 'set null' }),
    filename: text('filename'),
    /** The decoded file; dropped once the import ends. */
    csv: text('csv'),
    columns: jsonb('columns').$type<string[]>().notNull(),
    sampleRows: jsonb('sample_rows').$type<string[][]>().notNull(),
    status: text('status', { enum: ['previewed', 'running', 'done', 'failed'] })
      .notNull()
      .default('previewed'),
    mapping: jsonb('mapping'),
    defaultCountry: text('default_country'),
    totalRows: integer('total_rows').notNull().default(0),
    processedRows: integer('processed_rows').notNull().default(0),
    createdCount: integer('created_count').notNull().default(0),
    updatedCount: integer('updated_count').notNull().default(0),
    rejected: jsonb('rejected').notNull().default([]),
    error: text('error'),
    createdAt: createdAt(),
    finishedAt: ts('finished_at'),
  },
  (t) => [index('contact_imports_workspace_idx').on(t.workspaceId, t.createdAt.desc())],
);
