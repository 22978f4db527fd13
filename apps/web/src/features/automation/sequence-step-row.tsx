import { RULE_VARIABLES, type SequenceInput, type Template } from '@charla/contracts';
import { useTranslation } from 'react-i18next';
import { fieldError } from '../../lib/use-error-message';
import { Field } from '../../ui/field';
import { Input, Select, Textarea } from '../../ui/input';
import { AutomaticFileFields, MessageKindChoice } from './automatic-file-fields';
import { AutomationTemplateFields } from './automation-template-fields';
import { RuleRow } from './rule-row';

export type StepDraft = SequenceInput['steps'][number];
type Units = 'minutes' | 'hours' | 'days';

/** One step of a sequence: the wait, the message for an open window and the template for a closed one. */
export function SequenceStepRow(props: {
  index: number;
  step: StepDraft;
  templates: Template[];
  /** The sequence's number: a step's file is uploaded for it. */
  channelId: string;
  error: unknown;
  onChange(step: StepDraft): void;
  onRemove(): void;
}) {
  const { t } = useTranslation();
  const { step, index } = props;
  const id = (name: string) => `step-${index}-${name}`;
  const problem = (path: string) => fieldError(props.error, `steps.${index}${path}`);
  const text = step.message?.type === 'text' ? step.message.text : '';
  return (
    <RuleRow
      title={t('sequences.editor.step', { n: index + 1 })}
      onRemove={props.onRemove}
      testId={`sequence-step-${index}`}
    >
      <div className="grid gap-3 sm:grid-cols-[8rem_10rem_1fr] sm:items-end">
        <Field id={id('amount')} label={t('sequences.editor.wait')} error={problem('.delay.amount')}>
          <Input
            id={id('amount')}
            type="number"
            min={0}
            value={step.delay.amount}
            onChange={(e) =>
              props.onChange({ ...step, delay: { ...step.delay, amount: Number(e.target.value) } })
            }
            data-testid="sequence-step-amount"
          />
        </Field>
        <Field id={id('unit')} label={t('sequences.editor.unit')}>
          <Select
            id={id('unit')}
            value={step.delay.unit}
            onChange={(e) =>
              props.onChange({ ...step, delay: { ...step.delay, unit: e.target.value as Units } })
            }
          >
            {(['minutes', 'hours', 'days'] as const).map((u) => (
              <option key={u} value={u}>
                {t(`sequences.editor.units.${u}`)}
              </option>
            ))}
          </Select>
        </Field>
        <p className="pb-2 text-sm text-neutral-500 dark:text-neutral-400">
          {index === 0 ? t('sequences.editor.afterFirst') : t('sequences.editor.afterPrevious')}
        </p>
      </div>
      <MessageKindChoice
        id={id('kind')}
        isFile={step.message?.type === 'media'}
        onChange={(message) => props.onChange({ ...step, message: message.type === 'text' ? null : message })}
      />
      {step.message?.type === 'media' ? (
        <AutomaticFileFields
          idPrefix={`step-${index}`}
          message={step.message}
          numbers={props.channelId ? [props.channelId] : []}
          problem={(path) => problem(`.message${path}`)}
          onChange={(message) => props.onChange({ ...step, message })}
        />
      ) : (
        <Field
          id={id('text')}
          label={t('sequences.editor.message')}
          hint={t('sequences.editor.variablesHint', {
            list: RULE_VARIABLES.map((v) => `{{${v}}}`).join(' '),
          })}
          error={problem('.message.text') ?? problem('.message')}
        >
          <Textarea
            id={id('text')}
            rows={3}
            value={text}
            onChange={(e) =>
              props.onChange({
                ...step,
                message: e.target.value ? { type: 'text', text: e.target.value } : null,
              })
            }
            data-testid="sequence-step-text"
          />
        </Field>
      )}
      <AutomationTemplateFields
        idPrefix={`step-${index}`}
        label={t('sequences.editor.template')}
        noneLabel={t('sequences.editor.noTemplate')}
        template={step.template}
        templates={props.templates}
        problem={(path) => problem(`.template${path}`)}
        onChange={(template) => props.onChange({ ...step, template })}
        testId="sequence-step-template"
      />
    </RuleRow>
  );
}
