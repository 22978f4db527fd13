import type { Template, TemplateDraft } from '@charla/contracts';
import { AppError } from '../../platform/errors';
import { nameTaken } from './create-template';
import { EDITABLE_AT_META, submitToMeta } from './submit-to-meta';
import { assertCanManage, assertValidDraft, type TemplateActor } from './template-access';
import type { TemplatesDeps } from './templates.ports';
import {
  draftOf,
  draftValues,
  findTemplateRow,
  isUniqueViolation,
  type TemplateRow,
  toTemplate,
} from './templates.repository';

const DAY_MS = 24 * 3600_000;

/** Why Meta would refuse to edit this template now, or null (reference §4.3 "Edits"). */
function editRefusal(row: TemplateRow, draft: TemplateDraft, now: Date): AppError | null {
  if (row.status === 'draft') return null;
  if (!(EDITABLE_AT_META as readonly string[]).includes(row.status)) {
    return new AppError(
      'conflict',
      'template_not_editable',
      `A template that is ${row.status.replace('_', ' ')} cannot be edited; WhatsApp allows edits only of approved, rejected or paused templates.${row.status === 'pending' ? ' Wait for the review to finish.' : ''}`,
    );
  }
  if (draft.name !== row.name || draft.language !== row.language) {
    return new AppError(
      'conflict',
      'template_identity_locked',
      'The name and language of a submitted template cannot change. Create a new template instead.',
      [{ path: draft.name !== row.name ? 'name' : 'language', message: 'Cannot change after submitting' }],
    );
  }
  if (row.status === 'approved' && draft.category !== row.category) {
    return new AppError(
      'conflict',
      'category_locked',
      'WhatsApp does not allow changing the category of an approved template. Create a new template in the other category.',
      [{ path: 'category', message: 'Cannot change on an approved template' }],
    );
  }
  if (row.status === 'approved') {
    const edits = (row.approved_edits ?? []).map((d) => new Date(d).getTime());
    const lastDay = edits.filter((t) => now.getTime() - t < DAY_MS);
    if (lastDay.length >= 1) {
      const next = new Date(Math.min(...lastDay) + DAY_MS).toISOString();
      return new AppError(
        'conflict',
        'edit_limit',
        `WhatsApp allows one edit of an approved template per day. Edit it again after ${next}.`,
      );
    }
    if (edits.filter((t) => now.getTime() - t < 30 * DAY_MS).length >= 10) {
      return new AppError(
        'conflict',
        'edit_limit',
        'WhatsApp allows 10 edits of an approved template in 30 days; this one has used them. Create a new template instead.',
      );
    }
  }
  return null;
}

/**
 * Edits a template. A draft is saved (and submitted when asked); a template Meta already has is
 * edited at Meta at once, which sends it back to review (`submit` makes no difference then).
 */
export async function updateTemplate(
  deps: TemplatesDeps,
  actor: TemplateActor,
  id: string,
  input: { draft: TemplateDraft; submit: boolean },
): Promise<Template> {
  assertCanManage(actor);
  const row = await findTemplateRow(deps.db, actor.workspaceId, id);
  const refusal = editRefusal(row, input.draft, deps.clock.now());
  if (refusal) throw refusal;
  assertValidDraft(input.draft);
  const previous = draftValues(draftOf(row));
  const save = (values: unknown[]) =>
    deps.db.query(
      `UPDATE templates SET name = $3, language = $4, category = $5, parameter_format = $6, header = $7::jsonb, body = $8,
              body_examples = $9::jsonb, footer = $10, buttons = $11::jsonb, updated_at = $12
        WHERE workspace_id = $1 AND id = $2`,
      [actor.workspaceId, id, ...values, deps.clock.now()],
    );
  try {
    await save(draftValues(input.draft));
  } catch (err) {
    if (isUniqueViolation(err)) throw nameTaken(input.draft);
    throw err;
  }
  if (row.status !== 'draft' || input.submit) {
    try {
      await submitToMeta(deps, await findTemplateRow(deps.db, actor.workspaceId, id));
    } catch (err) {
      // Meta refused the edit: the template stays as Meta has it.
      if (row.status !== 'draft') await save(previous);
      throw err;
    }
  }
  await deps.notify([{ workspaceId: actor.workspaceId, templateId: id }]);
  return toTemplate(await findTemplateRow(deps.db, actor.workspaceId, id));
}

/** Submits a draft for review, or a rejected template again as it is. */
export async function submitTemplate(
  deps: TemplatesDeps,
  actor: TemplateActor,
  id: string,
): Promise<Template> {
  assertCanManage(actor);
  const row = await findTemplateRow(deps.db, actor.workspaceId, id);
  if (row.status !== 'draft' && row.status !== 'rejected') {
    throw new AppError(
      'conflict',
      'template_not_submittable',
      `This template is ${row.status.replace('_', ' ')}; only drafts and rejected templates can be submitted for review.`,
    );
  }
  assertValidDraft(toTemplate(row));
  await submitToMeta(deps, row);
  return toTemplate(await findTemplateRow(deps.db, actor.workspaceId, id));
}
