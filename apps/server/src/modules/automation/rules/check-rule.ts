import { isJsonWithVariables, type RuleInputSchema, SCHEDULE_TIME, unknownVariable } from '@charla/contracts';
import type { z } from 'zod';
import type { Query } from '../../../platform/db/database';
import { AppError } from '../../../platform/errors';
import { normaliseTimeZone } from '../../auth';
import type { AutomationDeps } from '../automation.deps';
import { automatedTemplateProblems } from '../engine/automated-template';
import { draftOf, fileMessageProblems } from '../engine/automation-files';
import { ruleMessageContent } from '../engine/rule-actions';

type Rule = z.output<typeof RuleInputSchema>;
type Problem = { path: string; message: string };

/**
 * What zod cannot know: that the numbers, members, teams and labels a rule names are this
 * workspace's, that its {{variables}} exist, and that its messages are ones WhatsApp accepts.
 * Throws 422 naming every field at fault.
 */
export async function checkRule(
  deps: AutomationDeps,
  query: Query,
  workspaceId: string,
  rule: Rule,
): Promise<void> {
  const problems: Problem[] = [];
  const [refs] = await query<{
    channels: string[];
    members: string[];
    teams: string[];
    labels: string[];
    attributes: string[];
    flows: string[];
    sequences: string[];
  }>(
    `SELECT ARRAY(SELECT id::text FROM channels WHERE workspace_id = $1) AS channels,
            ARRAY(SELECT user_id::text FROM workspace_members WHERE workspace_id = $1 AND deactivated_at IS NULL) AS members,
            ARRAY(SELECT id::text FROM teams WHERE workspace_id = $1) AS teams,
            ARRAY(SELECT id::text FROM labels WHERE workspace_id = $1) AS labels,
            ARRAY(SELECT key FROM contact_attribute_definitions WHERE workspace_id = $1) AS attributes,
            ARRAY(SELECT id::text FROM flows WHERE workspace_id = $1 AND published_version IS NOT NULL) AS flows,
            ARRAY(SELECT id::text FROM sequences WHERE workspace_id = $1) AS sequences`,
    [workspaceId],
  );
  const has = (list: string[] | undefined, id: string | null) => id !== null && (list ?? []).includes(id);
  problems.push(...triggerProblems(rule.trigger, refs?.labels ?? [], refs?.attributes ?? []));
  rule.channelIds.forEach((id, i) => {
    if (!has(refs?.channels, id))
      problems.push({ path: `channelIds.${i}`, message: 'No number of this workspace has that id.' });
  });
  rule.conditions.forEach((c, i) => {
    if (c.type === 'business_hours' && c.teamId && !has(refs?.teams, c.teamId))
      problems.push({ path: `conditions.${i}.teamId`, message: 'No team of this workspace has that id.' });
  });
  const checkText = (text: string, path: string) => {
    const unknown = unknownVariable(text, refs?.attributes ?? []);
    if (unknown)
      problems.push({
        path,
        message: `Unknown variable {{${unknown}}}: use contact.name, contact.first_name, contact.phone, workspace.name, agent.name or contact.<attribute key>.`,
      });
  };
  rule.actions.forEach((a, i) => {
    const at = `actions.${i}`;
    switch (a.type) {
      case 'send_message': {
        if (a.message.type === 'text') checkText(a.message.text, `${at}.message.text`);
        if (a.message.type === 'interactive')
          checkText(a.message.interactive.body, `${at}.message.interactive.body`);
        if (a.message.type === 'media') {
          checkText(a.message.caption, `${at}.message.caption`);
          break; // the file is checked below, with the others, in one query
        }
        const content = ruleMessageContent(a.message, {}, { files: new Map(), channelId: '' });
        const problem =
          'skip' in content
            ? null
            : deps.checkContent({ content: draftOf(content), replyToExternalId: null });
        if (problem) problems.push({ path: `${at}.message`, message: problem });
        break;
      }
      case 'assign':
        if (a.to === 'agent' && !has(refs?.members, a.userId))
          problems.push({ path: `${at}.userId`, message: 'Choose an active member of this workspace.' });
        if (a.to === 'team' && !has(refs?.teams, a.teamId))
          problems.push({ path: `${at}.teamId`, message: 'Choose a team of this workspace.' });
        if (a.to === 'round_robin' && a.teamId && !has(refs?.teams, a.teamId))
          problems.push({ path: `${at}.teamId`, message: 'No team of this workspace has that id.' });
        break;
      case 'label':
        if (!has(refs?.labels, a.labelId))
          problems.push({ path: `${at}.labelId`, message: 'No label of this workspace has that id.' });
        break;
      case 'note':
        checkText(a.text, `${at}.text`);
        break;
      case 'start_flow':
        if (!has(refs?.flows, a.flowId))
          problems.push({
            path: `${at}.flowId`,
            message: 'Choose a bot of this workspace that has been published.',
          });
        break;
      case 'set_attribute':
        checkText(a.value, `${at}.value`);
        break;
      case 'http_request':
        checkText(a.url, `${at}.url`);
        for (const [j, h] of a.headers.entries()) checkText(h.value, `${at}.headers.${j}.value`);
        checkText(a.body, `${at}.body`);
        if (a.body.trim() && !isJsonWithVariables(a.body))
          problems.push({
            path: `${at}.body`,
            message:
              'The body is not JSON: write it like {"order": "{{contact.order}}"}, with each {{variable}} inside quotes.',
          });
        break;
      case 'enroll_sequence':
        if (!has(refs?.sequences, a.sequenceId))
          problems.push({ path: `${at}.sequenceId`, message: 'Choose a sequence of this workspace.' });
        break;
    }
  });
  problems.push(
    ...(await fileMessageProblems(
      query,
      workspaceId,
      rule.actions.map((a, i) => ({
        message: a.type === 'send_message' ? a.message : null,
        path: `actions.${i}.message`,
      })),
      rule.channelIds,
    )),
  );
  problems.push(...(await fallbackTemplateProblems(query, workspaceId, rule, checkText)));
  const stop = rule.actions.findIndex((a) => a.type === 'stop');
  if (stop >= 0 && stop < rule.actions.length - 1)
    problems.push({
      path: `actions.${stop}`,
      message: '"Stop further rules" must be the last action: nothing after it would run.',
    });
  if (problems.length > 0)
    throw new AppError(
      'unprocessable',
      'invalid_rule',
      `The rule cannot be saved: ${problems.map((p) => `${p.path}: ${p.message}`).join(' ')}`,
      problems,
    );
}

/** The trigger's label and attribute are this workspace's; a schedule's time and zone are real. */
function triggerProblems(trigger: Rule['trigger'], labels: string[], attributes: string[]): Problem[] {
  switch (trigger.type) {
    case 'label_added':
      return trigger.labelId && !labels.includes(trigger.labelId)
        ? [{ path: 'trigger.labelId', message: 'No label of this workspace has that id.' }]
        : [];
    case 'attribute_changed':
      return trigger.key && !attributes.includes(trigger.key)
        ? [{ path: 'trigger.key', message: 'No contact attribute of this workspace has that key.' }]
        : [];
    case 'schedule': {
      const problems: Problem[] = [];
      if (!SCHEDULE_TIME.test(trigger.time))
        problems.push({ path: 'trigger.time', message: 'A time of day as HH:MM, 00:00 to 23:59.' });
      if (trigger.timeZone !== null && !normaliseTimeZone(trigger.timeZone))
        problems.push({
          path: 'trigger.timeZone',
          message: 'Not an IANA time zone (e.g. Europe/Madrid, America/Mexico_City or UTC).',
        });
      return problems;
    }
    default:
      return [];
  }
}

/**
 * The templates a `send_message` falls back to once the window has closed: approved ones of the
 * account of one of the rule's numbers (any of the workspace's when it names none), every value given.
 */
async function fallbackTemplateProblems(
  query: Query,
  workspaceId: string,
  rule: Rule,
  checkText: (text: string, path: string) => void,
): Promise<Problem[]> {
  const templated = rule.actions.flatMap((a, i) =>
    a.type === 'send_message' && a.template ? [{ at: `actions.${i}`, template: a.template }] : [],
  );
  if (templated.length === 0) return [];
  const accounts = await query<{ waba_id: string }>(
    `SELECT DISTINCT waba_id FROM channels
      WHERE workspace_id = $1 AND (cardinality($2::uuid[]) = 0 OR id = ANY($2::uuid[]))`,
    [workspaceId, rule.channelIds],
  );
  const wabaIds = accounts.map((a) => a.waba_id);
  const problems: Problem[] = [];
  for (const { at, template } of templated)
    problems.push(...(await automatedTemplateProblems(query, workspaceId, wabaIds, template, at, checkText)));
  return problems;
}
