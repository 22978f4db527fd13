import type {
  AudiencePreview,
  Broadcast,
  BroadcastVariables,
  ContactAttributeDefinition,
  CsvAudienceUpload,
  Template,
} from '@charla/contracts';
import { type AudienceDraft, buildAudience, emptyAudience } from '../audience-conditions';
import { utcToZoned, zonedToUtc } from '../schedule-time';
import { incompleteSlots, variableSlots } from '../template-variables';

export const STEPS = ['template', 'audience', 'variables', 'test', 'schedule'] as const;
export type Step = (typeof STEPS)[number];

export type WizardState = {
  name: string;
  channelId: string;
  templateId: string;
  audience: AudienceDraft;
  /** The last CSV uploaded in the audience step, with its report. */
  csv: CsvAudienceUpload | null;
  /** Reset whenever the template changes: its variables are different. */
  variables: BroadcastVariables | null;
  when: 'now' | 'later';
  date: string;
  time: string;
};

export const initialWizard: WizardState = {
  name: '',
  channelId: '',
  templateId: '',
  audience: emptyAudience,
  csv: null,
  variables: null,
  when: 'now',
  date: '',
  time: '',
};

export type StepProps = {
  state: WizardState;
  change: (patch: Partial<WizardState>) => void;
  ctx: WizardContext;
  /** The saved draft or scheduled broadcast being edited, if any. */
  editId: string | null;
};

export type WizardContext = {
  template: Template | null;
  definitions: ContactAttributeDefinition[];
  preview: AudiencePreview | null;
  timeZone: string;
  now: Date;
};

/** Why the person cannot leave `step` yet, as a `broadcasts.wizard.blocked.*` key, or null. */
export function blockedReason(step: Step, state: WizardState, ctx: WizardContext): string | null {
  switch (step) {
    case 'template':
      if (state.name.trim() === '') return 'name';
      if (!state.channelId) return 'channel';
      return ctx.template ? null : 'template';
    case 'audience': {
      const built = buildAudience(state.audience, ctx.definitions);
      if ('problem' in built) return built.problem === 'empty' ? 'audienceEmpty' : 'audienceInvalid';
      if (!ctx.preview) return 'audienceCounting';
      return ctx.preview.eligible > 0 ? null : 'noRecipients';
    }
    case 'variables':
      if (!ctx.template || !state.variables) return 'template';
      return incompleteSlots(state.variables, variableSlots(ctx.template)).length > 0 ? 'variables' : null;
    case 'test':
      return null;
    case 'schedule':
      return scheduleProblem(state, ctx);
  }
}

export function scheduleProblem(
  state: WizardState,
  ctx: Pick<WizardContext, 'timeZone' | 'now'>,
): string | null {
  if (state.when === 'now') return null;
  const at = zonedToUtc(state.date, state.time, ctx.timeZone);
  if (!at) return 'scheduleMissing';
  return at.getTime() <= ctx.now.getTime() + 60_000 ? 'scheduleInPast' : null;
}

/** The first step with something left to do: where "next" stops. */
export function firstBlockedStep(state: WizardState, ctx: WizardContext): number {
  const index = STEPS.findIndex((step) => blockedReason(step, state, ctx) !== null);
  return index === -1 ? STEPS.length : index;
}

/** A saved draft or scheduled broadcast back in the wizard, to edit it. */
export function wizardFromBroadcast(broadcast: Broadcast, timeZone: string): WizardState {
  const { audience } = broadcast;
  const slot = broadcast.scheduledAt
    ? utcToZoned(new Date(broadcast.scheduledAt), timeZone)
    : { date: '', time: '' };
  return {
    ...initialWizard,
    name: broadcast.name,
    channelId: broadcast.channelId,
    templateId: broadcast.templateId,
    audience: {
      ...emptyAudience,
      kind: audience.kind,
      tags: audience.kind === 'filters' ? (audience.filters.tags ?? []) : [],
      conditions:
        audience.kind === 'filters'
          ? (audience.filters.attributes ?? []).map((a) => ({
              key: a.key,
              op: a.op,
              raw: a.value === null ? '' : String(a.value),
            }))
          : [],
      viewId: audience.kind === 'view' ? audience.viewId : null,
      uploadId: audience.kind === 'csv' ? audience.uploadId : null,
    },
    variables: broadcast.variables,
    when: broadcast.status === 'scheduled' || broadcast.scheduledAt ? 'later' : 'now',
    ...slot,
  };
}
