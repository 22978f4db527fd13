import type { MessageContent, RuleAction } from '@charla/contracts';
import type { Query } from '../../../platform/db/database';
import type { AutomationEngineDeps } from '../automation.deps';
import { automatedTemplateContent } from './automated-template';
import { type AutomationFiles, draftOf } from './automation-files';
import { ruleMessageContent } from './rule-actions';

/** At most this many automatic messages per conversation within `RATE_WINDOW_MS` (no reply storms with another bot). */
export const AUTO_REPLIES_PER_WINDOW = 5;
export const RATE_WINDOW_MS = 10 * 60_000;
/** A free-form reply must leave Charla this long before the 24-hour window closes. */
const WINDOW_MARGIN_MS = 60_000;

export interface RuleSendFacts {
  workspaceId: string;
  channelId: string;
  /** An automatic reply already went for this event. */
  replied: boolean;
  /** Automatic messages in the conversation within the rate window. */
  recent: number;
  /** When the customer's 24-hour window ends (0: it never opened). */
  windowEndsAt: number;
  now: Date;
  contactOptedOut: boolean;
  variables: Record<string, string>;
  /** The files the batch's rules send, loaded beforehand. */
  files: AutomationFiles;
}

/**
 * What a rule's `send_message` sends, or why nothing (a line in the history): one automatic reply
 * per customer message, the conversation's rate limit, then the message inside the 24-hour
 * window, or its template once the window has closed (or never opened), or `window_closed`.
 */
export async function ruleSendContent(
  deps: Pick<AutomationEngineDeps, 'checkContent'>,
  query: Query,
  action: Extract<RuleAction, { type: 'send_message' }>,
  s: RuleSendFacts,
): Promise<{ content: MessageContent; template: boolean } | { skip: string }> {
  if (s.replied) return { skip: 'already_replied' };
  if (s.recent >= AUTO_REPLIES_PER_WINDOW) return { skip: 'rate_limited' };
  if (s.windowEndsAt - WINDOW_MARGIN_MS <= s.now.getTime()) {
    if (!action.template) return { skip: 'window_closed' };
    const [channel] = await query<{ waba_id: string }>(
      'SELECT waba_id FROM channels WHERE workspace_id = $1 AND id = $2',
      [s.workspaceId, s.channelId],
    );
    if (!channel) return { skip: 'window_closed' };
    const made = await automatedTemplateContent(
      query,
      { workspaceId: s.workspaceId, wabaId: channel.waba_id, contactOptedOut: s.contactOptedOut },
      action.template,
      s.variables,
    );
    return 'skip' in made ? { skip: `template_failed: ${made.skip}` } : { ...made, template: true };
  }
  const content = ruleMessageContent(action.message, s.variables, { files: s.files, channelId: s.channelId });
  if ('skip' in content) return content;
  if (content.type === 'text' && content.body === '') return { skip: 'empty_message' };
  const problem = deps.checkContent({ content: draftOf(content), replyToExternalId: null });
  return problem ? { skip: `not_sendable: ${problem}` } : { content, template: false };
}
