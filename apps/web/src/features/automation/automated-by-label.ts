import type { AutomatedBy } from '@charla/contracts';

type Translate = (key: string, options?: Record<string, unknown>) => string;

/** "Rule «X»", "Bot «X»", "Sequence «X»" or "API key «X»": who sent an automatic message or made a change. */
export function automatedByLabel(by: AutomatedBy, t: Translate): string {
  const key =
    by.kind === 'flow'
      ? 'automation.event.bot'
      : by.kind === 'sequence'
        ? 'sequences.actor'
        : by.kind === 'api'
          ? 'automation.event.apiActor'
          : 'automation.event.actor';
  return t(key, { name: by.name });
}
