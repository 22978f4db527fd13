import { RULE_VARIABLES, type SequenceInput, type Template } from '@charla/contracts';
import { templateVariables } from '@charla/contracts/template-rules';
import { useTranslation } from 'react-i18next';
import { fieldError } from '../../lib/use-error-message';
import { Field } from '../../ui/field';
import { Input, Select, Textarea } from '../../ui/input';
import { RuleRow } from './rule-row';

export type StepDraft = SequenceInput['steps'][number];
type Units = 'minutes' | 'hours' | 'days';

/** One step of a sequence: the wait, the message for an open window and the template for a closed one. */
export function SequenceStepRow(props: {
  index: number;
  step: StepDraft;
  templates: Template[];
  error: unknown;
  onChange(step: StepDraft): void;
  onRemove(): void;
}) {
  const { t } = useTranslation();
  const { step, index } = props;
  const id = (name: string) => `step-${index}-${name}`;
  const problem = (path: string) => fieldError(props.error, `steps.${index}${path}`);
  const text = step.message?.type === 'text' ? step.message.text : '';
  const template = props.templates.find((x) => x.id === step.template?.templateId) ?? null;
  const variables = template ? templateVariables(template) : null;
  const values = { header: null, body: {}, buttons: {}, ...step.template?.values };
  const setValues = (patch: Partial<typeof values>) =>
    step.template &&
    props.onChange({ ...step, template: { ...step.template, values: { ...values, ...patch } } });
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
      <Field
        id={id('text')}
        label={t('sequences.editor.message')}
        hint={t('sequences.editor.variablesHint', { list: RULE_VARIABLES.map((v) => `{{${v}}}`).join(' ') })}
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
      <Field
        id={id('template')}
        label={t('sequences.editor.template')}
        error={problem('.template.templateId')}
      >
        <Select
          id={id('template')}
          value={step.template?.templateId ?? ''}
          onChange={(e) =>
            props.onChange({
              ...step,
              template: e.target.value
                ? { templateId: e.target.value, values: { header: null, body: {}, buttons: {} } }
                : null,
            })
          }
          data-testid="sequence-step-template"
        >
          <option value="">{t('sequences.editor.noTemplate')}</option>
          {props.templates.map((x) => (
            <option key={x.id} value={x.id}>
              {x.name} ({x.language})
            </option>
          ))}
        </Select>
      </Field>
      {variables ? (
        <div className="grid gap-3 sm:grid-cols-2">
          {variables.header.map((name) => (
            <Field
              key={`h-${name}`}
              id={id(`h-${name}`)}
              label={t('sequences.editor.templateValue', { name: `{{${name}}}` })}
              error={problem('.template.values.header')}
            >
              <Input
                id={id(`h-${name}`)}
                value={values.header ?? ''}
                onChange={(e) => setValues({ header: e.target.value })}
              />
            </Field>
          ))}
          {variables.body.map((name) => (
            <Field
              key={`b-${name}`}
              id={id(`b-${name}`)}
              label={t('sequences.editor.templateValue', { name: `{{${name}}}` })}
              error={problem(`.template.values.body.${name}`)}
            >
              <Input
                id={id(`b-${name}`)}
                value={(values.body as Record<string, string>)[name] ?? ''}
                onChange={(e) => setValues({ body: { ...values.body, [name]: e.target.value } })}
              />
            </Field>
          ))}
          {Object.keys(variables.buttons).map((index) => (
            <Field
              key={`u-${index}`}
              id={id(`u-${index}`)}
              label={t('sequences.editor.templateValue', { name: `#${Number(index) + 1}` })}
              error={problem(`.template.values.buttons.${index}`)}
            >
              <Input
                id={id(`u-${index}`)}
                value={(values.buttons as Record<string, string>)[index] ?? ''}
                onChange={(e) => setValues({ buttons: { ...values.buttons, [index]: e.target.value } })}
              />
            </Field>
          ))}
        </div>
      ) : null}
    </RuleRow>
  );
}
