import type { AutomationTemplate, Template } from '@charla/contracts';
import { templateVariables } from '@charla/contracts/template-rules';
import { useTranslation } from 'react-i18next';
import { Field } from '../../ui/field';
import { Input, Select } from '../../ui/input';

/**
 * An approved template and its values ({{variables}} allowed), as an automatic message sends it
 * once the customer's 24-hour window has closed: a sequence's step, a rule's fallback.
 */
export function AutomationTemplateFields(props: {
  /** Prefix of the fields' ids. */
  idPrefix: string;
  label: string;
  noneLabel: string;
  hint?: string;
  /** As the draft holds it (values may be missing until typed). */
  template: { templateId: string; values?: Partial<AutomationTemplate['values']> } | null | undefined;
  templates: Template[];
  /** The error of a field under `.template` (e.g. `.templateId`, `.values.body.name`). */
  problem(path: string): string | null | undefined;
  onChange(template: AutomationTemplate | null): void;
  testId: string;
}) {
  const { t } = useTranslation();
  const id = (name: string) => `${props.idPrefix}-${name}`;
  const problemOf = (path: string) => props.problem(path) ?? undefined;
  const chosen = props.templates.find((x) => x.id === props.template?.templateId) ?? null;
  const variables = chosen ? templateVariables(chosen) : null;
  const values = { header: null, body: {}, buttons: {}, ...props.template?.values };
  const setValues = (patch: Partial<typeof values>) =>
    props.template &&
    props.onChange({ templateId: props.template.templateId, values: { ...values, ...patch } });
  return (
    <>
      <Field id={id('template')} label={props.label} hint={props.hint} error={problemOf('.templateId')}>
        <Select
          id={id('template')}
          value={props.template?.templateId ?? ''}
          onChange={(e) =>
            props.onChange(
              e.target.value
                ? { templateId: e.target.value, values: { header: null, body: {}, buttons: {} } }
                : null,
            )
          }
          data-testid={props.testId}
        >
          <option value="">{props.noneLabel}</option>
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
              error={problemOf('.values.header')}
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
              error={problemOf(`.values.body.${name}`)}
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
              error={problemOf(`.values.buttons.${index}`)}
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
    </>
  );
}
