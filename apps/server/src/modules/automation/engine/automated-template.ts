import {
  type AutomationTemplate,
  fillVariables,
  type MessageContent,
  type TemplateValues,
} from '@charla/contracts';
import { missingTemplateValues } from '@charla/contracts/template-rules';
import type { Query } from '../../../platform/db/database';
import { AppError } from '../../../platform/errors';
import { findTemplateRow, prepareTemplateSend, toTemplate } from '../../templates';

type Problem = { path: string; message: string };

/** A template's values as a send takes them (no header file: automation sends text headers only). */
export const templateValuesOf = (t: AutomationTemplate): TemplateValues => ({
  header: t.values.header,
  headerMediaId: null,
  body: t.values.body,
  buttons: t.values.buttons,
});

/**
 * The template message an automatic send makes once the 24-hour window has closed (a rule's
 * fallback, a sequence's step), its values' {{variables}} filled for this contact; or why not,
 * as the template module's error code (deleted, not approved any more, of another account,
 * marketing to an opted-out contact, a value that came out empty).
 */
export async function automatedTemplateContent(
  query: Query,
  target: { workspaceId: string; wabaId: string; contactOptedOut: boolean },
  template: AutomationTemplate,
  variables: Record<string, string>,
): Promise<{ content: MessageContent } | { skip: string }> {
  const fill = (v: string) => fillVariables(v, variables);
  const values = template.values;
  try {
    const content = await prepareTemplateSend({ query }, target, {
      templateId: template.templateId,
      values: {
        header: values.header === null ? null : fill(values.header),
        headerMediaId: null,
        body: Object.fromEntries(Object.entries(values.body).map(([k, v]) => [k, fill(v)])),
        buttons: Object.fromEntries(Object.entries(values.buttons).map(([k, v]) => [k, fill(v)])),
      },
    });
    return { content };
  } catch (err) {
    if (err instanceof AppError) return { skip: err.code };
    throw err;
  }
}

/**
 * What is wrong with an automatic template when it is saved, each with its field under `at`: it
 * is an approved template of this workspace, of one of `wabaIds` (the accounts of the numbers it
 * may go out on; empty: not checked), its values' {{variables}} are known (`checkText`) and every
 * value is given.
 */
export async function automatedTemplateProblems(
  query: Query,
  workspaceId: string,
  wabaIds: string[],
  template: AutomationTemplate,
  at: string,
  checkText: (text: string, path: string) => void,
): Promise<Problem[]> {
  const path = `${at}.template.templateId`;
  const row = await findTemplateRow({ query }, workspaceId, template.templateId).catch(() => null);
  if (!row) return [{ path, message: 'No template of this workspace has that id.' }];
  const found = toTemplate(row);
  if (found.status !== 'approved')
    return [{ path, message: `The template ${found.name} is not approved (it is ${found.status}).` }];
  if (wabaIds.length > 0 && !wabaIds.includes(found.wabaId))
    return [{ path, message: `The template ${found.name} belongs to another account than the number's.` }];
  const values = templateValuesOf(template);
  if (values.header !== null) checkText(values.header, `${at}.template.values.header`);
  for (const [name, value] of Object.entries(values.body))
    checkText(value, `${at}.template.values.body.${name}`);
  for (const [index, value] of Object.entries(values.buttons))
    checkText(value, `${at}.template.values.buttons.${index}`);
  // A value made only of variables may come out empty for a contact; the send then skips.
  return missingTemplateValues(found, values).map((missing) => ({
    path: `${at}.template.values.${missing}`,
    message:
      missing === 'headerMediaId'
        ? 'Templates with an image, video or document header cannot be sent automatically yet.'
        : 'Fill in this value.',
  }));
}
