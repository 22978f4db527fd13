import { AppError } from '../../platform/errors';
import { assertCanManage, type TemplateActor } from './template-access';
import type { TemplatesDeps } from './templates.ports';
import { findTemplateRow } from './templates.repository';

/**
 * Deletes one template (this language only: Meta's delete by hsm_id + name). Meta refuses to
 * delete a disabled template; an approved name cannot be used again for 30 days.
 */
export async function deleteTemplate(deps: TemplatesDeps, actor: TemplateActor, id: string): Promise<void> {
  assertCanManage(actor);
  const row = await findTemplateRow(deps.db, actor.workspaceId, id);
  if (row.status === 'disabled') {
    throw new AppError(
      'conflict',
      'template_not_deletable',
      'WhatsApp does not allow deleting a disabled template. It stays in the list, and cannot be sent.',
    );
  }
  const atMeta = row.external_id !== null && row.status !== 'deleted' && row.status !== 'pending_deletion';
  if (atMeta) {
    await deps.gateway.remove(
      { workspaceId: row.workspace_id, wabaId: row.waba_id },
      { name: row.name, externalId: row.external_id! },
    );
  }
  await deps.db.query('DELETE FROM templates WHERE workspace_id = $1 AND id = $2', [actor.workspaceId, id]);
  await deps.notify([{ workspaceId: actor.workspaceId, templateId: id }]);
}
