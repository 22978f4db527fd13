import type {
  Template,
  TemplateButton,
  TemplateDraft,
  TemplateHeader,
  TemplateQuality,
  TemplateStatus,
} from '@charla/contracts';
import type { Query } from '../../platform/db/database';
import { notFound } from '../../platform/errors';

export interface TemplateRow {
  id: string;
  workspace_id: string;
  waba_id: string;
  name: string;
  language: string;
  category: Template['category'];
  parameter_format: Template['parameterFormat'];
  header: TemplateHeader | null;
  body: string;
  body_examples: Record<string, string>;
  footer: string | null;
  buttons: TemplateButton[];
  status: TemplateStatus;
  rejection_reason: string | null;
  rejection_detail: string | null;
  quality: TemplateQuality;
  external_id: string | null;
  approved_edits: string[];
  submitted_at: Date | null;
  updated_at: Date;
}

export const TEMPLATE_COLUMNS = `id, workspace_id, waba_id, name, language, category, parameter_format, header, body,
  body_examples, footer, buttons, status, rejection_reason, rejection_detail, quality, external_id, approved_edits,
  submitted_at, updated_at`;

export const draftOf = (r: TemplateRow): TemplateDraft => ({
  name: r.name,
  language: r.language,
  category: r.category,
  parameterFormat: r.parameter_format,
  header: r.header,
  body: r.body,
  bodyExamples: r.body_examples ?? {},
  footer: r.footer,
  buttons: r.buttons ?? [],
});

const iso = (d: Date | string | null) => (d === null ? null : new Date(d).toISOString());

export const toTemplate = (r: TemplateRow): Template => ({
  ...draftOf(r),
  id: r.id,
  wabaId: r.waba_id,
  status: r.status,
  rejection: r.rejection_reason ? { reason: r.rejection_reason, detail: r.rejection_detail } : null,
  quality: r.quality,
  externalId: r.external_id,
  submittedAt: iso(r.submitted_at),
  updatedAt: iso(r.updated_at)!,
});

/** The draft's columns in insert order ($n placeholders start at `from`). */
export const draftValues = (d: TemplateDraft) => [
  d.name,
  d.language,
  d.category,
  d.parameterFormat,
  d.header === null ? null : JSON.stringify(d.header),
  d.body,
  JSON.stringify(d.bodyExamples),
  d.footer === '' ? null : d.footer,
  JSON.stringify(d.buttons),
];

export async function findTemplateRow(
  db: { query: Query },
  workspaceId: string,
  id: string,
): Promise<TemplateRow> {
  const [row] = await db.query<TemplateRow & Record<string, unknown>>(
    `SELECT ${TEMPLATE_COLUMNS} FROM templates WHERE workspace_id = $1 AND id = $2`,
    [workspaceId, id],
  );
  if (!row) throw notFound('template');
  return row;
}

export function isUniqueViolation(err: unknown): boolean {
  const e = err as { code?: string; cause?: { code?: string } };
  return e?.code === '23505' || e?.cause?.code === '23505';
}
