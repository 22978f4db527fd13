import {
  type CannedResponse,
  type CannedValues,
  type Conversation,
  fillCannedVariables,
  firstNameOf,
} from '@charla/contracts';

/** The `/word` being typed when the whole draft is a slash command, else null. */
export function slashQueryOf(text: string): string | null {
  const match = /^\/([\p{L}\p{N}_-]*)$/u.exec(text);
  return match ? (match[1] ?? '').toLowerCase() : null;
}

/** Shortcuts starting with the query first, then those containing it (in shortcut or body). */
export function filterCanned(items: CannedResponse[], query: string): CannedResponse[] {
  const q = query.toLowerCase();
  const starts = items.filter((c) => c.shortcut.toLowerCase().startsWith(q));
  const contains = items.filter(
    (c) => !starts.includes(c) && (c.shortcut.toLowerCase().includes(q) || c.body.toLowerCase().includes(q)),
  );
  return [...starts, ...contains];
}

export function cannedValuesFor(
  conversation: Pick<Conversation, 'contact'> | null,
  agentName: string,
  workspaceName: string,
): CannedValues {
  return {
    'contact.name': conversation?.contact.name ?? null,
    'contact.first_name': firstNameOf(conversation?.contact.name),
    'contact.phone': conversation?.contact.phone ?? null,
    'agent.name': agentName,
    'workspace.name': workspaceName,
  };
}

export const fillCanned = (canned: CannedResponse, values: CannedValues) =>
  fillCannedVariables(canned.body, values);
