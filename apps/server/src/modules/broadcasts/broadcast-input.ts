import type { BroadcastInput, BroadcastVariables, Template } from '@charla/contracts';
import { templateVariables } from '@charla/contracts/template-rules';
import { AppError } from '../../platform/errors';
import { audienceSource } from './audience-source';
import type { BroadcastsDeps } from './broadcasts.deps';

type Problem = { path: string; message: string };

export async function assertChannel(
  deps: Pick<BroadcastsDeps, 'db'>,
  workspaceId: string,
  channelId: string,
): Promise<{ id: string; waba_id: string }> {
  const [row] = await deps.db.query<{ id: string; waba_id: string }>(
    'SELECT id, waba_id FROM channels WHERE workspace_id = $1 AND id::text = $2',
    [workspaceId, channelId],
  );
  if (!row)
    throw new AppError('invalid', 'validation_failed', 'That WhatsApp number is not one of this workspace.', [
      { path: 'channelId', message: 'unknown channel' },
    ]);
  return row;
}

/**
 * Checks everything a broadcast needs before it is saved: the number, an approved template of
 * that number's account, a source for every variable the template has (and none it lacks), and
 * an audience that exists. Every problem is listed with its path.
 */
export async function checkBroadcastInput(
  deps: BroadcastsDeps,
  /** `userId` null: an API key (a saved view's audience is then read as the workspace's). */
  actor: { workspaceId: string; userId: string | null },
  input: Pick<BroadcastInput, 'channelId' | 'templateId' | 'variables'> &
    Partial<Pick<BroadcastInput, 'audience'>>,
): Promise<Template> {
  const channel = await assertChannel(deps, actor.workspaceId, input.channelId);
  const template = /^[0-9a-f-]{36}$/i.test(input.templateId)
    ? await deps.findTemplate(actor.workspaceId, input.templateId)
    : null;
  if (!template)
    throw new AppError('invalid', 'validation_failed', 'That template does not exist in this workspace.', [
      { path: 'templateId', message: 'unknown template' },
    ]);
  if (template.status !== 'approved')
    throw new AppError(
      'invalid',
      'template_not_approved',
      `The template "${template.name}" is ${template.status}, not approved: WhatsApp only sends approved templates. Pick an approved one or wait for the review.`,
      [{ path: 'templateId', message: `status is ${template.status}` }],
    );
  if (template.wabaId && channel.waba_id && template.wabaId !== channel.waba_id)
    throw new AppError(
      'invalid',
      'validation_failed',
      `The template "${template.name}" belongs to another WhatsApp Business Account than this number.`,
      [{ path: 'templateId', message: 'template of another account' }],
    );
  const problems = variableProblems(template, input.variables);
  if (problems.length > 0)
    throw new AppError(
      'invalid',
      'validation_failed',
      `The template variables are not all set: ${problems.map((p) => `${p.path} (${p.message})`).join('; ')}.`,
      problems,
    );
  if (input.audience) await audienceSource(deps, actor, input.audience);
  return template;
}

export function variableProblems(template: Template, variables: BroadcastVariables): Problem[] {
  const wanted = templateVariables(template);
  const problems: Problem[] = [];
  if (wanted.header.length > 0 && !variables.header)
    problems.push({ path: 'variables.header', message: 'the header has a variable: choose its source' });
  if (wanted.header.length === 0 && variables.header)
    problems.push({ path: 'variables.header', message: 'the header has no variable' });
  const format = template.header?.format;
  if ((format === 'image' || format === 'video' || format === 'document') && !variables.headerMediaId)
    problems.push({
      path: 'variables.headerMediaId',
      message: `the header needs ${format === 'image' ? 'an image' : `a ${format}`}: upload one`,
    });
  for (const name of wanted.body)
    if (!variables.body[name])
      problems.push({ path: `variables.body.${name}`, message: 'no source: pick an attribute or a text' });
  for (const key of Object.keys(variables.body))
    if (!wanted.body.includes(key))
      problems.push({ path: `variables.body.${key}`, message: 'the template body has no such variable' });
  for (const index of Object.keys(wanted.buttons))
    if (!variables.buttons[index])
      problems.push({ path: `variables.buttons.${index}`, message: 'no source for this button' });
  for (const key of Object.keys(variables.buttons))
    if (!(key in wanted.buttons))
      problems.push({ path: `variables.buttons.${key}`, message: 'this button takes no variable' });
  return problems;
}
