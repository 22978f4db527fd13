import { type SequenceInputSchema, unknownVariable } from '@charla/contracts';
import type { z } from 'zod';
import type { Query } from '../../../platform/db/database';
import { AppError } from '../../../platform/errors';
import { checkTimeZone } from '../../auth';
import type { AutomationDeps } from '../automation.deps';
import { automatedTemplateProblems } from '../engine/automated-template';
import { draftOf, fileMessageProblems } from '../engine/automation-files';
import { ruleMessageContent } from '../engine/rule-actions';

export type SequenceInputValue = z.output<typeof SequenceInputSchema>;
type Problem = { path: string; message: string };

/**
 * What zod cannot know: the number is this workspace's, the allowed window has a day and an
 * hour, the steps exist, their {{variables}} are known, and their templates are approved ones of
 * the number's account with every value given. Throws 422 `invalid_sequence` naming each field.
 * Returns the time zone as IANA spells it.
 */
export async function checkSequence(
  deps: AutomationDeps,
  query: Query,
  workspaceId: string,
  input: SequenceInputValue,
): Promise<string> {
  const problems: Problem[] = [];
  const [refs] = await query<{ waba_id: string | null; attributes: string[] }>(
    `SELECT (SELECT waba_id FROM channels WHERE workspace_id = $1 AND id = $2) AS waba_id,
            ARRAY(SELECT key FROM contact_attribute_definitions WHERE workspace_id = $1) AS attributes`,
    [workspaceId, input.channelId],
  );
  if (!refs?.waba_id)
    problems.push({ path: 'channelId', message: 'No number of this workspace has that id.' });
  const timeZone = zoneOf(input.window.timeZone);
  if (!timeZone)
    problems.push({ path: 'window.timeZone', message: 'Not an IANA time zone (e.g. Europe/Madrid).' });
  if (input.window.weekdays.length === 0)
    problems.push({ path: 'window.weekdays', message: 'Allow at least one day of the week.' });
  if (input.window.from === input.window.to || input.window.from === '24:00')
    problems.push({ path: 'window.to', message: 'Allow some hours: the end must differ from the start.' });
  if (input.steps.length === 0) problems.push({ path: 'steps', message: 'Add at least one step.' });

  const attributes = refs?.attributes ?? [];
  const checkText = (text: string, path: string) => {
    const unknown = unknownVariable(text, attributes);
    if (unknown)
      problems.push({
        path,
        message: `Unknown variable {{${unknown}}}: use contact.name, contact.first_name, contact.phone, workspace.name or contact.<attribute key>.`,
      });
  };
  for (const [i, step] of input.steps.entries()) {
    const at = `steps.${i}`;
    if (step.message?.type === 'text') checkText(step.message.text, `${at}.message.text`);
    if (step.message?.type === 'interactive')
      checkText(step.message.interactive.body, `${at}.message.interactive.body`);
    if (step.message?.type === 'media') checkText(step.message.caption, `${at}.message.caption`);
    else if (step.message) {
      const content = ruleMessageContent(step.message, {}, { files: new Map(), channelId: '' });
      const problem =
        'skip' in content ? null : deps.checkContent({ content: draftOf(content), replyToExternalId: null });
      if (problem) problems.push({ path: `${at}.message`, message: problem });
    }
    if (step.template)
      problems.push(
        ...(await automatedTemplateProblems(
          query,
          workspaceId,
          refs?.waba_id ? [refs.waba_id] : [],
          step.template,
          at,
          checkText,
        )),
      );
  }
  problems.push(
    ...(await fileMessageProblems(
      query,
      workspaceId,
      input.steps.map((s, i) => ({ message: s.message, path: `steps.${i}.message` })),
      [input.channelId],
    )),
  );
  if (problems.length > 0)
    throw new AppError(
      'unprocessable',
      'invalid_sequence',
      `The sequence cannot be saved: ${problems.map((p) => `${p.path}: ${p.message}`).join(' ')}`,
      problems,
    );
  return timeZone!;
}

function zoneOf(name: string): string | null {
  try {
    return checkTimeZone(name, 'window.timeZone');
  } catch {
    return null;
  }
}
