import type { MessageContent, SequenceStep } from '@charla/contracts';
import type { Query } from '../../../platform/db/database';
import type { AutomationEngineDeps } from '../automation.deps';
import { automatedTemplateContent } from '../engine/automated-template';
import { type AutomationFiles, draftOf } from '../engine/automation-files';
import { ruleMessageContent } from '../engine/rule-actions';

const DAY_MS = 86_400_000;

/** What the runner read about a due enrolment: the contact, the number and their conversation. */
export interface DueEnrollment {
  workspace_id: string;
  contact_id: string;
  conversation_id: string | null;
  sequence_name: string;
  channel_id: string;
  waba_id: string;
  channel_status: string;
  contact_name: string | null;
  profile_name: string | null;
  phone: string | null;
  attributes: Record<string, unknown> | null;
  workspace_name: string;
  open_conversation_id: string | null;
  last_inbound_at: Date | string | null;
}

/**
 * The message a due step sends, or why it is skipped. Free-form only inside the customer's 24-hour
 * window (WhatsApp refuses it outside); with the window closed, the step's template; a step with
 * neither for the moment is skipped (`window_closed`), never sent free-form.
 */
export async function stepContent(
  deps: Pick<AutomationEngineDeps, 'checkContent'>,
  query: Query,
  row: DueEnrollment,
  step: SequenceStep,
  now: Date,
  /** The files the batch's due steps send, loaded beforehand. */
  files: AutomationFiles,
): Promise<{ content: MessageContent } | { skip: string }> {
  if (row.channel_status === 'disconnected') return { skip: 'number_disconnected' };
  const variables = variablesOf(row);
  const isWindowOpen =
    row.last_inbound_at !== null && new Date(row.last_inbound_at).getTime() + DAY_MS > now.getTime();
  if (isWindowOpen && step.message) {
    const content = ruleMessageContent(step.message, variables, { files, channelId: row.channel_id });
    // A file gone or on another number: its template would not say the same thing either.
    if ('skip' in content) return content;
    const problem = deps.checkContent({ content: draftOf(content), replyToExternalId: null });
    if (!problem) return { content };
    if (!step.template) return { skip: 'message_refused' };
  }
  if (!step.template) return { skip: 'window_closed' };
  return automatedTemplateContent(
    query,
    { workspaceId: row.workspace_id, wabaId: row.waba_id, contactOptedOut: false },
    step.template,
    variables,
  );
}

/** The {{variables}} of the rules, for this contact (no agent: a sequence writes on its own). */
function variablesOf(row: DueEnrollment): Record<string, string> {
  const name = row.contact_name ?? row.profile_name ?? '';
  const values: Record<string, string> = {
    'contact.name': name,
    'contact.first_name': name.split(/\s+/)[0] ?? '',
    'contact.phone': row.phone ?? '',
    'workspace.name': row.workspace_name,
    'agent.name': '',
  };
  for (const [key, value] of Object.entries(row.attributes ?? {}))
    if (value !== null && value !== undefined && !(`contact.${key}` in values))
      values[`contact.${key}`] = String(value);
  return values;
}
