import type { AutomatedBy } from '@charla/contracts';

type Translate = (key: string, options?: Record<string, unknown>) => string;

const KEYS: Record<AutomatedBy['kind'], string> = {
  rule: 'automation.event.actor',
  flow: 'automation.event.bot',
  sequence: 'sequences.actor',
  api: 'automation.event.apiActor',
  integration: 'automation.event.integrationActor',
  survey: 'automation.event.surveyActor',
};

/** "Rule «X»", "Bot «X»", "Sequence «X»", "API key «X»" or "Integration «X»": who sent an automatic message or made a change. */
export function automatedByLabel(by: AutomatedBy, t: Translate): string {
  return t(KEYS[by.kind], { name: by.name });
}
