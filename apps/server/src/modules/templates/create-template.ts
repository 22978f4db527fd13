import type { Template, TemplateDraft } from '@charla/contracts';
import { AppError } from '../../platform/errors';
import { submitToMeta } from './submit-to-meta';
import { assertCanManage, assertOwnWaba, assertValidDraft, type TemplateActor } from './template-access';
import type { TemplatesDeps } from './templates.ports';
import {
  draftValues,
  findTemplateRow,
  isUniqueViolation,
  TEMPLATE_COLUMNS,
  type TemplateRow,
  toTemplate,
} from './templates.repository';

export const nameTaken = (draft: TemplateDraft) =>
  new AppError(
    'conflict',
    'template_exists',
    `This account already has a template named ${draft.name} in ${draft.language}. Pick another name, or edit that template.`,
    [{ path: 'name', message: `Already used in ${draft.language}` }],
  );

/**
 * Saves a new template as a draft and, when asked, submits it to Meta for review. If Meta
 * refuses it, nothing is kept, so the same request can be sent again once fixed.
 */
export async function createTemplate(
  deps: TemplatesDeps,
  actor: TemplateActor,
  input: { wabaId: string; draft: TemplateDraft; submit: boolean },
): Promise<Template> {
  assertCanManage(actor);
  await assertOwnWaba(deps, actor.workspaceId, input.wabaId);
  assertValidDraft(input.draft);
  let row: TemplateRow;
  try {
    const now = deps.clock.now();
    const inserted = await deps.db.query<TemplateRow & Record<string, unknown>>(
      `INSERT INTO templates (workspace_id, waba_id, name, language, category, parameter_format, header, body,
                              body_examples, footer, buttons, created_at, updated_at)
       VALUES ($1, $2, $3, $4, $5, $6, $7::jsonb, $8, $9::jsonb, $10, $11::jsonb, $12, $12) RETURNING ${TEMPLATE_COLUMNS}`,
      [actor.workspaceId, input.wabaId, ...draftValues(input.draft), now],
    );
    row = inserted[0]!;
  } catch (err) {
    if (isUniqueViolation(err)) throw nameTaken(input.draft);
    throw err;
  }
  if (input.submit) {
    try {
      await submitToMeta(deps, row);
    } catch (err) {
      await deps.db.query('DELETE FROM templates WHERE workspace_id = $1 AND id = $2', [
        actor.workspaceId,
        row.id,
      ]);
      throw err;
    }
  }
  await deps.notify([{ workspaceId: actor.workspaceId, templateId: row.id }]);
  return toTemplate(await findTemplateRow(deps.db, actor.workspaceId, row.id));
}
