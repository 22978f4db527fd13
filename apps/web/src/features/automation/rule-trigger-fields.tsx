import type { RuleTrigger } from '@charla/contracts';
import { useTranslation } from 'react-i18next';
import { fieldError } from '../../lib/use-error-message';
import { Field } from '../../ui/field';
import { Input, Select } from '../../ui/input';
import { useBroadcasts } from '../broadcasts/broadcasts.api';
import { RuleChangeFields } from './rule-change-fields';
import { newTrigger, TRIGGER_TYPES } from './rule-draft';
import { RuleScheduleFields } from './rule-schedule-fields';

/** What sets a rule off, and that trigger's own settings. */
export function RuleTriggerFields(props: {
  trigger: RuleTrigger;
  onChange(t: RuleTrigger): void;
  error: unknown;
}) {
  const { t } = useTranslation();
  const { trigger } = props;
  const broadcasts = useBroadcasts();
  const minutes = (value: string) => Math.max(1, Math.round(Number(value) || 1));
  return (
    <div className="flex flex-col gap-3">
      <Field id="rule-trigger" label={t('rules.editor.triggerType')}>
        <Select
          id="rule-trigger"
          value={trigger.type}
          onChange={(e) => props.onChange(newTrigger(e.target.value as RuleTrigger['type']))}
          data-testid="rule-trigger"
          className="sm:max-w-md"
        >
          {TRIGGER_TYPES.map((type) => (
            <option key={type} value={type}>
              {t(`rules.trigger.${type}`)}
            </option>
          ))}
        </Select>
      </Field>
      {trigger.type === 'message_received' ? (
        <Check
          label={t('rules.editor.firstOnly')}
          checked={trigger.firstOnly}
          onChange={(firstOnly) => props.onChange({ ...trigger, firstOnly })}
        />
      ) : null}
      {trigger.type === 'conversation_opened' ? (
        <Check
          label={t('rules.editor.reopenedOnly')}
          checked={trigger.reopenedOnly}
          onChange={(reopenedOnly) => props.onChange({ ...trigger, reopenedOnly })}
        />
      ) : null}
      {trigger.type === 'button_reply' ? (
        <Field
          id="rule-payload"
          label={t('rules.editor.payload')}
          hint={t('rules.editor.payloadHint')}
          error={fieldError(props.error, 'trigger.payload')}
        >
          <Input
            id="rule-payload"
            value={trigger.payload}
            onChange={(e) => props.onChange({ ...trigger, payload: e.target.value })}
            className="sm:max-w-xs"
          />
        </Field>
      ) : null}
      {trigger.type === 'broadcast_reply' ? (
        <Field id="rule-broadcast" label={t('rules.editor.broadcast')} hint={t('rules.editor.broadcastHint')}>
          <Select
            id="rule-broadcast"
            value={trigger.broadcastId ?? ''}
            onChange={(e) => props.onChange({ ...trigger, broadcastId: e.target.value || null })}
            className="sm:max-w-md"
            data-testid="rule-broadcast"
          >
            <option value="">{t('rules.editor.anyBroadcast')}</option>
            {(broadcasts.data ?? []).map((b) => (
              <option key={b.id} value={b.id}>
                {b.name}
              </option>
            ))}
          </Select>
        </Field>
      ) : null}
      {trigger.type === 'no_reply' || trigger.type === 'window_closing' ? (
        <Field
          id="rule-minutes"
          label={t('rules.editor.minutes')}
          hint={trigger.type === 'window_closing' ? t('rules.editor.windowHint') : undefined}
          error={fieldError(props.error, 'trigger.minutes')}
        >
          <Input
            id="rule-minutes"
            type="number"
            min={1}
            value={trigger.minutes}
            onChange={(e) => props.onChange({ ...trigger, minutes: minutes(e.target.value) })}
            className="sm:max-w-40"
            data-testid="rule-minutes"
          />
        </Field>
      ) : null}
      {trigger.type === 'tag_added' ||
      trigger.type === 'label_added' ||
      trigger.type === 'attribute_changed' ||
      trigger.type === 'status_changed' ? (
        <RuleChangeFields trigger={trigger} onChange={props.onChange} error={props.error} />
      ) : null}
      {trigger.type === 'schedule' ? (
        <RuleScheduleFields trigger={trigger} onChange={props.onChange} error={props.error} />
      ) : null}
      {trigger.type === 'no_reply' ? (
        <Check
          label={t('rules.editor.businessTime')}
          checked={trigger.businessTime}
          onChange={(businessTime) => props.onChange({ ...trigger, businessTime })}
        />
      ) : null}
    </div>
  );
}

export function Check(props: { label: string; checked: boolean; onChange(checked: boolean): void }) {
  return (
    <label className="flex items-center gap-2 text-sm">
      <input type="checkbox" checked={props.checked} onChange={(e) => props.onChange(e.target.checked)} />
      {props.label}
    </label>
  );
}
