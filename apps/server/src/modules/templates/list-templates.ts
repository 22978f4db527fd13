import type { Template, TemplateStatus } from '@charla/contracts';
import type { TemplatesDeps } from './templates.ports';
import { findTemplateRow, TEMPLATE_COLUMNS, type TemplateRow, toTemplate } from './templates.repository';

/** The workspace's templates, by name then language; every member may read them. */
export async function listTemplates(
  deps: Pick<TemplatesDeps, 'db'>,
  workspaceId: string,
  filter: { wabaId?: string | undefined; status?: TemplateStatus | undefined },
): Promise<Template[]> {
  const rows = await deps.db.query<TemplateRow & Record<string, unknown>>(
    `SELECT ${TEMPLATE_COLUMNS} FROM templates
      WHERE workspace_id = $1 AND ($2::text IS NULL OR waba_id = $2) AND ($3::text IS NULL OR status = $3)
      ORDER BY name, language`,
    [workspaceId, filter.wabaId ?? null, filter.status ?? null],
  );
  return rows.map(toTemplate);
}

export async function getTemplate(
  deps: Pick<TemplatesDeps, 'db'>,
  workspaceId: string,
  id: string,
): Promise<Template> {
  return toTemplate(await findTemplateRow(deps.db, workspaceId, id));
}
