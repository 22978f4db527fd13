import {
  type AutomationTemplate,
  SHOPIFY_VARIABLES,
  type ShopifyAutomations,
  type ShopifyConnection,
  type Template,
} from '@charla/contracts';
import { Check } from 'lucide-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { fieldError, useErrorMessage } from '../../../lib/use-error-message';
import { Alert } from '../../../ui/alert';
import { Button } from '../../../ui/button';
import { Input, Select } from '../../../ui/input';
import { Spinner } from '../../../ui/spinner';
import { useSaveShopify } from './shopify.api';
import { useTriggerTargets } from './trigger-parts';
import { isSendableTemplate, variableFields } from './trigger-view';

type Kind = keyof typeof SHOPIFY_VARIABLES;
const STEP_KEYS = ['first', 'second', 'third'];

/** A first guess of each variable's value from its name, so a usual template is ready at once. */
function guess(kind: Kind, name: string): string {
  const n = name.toLowerCase();
  const has = (...words: string[]) => words.some((w) => n.includes(w));
  if (has('name', 'nombre', 'cliente', 'customer')) return '{{customer.first_name}}';
  if (kind === 'abandonedCheckout')
    return has('total', 'amount', 'importe') ? '{{checkout.total}}' : '{{checkout.url}}';
  if (has('track', 'segui', 'url', 'link', 'enlace'))
    return kind === 'shippingUpdate' ? '{{tracking.url}}' : '{{order.status_url}}';
  if (has('total', 'amount', 'importe', 'precio'))
    return kind === 'orderConfirmation' ? '{{order.total}}' : '{{order.name}}';
  if (has('company', 'carrier', 'empresa')) return '{{tracking.company}}';
  return '{{order.name}}';
}

/** The template with each of its variables' values, kept or guessed. */
function withTemplate(kind: Kind, template: Template, before: AutomationTemplate | null): AutomationTemplate {
  const old = before?.templateId === template.id ? before.values : null;
  const values: AutomationTemplate['values'] = { header: null, body: {}, buttons: {} };
  for (const field of variableFields(template)) {
    if (field.key === 'header') values.header = old?.header ?? guess(kind, field.name);
    else if (field.kind === 'body')
      values.body[field.name] = old?.body[field.name] ?? guess(kind, field.name);
    else {
      const index = field.key.slice('buttons.'.length);
      values.buttons[index] = old?.buttons[index] ?? guess(kind, field.name);
    }
  }
  return { templateId: template.id, values };
}

/** Each automation: on or off, its template and its variables' values (with {{order.name}}…). */
export function ShopifyAutomationsEditor({ connection }: { connection: ShopifyConnection }) {
  const { t } = useTranslation();
  const targets = useTriggerTargets();
  const save = useSaveShopify();
  const errorMessage = useErrorMessage();
  const [draft, setDraft] = useState<ShopifyAutomations>(connection.automations);
  const channel = targets.channels.find((c) => c.id === connection.channelId);
  const templates = targets.templates.filter((x) => x.wabaId === channel?.wabaId && isSendableTemplate(x));

  const onSave = () =>
    save.mutate({ shopDomain: connection.shopDomain, channelId: connection.channelId, automations: draft });

  return (
    <section className="flex flex-col gap-3" data-testid="shopify-automations">
      <h4 className="text-sm font-medium">{t('integrations.shopify.automations.title')}</h4>
      {(['orderConfirmation', 'shippingUpdate'] as const).map((kind) => (
        <AutomationBlock
          key={kind}
          kind={kind}
          enabled={draft[kind].enabled}
          onEnabled={(enabled) => setDraft((d) => ({ ...d, [kind]: { ...d[kind], enabled } }))}
        >
          <TemplatePicker
            id={`shopify-${kind}`}
            kind={kind}
            templates={templates}
            value={draft[kind].template}
            onChange={(template) => setDraft((d) => ({ ...d, [kind]: { ...d[kind], template } }))}
            error={
              fieldError(save.error, `automations.${kind}.template`) ??
              fieldError(save.error, `automations.${kind}.template.values`)
            }
          />
        </AutomationBlock>
      ))}
      <AutomationBlock
        kind="abandonedCheckout"
        enabled={draft.abandonedCheckout.enabled}
        onEnabled={(enabled) =>
          setDraft((d) => ({ ...d, abandonedCheckout: { ...d.abandonedCheckout, enabled } }))
        }
      >
        {draft.abandonedCheckout.steps.map((step, i) => (
          <div key={STEP_KEYS[i]} className="flex flex-col gap-1.5">
            <span className="text-xs font-medium text-neutral-700 dark:text-neutral-300">
              {t('integrations.shopify.automations.abandonedCheckout.step', {
                n: i + 1,
                when: t(`integrations.shopify.automations.abandonedCheckout.when.${i}`),
              })}
            </span>
            <TemplatePicker
              id={`shopify-abandonedCheckout-${i}`}
              kind="abandonedCheckout"
              templates={templates}
              value={step}
              onChange={(template) =>
                setDraft((d) => ({
                  ...d,
                  abandonedCheckout: {
                    ...d.abandonedCheckout,
                    steps: d.abandonedCheckout.steps.map((s, j) => (j === i ? template : s)),
                  },
                }))
              }
              error={
                fieldError(save.error, `automations.abandonedCheckout.steps.${i}`) ??
                fieldError(save.error, `automations.abandonedCheckout.steps.${i}.values`)
              }
            />
          </div>
        ))}
      </AutomationBlock>
      {save.isError ? <Alert tone="error">{errorMessage(save.error)}</Alert> : null}
      <div className="flex items-center gap-3">
        <Button onClick={onSave} disabled={save.isPending} data-testid="shopify-automations-save">
          {save.isPending ? <Spinner /> : null}
          {t('integrations.shopify.automations.save')}
        </Button>
        {save.isSuccess ? (
          <span
            className="flex items-center gap-1 text-sm text-green-700 dark:text-green-400"
            data-testid="shopify-saved"
          >
            <Check aria-hidden className="size-4" />
            {t('integrations.shopify.automations.saved')}
          </span>
        ) : null}
      </div>
    </section>
  );
}

function AutomationBlock(props: {
  kind: Kind;
  enabled: boolean;
  onEnabled: (enabled: boolean) => void;
  children: React.ReactNode;
}) {
  const { t } = useTranslation();
  const id = `shopify-${props.kind}-on`;
  return (
    <div
      className="flex flex-col gap-3 rounded-lg border border-neutral-200 p-3.5 dark:border-neutral-800"
      data-testid={`shopify-automation-${props.kind}`}
    >
      <div className="flex items-start justify-between gap-3">
        <div className="min-w-0 flex-1">
          <h5 className="text-sm font-medium">{t(`integrations.shopify.automations.${props.kind}.title`)}</h5>
          <p className="text-xs text-neutral-600 dark:text-neutral-400">
            {t(`integrations.shopify.automations.${props.kind}.body`)}
          </p>
          <p className="mt-1 font-mono text-[11px] text-neutral-500 dark:text-neutral-400">
            {t('integrations.shopify.automations.variables', {
              list: SHOPIFY_VARIABLES[props.kind].map((v) => `{{${v}}}`).join(' '),
              interpolation: { escapeValue: false },
            })}
          </p>
        </div>
        <label htmlFor={id} className="flex shrink-0 items-center gap-2 text-sm">
          <input
            id={id}
            type="checkbox"
            checked={props.enabled}
            onChange={(event) => props.onEnabled(event.target.checked)}
            className="size-4 accent-brand-600"
            data-testid={`${id}`}
          />
          {t('integrations.shopify.automations.on')}
        </label>
      </div>
      {props.children}
    </div>
  );
}

function TemplatePicker(props: {
  id: string;
  kind: Kind;
  templates: Template[];
  value: AutomationTemplate | null;
  onChange: (template: AutomationTemplate | null) => void;
  error: string | null;
}) {
  const { t } = useTranslation();
  const template = props.templates.find((x) => x.id === props.value?.templateId) ?? null;
  const fields = variableFields(template);
  const textOf = (key: string) => {
    const values = props.value?.values;
    if (!values) return '';
    if (key === 'header') return values.header ?? '';
    const [part, name] = [key.slice(0, key.indexOf('.')), key.slice(key.indexOf('.') + 1)];
    return (part === 'body' ? values.body[name] : values.buttons[name]) ?? '';
  };
  const setValue = (key: string, text: string) => {
    if (!props.value) return;
    const values = structuredClone(props.value.values);
    if (key === 'header') values.header = text;
    else if (key.startsWith('body.')) values.body[key.slice(5)] = text;
    else values.buttons[key.slice(8)] = text;
    props.onChange({ ...props.value, values });
  };
  return (
    <div className="flex flex-col gap-2">
      <Select
        id={props.id}
        aria-label={t('integrations.shopify.automations.template')}
        value={props.value?.templateId ?? ''}
        onChange={(event) => {
          const chosen = props.templates.find((x) => x.id === event.target.value);
          props.onChange(chosen ? withTemplate(props.kind, chosen, props.value) : null);
        }}
        data-testid={`${props.id}-template`}
      >
        <option value="">{t('integrations.shopify.automations.noTemplate')}</option>
        {props.templates.map((x) => (
          <option key={x.id} value={x.id}>
            {x.name} · {x.language}
          </option>
        ))}
      </Select>
      {fields.length > 0 ? (
        <div className="grid gap-2 sm:grid-cols-2">
          {fields.map((field) => (
            <div
              key={field.key}
              className="flex flex-col gap-1 text-xs text-neutral-600 dark:text-neutral-400"
            >
              <label htmlFor={`${props.id}-${field.key}`}>
                {t('integrations.shopify.automations.value', { name: field.name })}
              </label>
              <Input
                id={`${props.id}-${field.key}`}
                value={textOf(field.key)}
                onChange={(event) => setValue(field.key, event.target.value)}
                spellCheck={false}
                className="font-mono text-xs"
                data-testid={`${props.id}-${field.key}`}
              />
            </div>
          ))}
        </div>
      ) : null}
      {props.error ? <p className="text-xs text-red-600 dark:text-red-400">{props.error}</p> : null}
    </div>
  );
}
