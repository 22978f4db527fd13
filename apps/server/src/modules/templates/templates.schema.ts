import type { TemplateButton, TemplateHeader } from '@charla/contracts';
import { index, jsonb, pgTable, text, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { createdAt, ts } from '../../platform/db/columns';
import { workspaceIdColumn } from '../auth/auth.schema';

/**
 * A WhatsApp message template of one WhatsApp Business Account, as Charla knows it: the draft
 * a person wrote, and Meta's verdict (status, rejection, quality) kept current by webhooks and
 * a periodic sync. A workspace with two numbers of one WABA sees its templates once.
 */
export const templates = pgTable(
  'templates',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    workspaceId: workspaceIdColumn(),
    wabaId: text('waba_id').notNull(),
    name: text('name').notNull(),
    language: text('language').notNull(),
    category: text('category', { enum: ['marketing', 'utility', 'authentication'] }).notNull(),
    parameterFormat: text('parameter_format', { enum: ['named', 'positional'] }).notNull(),
    header: jsonb('header').$type<TemplateHeader | null>(),
    body: text('body').notNull(),
    bodyExamples: jsonb('body_examples').$type<Record<string, string>>().notNull().default({}),
    footer: text('footer'),
    buttons: jsonb('buttons').$type<TemplateButton[]>().notNull().default([]),
    status: text('status').notNull().default('draft'),
    rejectionReason: text('rejection_reason'),
    rejectionDetail: text('rejection_detail'),
    quality: text('quality').notNull().default('unknown'),
    /** Meta's template id (hsm id) once submitted. */
    externalId: text('external_id'),
    /** When it was edited while approved: Meta allows 1 such edit a day and 10 in 30 days. */
    approvedEdits: jsonb('approved_edits').$type<string[]>().notNull().default([]),
    submittedAt: ts('submitted_at'),
    createdAt: createdAt(),
    updatedAt: ts('updated_at').notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex('templates_workspace_waba_name_language_key').on(t.workspaceId, t.wabaId, t.name, t.language),
    index('templates_waba_external_idx').on(t.wabaId, t.externalId),
  ],
);
