import type { MessageContent, Template, TemplateValues } from '@charla/contracts';
import { missingTemplateValues, pickTemplateValues, renderTemplate } from '@charla/contracts/template-rules';
import type { Query } from '../../platform/db/database';
import { AppError } from '../../platform/errors';
import { findTemplateRow, toTemplate } from './templates.repository';

type TemplateContent = Extract<MessageContent, { type: 'template' }>;

/** The stored message of a template sent with these values: what the customer sees, and the values. */
export function buildTemplateContent(template: Template, values: TemplateValues): TemplateContent {
  return {
    type: 'template',
    template: { templateId: template.id, ...renderTemplate(template, pickTemplateValues(template, values)) },
  };
}

const WHY_NOT: Partial<Record<Template['status'], string>> = {
  draft: 'it is a draft that was never submitted to WhatsApp; submit it and wait for approval',
  pending: 'WhatsApp is still reviewing it; wait for the approval',
  rejected: 'WhatsApp rejected it; edit it and submit it again',
  paused: 'WhatsApp paused it for low quality; wait until it is active again or use another template',
  disabled: 'WhatsApp disabled it for repeated low quality; use another template',
};

/**
 * Checks a template send before anything is queued (the same rules Meta applies, said in
 * words a person can act on) and returns the content to store. Used by conversation replies
 * and broadcasts alike.
 */
export async function prepareTemplateSend(
  db: { query: Query },
  target: { workspaceId: string; wabaId: string; contactOptedOut: boolean },
  request: { templateId: string; values: TemplateValues },
): Promise<TemplateContent> {
  const template = toTemplate(await findTemplateRow(db, target.workspaceId, request.templateId));
  if (template.wabaId !== target.wabaId) {
    throw new AppError(
      'unprocessable',
      'template_other_account',
      `The template ${template.name} belongs to another WhatsApp Business Account than this conversation's number; pick a template of that number's account.`,
    );
  }
  if (template.status !== 'approved') {
    const why = WHY_NOT[template.status] ?? `its status is ${template.status.replace('_', ' ')}`;
    throw new AppError(
      'unprocessable',
      'template_not_approved',
      `The template ${template.name} cannot be sent: ${why}. Only approved templates can be sent.`,
    );
  }
  if (template.category === 'marketing' && target.contactOptedOut) {
    throw new AppError(
      'unprocessable',
      'contact_opted_out',
      'This contact opted out of marketing messages; send a utility template or wait until they opt in again.',
    );
  }
  const missing = missingTemplateValues(template, request.values);
  if (missing.length > 0) {
    throw new AppError(
      'unprocessable',
      'template_values_missing',
      `Fill in ${missing.map((m) => describe(m)).join(', ')} before sending the template.`,
      missing.map((path) => ({ path: `values.${path}`, message: `Fill in ${describe(path)}` })),
    );
  }
  return buildTemplateContent(template, request.values);
}

function describe(path: string): string {
  if (path === 'header') return 'the header variable';
  if (path === 'headerMediaId') return 'the header file';
  if (path.startsWith('body.')) return `{{${path.slice(5)}}}`;
  return `the value of button ${Number(path.split('.')[1]) + 1}`;
}
