import type { TemplateDraft } from '@charla/contracts';
import { AppError } from '../../platform/errors';
import type { TemplateSample, TemplatesDeps } from './templates.ports';
import { draftOf, type TemplateRow } from './templates.repository';

/** Statuses Meta lets a business edit (reference §4.3 "Edits"). */
export const EDITABLE_AT_META = ['approved', 'rejected', 'paused'] as const;

async function sampleOf(
  deps: TemplatesDeps,
  row: TemplateRow,
  draft: TemplateDraft,
): Promise<TemplateSample | null> {
  const header = draft.header;
  if (!header || !('exampleMediaId' in header) || !header.exampleMediaId) return null;
  const sample = await deps.readMedia(row.workspace_id, header.exampleMediaId);
  if (!sample) {
    throw new AppError(
      'unprocessable',
      'invalid_template',
      'The sample file of the header is no longer stored; upload it again.',
      [{ path: 'header.exampleMediaId', message: 'The file does not exist; upload it again' }],
    );
  }
  const kind = sample.mimeType.startsWith('image/')
    ? 'image'
    : sample.mimeType.startsWith('video/')
      ? 'video'
      : 'document';
  if (kind !== header.format) {
    const message = `The header is ${header.format === 'image' ? 'an image' : `a ${header.format}`}, but its sample is ${sample.mimeType}; upload a sample of the header's kind.`;
    throw new AppError('unprocessable', 'invalid_template', message, [
      { path: 'header.exampleMediaId', message },
    ]);
  }
  return sample;
}

/**
 * Hands the row's draft to Meta: created the first time, edited (components replaced) after.
 * The row says `pending` before the call, because Meta's review webhook can arrive before the
 * call returns and must not be overwritten; if Meta refuses, the row gets its status back.
 */
export async function submitToMeta(deps: TemplatesDeps, row: TemplateRow): Promise<void> {
  const draft = draftOf(row);
  const account = { workspaceId: row.workspace_id, wabaId: row.waba_id };
  const sample = await sampleOf(deps, row, draft);
  const now = deps.clock.now();
  const key = [row.workspace_id, row.id];
  await deps.db.query(
    `UPDATE templates SET status = 'pending', submitted_at = $3, rejection_reason = NULL, rejection_detail = NULL,
            updated_at = $3 WHERE workspace_id = $1 AND id = $2`,
    [...key, now],
  );
  try {
    if (row.external_id === null) {
      const created = await deps.gateway.create(account, draft, sample);
      await deps.db.query(
        `UPDATE templates SET external_id = $3, category = $4,
                status = CASE WHEN status = 'pending' THEN $5 ELSE status END
          WHERE workspace_id = $1 AND id = $2`,
        [...key, created.externalId, created.category, created.status],
      );
    } else {
      await deps.gateway.edit(account, row.external_id, draft, {
        category: row.status !== 'approved',
        sample,
      });
      if (row.status === 'approved') {
        await deps.db.query(
          'UPDATE templates SET approved_edits = approved_edits || $3::jsonb WHERE workspace_id = $1 AND id = $2',
          [...key, JSON.stringify([now.toISOString()])],
        );
      }
    }
  } catch (err) {
    await deps.db.query(
      `UPDATE templates SET status = $3, submitted_at = $4, rejection_reason = $5, rejection_detail = $6
        WHERE workspace_id = $1 AND id = $2 AND status = 'pending'`,
      [...key, row.status, row.submitted_at, row.rejection_reason, row.rejection_detail],
    );
    throw err;
  }
  await deps.notify([{ workspaceId: row.workspace_id, templateId: row.id }]);
}
