import type { TemplateDraft } from '@charla/contracts';
import { validateTemplateDraft } from '@charla/contracts/template-rules';
import { AppError } from '../../platform/errors';
import type { TemplatesDeps } from './templates.ports';

export interface TemplateActor {
  workspaceId: string;
  role: 'owner' | 'admin' | 'agent';
}

export function assertCanManage(actor: TemplateActor): void {
  if (actor.role === 'agent') {
    throw new AppError('forbidden', 'forbidden', 'Only the owner or an admin can manage templates.');
  }
}

/** A workspace manages templates only of the WhatsApp Business Accounts of its own numbers. */
export async function assertOwnWaba(
  deps: Pick<TemplatesDeps, 'wabasOf'>,
  workspaceId: string,
  wabaId: string,
) {
  const wabas = await deps.wabasOf(workspaceId);
  if (!wabas.includes(wabaId)) {
    throw new AppError(
      'unprocessable',
      'unknown_waba',
      `None of this workspace's numbers belongs to the WhatsApp Business Account ${wabaId}. Pick the account of one of your numbers (GET /api/channels shows each number's wabaId).`,
      [{ path: 'wabaId', message: 'Not the account of any of your numbers' }],
    );
  }
}

/** 422 invalid_template naming every field that breaks one of Meta's rules (reference §4.3). */
export function assertValidDraft(draft: TemplateDraft): void {
  const issues = validateTemplateDraft(draft);
  if (issues.length === 0) return;
  throw new AppError(
    'unprocessable',
    'invalid_template',
    `The template breaks ${issues.length === 1 ? 'a rule' : `${issues.length} rules`} of WhatsApp: ${issues
      .map((i) => `${i.path}: ${i.message.en}`)
      .join(' ')}`,
    issues.map((i) => ({ path: i.path, message: i.message.en })),
  );
}
