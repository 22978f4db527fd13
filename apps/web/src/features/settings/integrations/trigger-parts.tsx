import type { Channel, Flow, IncomingTrigger, Sequence, Template } from '@charla/contracts';
import { Bot, ListOrdered, Send } from 'lucide-react';
import { useTranslation } from 'react-i18next';
import { clock, formatDate } from '../../../lib/format';
import { formatPhone } from '../../../lib/phone-number';
import { useNow } from '../../../lib/use-now';
import { Badge } from '../../../ui/badge';
import { useFlows } from '../../automation/flows.api';
import { useSequences } from '../../automation/sequences.api';
import { formatRelative } from '../api-keys/api-key-view';
import { useChannels } from '../settings.api';
import { useAllTemplates } from './integrations.api';
import type { FieldKey, VariableField } from './trigger-view';

export const triggerPath = (id: string) => `/settings/integrations/${encodeURIComponent(id)}`;

/** The numbers, templates and sequences a trigger names, to say what it does in words. */
export function useTriggerTargets() {
  const channels = useChannels();
  const templates = useAllTemplates();
  const sequences = useSequences();
  const flows = useFlows();
  return {
    channels: channels.data ?? [],
    templates: templates.data ?? [],
    sequences: sequences.data ?? [],
    flows: flows.data ?? [],
    isPending: channels.isPending || templates.isPending || sequences.isPending || flows.isPending,
  };
}

export interface TriggerTargets {
  channels: Channel[];
  templates: Template[];
  sequences: Sequence[];
  flows: Flow[];
  /** Until they load, no sentence (a template not found yet is not a template gone). */
  isPending: boolean;
}

/** "Sends the template «pedido_confirmado» from +52 55 …" or "Enrols in the sequence «Carrito abandonado»". */
export function ActionSentence({ trigger, targets }: { trigger: IncomingTrigger; targets: TriggerTargets }) {
  const { t } = useTranslation();
  const { action } = trigger;
  if (targets.isPending)
    return (
      <p
        aria-hidden
        className="h-5 w-72 max-w-full animate-pulse rounded bg-neutral-100 dark:bg-neutral-800"
      />
    );
  let sentence: string;
  if (action.kind === 'template') {
    const template = targets.templates.find((x) => x.id === action.templateId);
    const channel = targets.channels.find((c) => c.id === trigger.channelId);
    const values = {
      template: template?.name ?? '',
      number: channel ? formatPhone(channel.displayPhoneNumber) : '…',
    };
    sentence = !template
      ? t('integrations.action.templateGone')
      : template.status === 'approved'
        ? t('integrations.action.template', values)
        : t('integrations.action.templateNotApproved', values);
  } else if (action.kind === 'flow') {
    const flow = targets.flows.find((f) => f.id === action.flowId);
    sentence = flow ? t('integrations.action.flow', { flow: flow.name }) : t('integrations.action.flowGone');
  } else {
    const sequence = targets.sequences.find((s) => s.id === action.sequenceId);
    sentence = sequence
      ? t('integrations.action.sequence', { sequence: sequence.name })
      : t('integrations.action.sequenceGone');
  }
  const Icon = action.kind === 'template' ? Send : action.kind === 'flow' ? Bot : ListOrdered;
  return (
    <p
      className="flex items-start gap-1.5 text-sm text-neutral-700 dark:text-neutral-300"
      data-testid="trigger-action"
    >
      <Icon aria-hidden className="mt-0.5 size-4 shrink-0 text-neutral-400" />
      <span className="min-w-0 break-words">{sentence}</span>
    </p>
  );
}

/** When it last received something (relative, the exact time on hover) and when it was made. */
export function TriggerMeta({ trigger }: { trigger: IncomingTrigger }) {
  const { t, i18n } = useTranslation();
  const now = useNow(30_000);
  const fullTime = new Intl.DateTimeFormat(i18n.language, {
    dateStyle: 'long',
    timeStyle: 'short',
    ...clock(i18n.language),
  });
  return (
    <p className="flex flex-wrap gap-x-1.5 text-xs text-neutral-500 dark:text-neutral-400">
      {trigger.lastReceivedAt ? (
        <span title={fullTime.format(new Date(trigger.lastReceivedAt))} data-testid="trigger-last-received">
          {t('integrations.lastReceived', {
            when: formatRelative(trigger.lastReceivedAt, now, i18n.language, t('integrations.justNow')),
          })}
        </span>
      ) : (
        <span data-testid="trigger-last-received">{t('integrations.neverReceived')}</span>
      )}
      <span aria-hidden>·</span>
      <span title={fullTime.format(new Date(trigger.createdAt))}>
        {t('integrations.createdOn', { date: formatDate(trigger.createdAt, i18n.language) })}
      </span>
    </p>
  );
}

/** On or off, with a dot. */
export function TriggerStateBadge({ enabled }: { enabled: boolean }) {
  const { t } = useTranslation();
  return (
    <Badge
      tone={enabled ? 'green' : 'neutral'}
      data-testid="trigger-state"
      data-state={enabled ? 'on' : 'off'}
    >
      <span
        aria-hidden
        className={`size-1.5 rounded-full ${enabled ? 'bg-emerald-500' : 'bg-neutral-400'}`}
      />
      {t(enabled ? 'integrations.state.on' : 'integrations.state.off')}
    </Badge>
  );
}

/** A switch that turns the trigger on or off. */
export function TriggerSwitch(props: {
  name: string;
  enabled: boolean;
  disabled?: boolean;
  onChange: (enabled: boolean) => void;
}) {
  const { t } = useTranslation();
  return (
    <label className="inline-flex cursor-pointer items-center">
      <input
        type="checkbox"
        role="switch"
        aria-checked={props.enabled}
        className="peer sr-only"
        checked={props.enabled}
        disabled={props.disabled}
        onChange={(event) => props.onChange(event.target.checked)}
        aria-label={t('integrations.toggle', { name: props.name })}
        data-testid="trigger-toggle"
      />
      <span
        aria-hidden
        className="relative h-6 w-11 rounded-full bg-neutral-300 transition peer-checked:bg-brand-600 peer-focus-visible:ring-2 peer-focus-visible:ring-brand-500 peer-disabled:opacity-50 after:absolute after:top-0.5 after:left-0.5 after:size-5 after:rounded-full after:bg-white after:shadow after:transition peer-checked:after:translate-x-5 dark:bg-neutral-700"
      />
    </label>
  );
}

/** What a mapping field is called on screen: the customer's phone or name, or the template's `{{variable}}`. */
export function useFieldLabel() {
  const { t } = useTranslation();
  return (field: { key: FieldKey } | VariableField): string => {
    if (field.key === 'phone') return t('integrations.mapping.phone');
    if (field.key === 'name') return t('integrations.mapping.name');
    if (!('kind' in field)) return field.key;
    switch (field.kind) {
      case 'header':
        return t('integrations.mapping.header', { name: `{{${field.name}}}` });
      case 'body':
        return `{{${field.name}}}`;
      case 'url':
        return t('integrations.mapping.url', { name: field.name });
      case 'code':
        return t('integrations.mapping.code');
    }
  };
}
