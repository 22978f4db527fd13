import type { AutomatedBy } from '@charla/contracts';

type Translate = (key: string, options?: Record<string, unknown>) => string;

/** "Rule «X»", "Bot «X»" or "Sequence «X»": who sent an automatic message or made a change. */
export function automatedByLabel(by: AutomatedBy, t: Translate): string {
  const key =
    by.kind === 'flow'
      ? 'automation.event.bot'
      : by.kind === 'sequence'
        ? 'sequences.actor'
        : 'automation.event.actor';
  return t(key, { name: by.name });
}
