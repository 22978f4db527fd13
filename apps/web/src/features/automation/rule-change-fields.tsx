import type { RuleTrigger } from '@charla/contracts';
import { useTranslation } from 'react-i18next';
import { fieldError } from '../../lib/use-error-message';
import { Field } from '../../ui/field';
import { Input, Select } from '../../ui/input';
import { useLabels } from '../inbox/labels/labels.api';

type ChangeTrigger = Extract<
  RuleTrigger,
  { type: 'tag_added' | 'label_added' | 'attribute_changed' | 'status_changed' }
>;

type StatusTo = Extract<RuleTrigger, { type: 'status_changed' }>['to'];

const STATUSES = ['open', 'pending', 'resolved', 'snoozed'] as const;

/** The settings of the triggers a member's change sets off: which tag, label, field or status. */
export function RuleChangeFields(props: {
  trigger: ChangeTrigger;
  onChange(t: RuleTrigger): void;
  error: unknown;
}) {
  const { t } = useTranslation();
  const labels = useLabels();
  const { trigger } = props;
  switch (trigger.type) {
    case 'tag_added':
      return (
        <Field
          id="rule-trigger-tag"
          label={t('rules.editor.tag')}
          hint={t('rules.editor.anyTagHint')}
          error={fieldError(props.error, 'trigger.tag')}
        >
          <Input
            id="rule-trigger-tag"
            value={trigger.tag}
            onChange={(e) => props.onChange({ ...trigger, tag: e.target.value })}
            className="sm:max-w-xs"
            data-testid="rule-trigger-tag"
          />
        </Field>
      );
    case 'label_added':
      return (
        <Field
          id="rule-trigger-label"
          label={t('rules.editor.label')}
          error={fieldError(props.error, 'trigger.labelId')}
        >
          <Select
            id="rule-trigger-label"
            value={trigger.labelId ?? ''}
            onChange={(e) => props.onChange({ ...trigger, labelId: e.target.value || null })}
            className="sm:max-w-md"
            data-testid="rule-trigger-label"
          >
            <option value="">{t('rules.editor.anyLabel')}</option>
            {(labels.data ?? []).map((l) => (
              <option key={l.id} value={l.id}>
                {l.name}
              </option>
            ))}
          </Select>
        </Field>
      );
    case 'attribute_changed':
      return (
        <div className="grid gap-3 sm:grid-cols-2">
          <Field
            id="rule-trigger-key"
            label={t('rules.editor.attributeKey')}
            hint={t('rules.editor.anyFieldHint')}
            error={fieldError(props.error, 'trigger.key')}
          >
            <Input
              id="rule-trigger-key"
              value={trigger.key}
              onChange={(e) => props.onChange({ ...trigger, key: e.target.value })}
            />
          </Field>
          <Field
            id="rule-trigger-value"
            label={t('rules.editor.changedTo')}
            hint={t('rules.editor.attributeEqualsHint')}
          >
            <Input
              id="rule-trigger-value"
              value={trigger.value ?? ''}
              onChange={(e) => props.onChange({ ...trigger, value: e.target.value || undefined })}
            />
          </Field>
        </div>
      );
    case 'status_changed':
      return (
        <Field id="rule-trigger-status" label={t('rules.editor.changedTo')}>
          <Select
            id="rule-trigger-status"
            value={trigger.to ?? ''}
            onChange={(e) => props.onChange({ ...trigger, to: (e.target.value || null) as StatusTo })}
            className="sm:max-w-xs"
            data-testid="rule-trigger-status"
          >
            <option value="">{t('rules.editor.anyStatus')}</option>
            {STATUSES.map((s) => (
              <option key={s} value={s}>
                {t(`rules.status.${s}`)}
              </option>
            ))}
          </Select>
        </Field>
      );
  }
}
