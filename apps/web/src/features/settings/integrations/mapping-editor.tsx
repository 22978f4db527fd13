import type { IncomingPayload, IncomingTrigger, Template } from '@charla/contracts';
import { renderTemplate } from '@charla/contracts/template-rules';
import { ArrowRight, CheckCircle2, CircleAlert, MousePointerClick, Search } from 'lucide-react';
import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { cn } from '../../../lib/cn';
import { clock } from '../../../lib/format';
import { useErrorMessage } from '../../../lib/use-error-message';
import { useNow } from '../../../lib/use-now';
import { Alert } from '../../../ui/alert';
import { Button } from '../../../ui/button';
import { Card } from '../../../ui/card';
import { Input } from '../../../ui/input';
import { formatRelative } from '../api-keys/api-key-view';
import { useUpdateTrigger } from './integrations.api';
import { useFieldLabel } from './trigger-parts';
import {
  type FieldKey,
  fieldsOf,
  flattenJson,
  type MappingFields,
  mappingOf,
  pathProblem,
  sameMapping,
  showValue,
  textAt,
  type VariableField,
  variableFields,
} from './trigger-view';

const inputId = (key: FieldKey) => `trigger-map-${key.replace('.', '-')}`;
const normalise = (path: string) => path.trim().replace(/^\$\./, '');

/**
 * Where the customer's phone and name and the template's variables are in the JSON: a path per
 * field, typed or picked by a click from the sample payload's fields beside it, with what the
 * sample would give for each and the message it would send. Saved with PATCH.
 */
export function MappingEditor(props: {
  trigger: IncomingTrigger;
  template: Template | null;
  /** The sequence the trigger enrols in, or the bot it starts: its name for the preview. */
  target: { kind: 'sequence' | 'flow'; name: string } | null;
  sample: IncomingPayload | null;
}) {
  const { trigger, template, sample } = props;
  const { t } = useTranslation();
  const labelOf = useFieldLabel();
  const errorMessage = useErrorMessage();
  const update = useUpdateTrigger();
  const [fields, setFields] = useState<MappingFields>(() => fieldsOf(trigger.mapping));
  const [active, setActive] = useState<FieldKey>('phone');
  const [problems, setProblems] = useState<Partial<Record<FieldKey, string>>>({});
  const [isSaved, setIsSaved] = useState(false);

  const isTemplate = trigger.action.kind === 'template';
  const variables = isTemplate ? variableFields(template) : [];
  const all: ({ key: FieldKey } | VariableField)[] = [{ key: 'phone' }, { key: 'name' }, ...variables];
  const mapping = mappingOf(fields, isTemplate ? template : null);
  const isDirty = !sameMapping(mapping, trigger.mapping);
  const activeField = all.find((f) => f.key === active) ?? all[0]!;

  const set = (key: FieldKey, path: string) => {
    setFields((current) => ({ ...current, [key]: path }));
    setProblems(({ [key]: _, ...rest }) => rest);
    setIsSaved(false);
  };
  const pick = (path: string) => {
    set(active, path);
    document.getElementById(inputId(active))?.focus();
  };
  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    const found: Partial<Record<FieldKey, string>> = {};
    for (const field of all) {
      const problem = pathProblem(fields[field.key] ?? '', field.key === 'phone');
      if (problem) found[field.key] = t(`integrations.mapping.${problem}`);
    }
    setProblems(found);
    if (Object.keys(found).length > 0) return;
    update.mutate({ id: trigger.id, mapping }, { onSuccess: () => setIsSaved(true) });
  };

  const pathField = (field: { key: FieldKey } | VariableField) => (
    <PathField
      key={field.key}
      field={field}
      label={labelOf(field)}
      value={fields[field.key] ?? ''}
      isActive={active === field.key}
      problem={problems[field.key] ?? null}
      sample={sample}
      onFocus={() => setActive(field.key)}
      onChange={(path) => set(field.key, path)}
    />
  );

  return (
    <Card className="flex flex-col" data-testid="trigger-mapping">
      <form noValidate onSubmit={onSubmit}>
        <div className="border-b border-neutral-100 px-4 py-3.5 dark:border-neutral-800">
          <h3 className="text-base font-semibold">{t('integrations.mapping.title')}</h3>
          <p className="mt-0.5 text-sm text-neutral-600 dark:text-neutral-400">
            {t('integrations.mapping.subtitle')}
          </p>
        </div>
        <div className="grid md:grid-cols-[minmax(0,1fr)_minmax(0,1fr)]">
          <div className="flex flex-col gap-4 px-4 py-4">
            {pathField(all[0]!)}
            {pathField(all[1]!)}
            {isTemplate && template ? (
              <div className="flex flex-col gap-3 border-t border-neutral-100 pt-4 dark:border-neutral-800">
                {/* Not in capitals: the template's name is written as it is. */}
                <p className="text-sm font-semibold text-neutral-700 dark:text-neutral-300">
                  {t('integrations.mapping.variables', { template: template.name })}
                </p>
                {variables.length === 0 ? (
                  <p className="text-sm text-neutral-500 dark:text-neutral-400">
                    {t('integrations.mapping.noVariables')}
                  </p>
                ) : (
                  variables.map(pathField)
                )}
              </div>
            ) : null}
          </div>
          <SampleFields
            sample={sample}
            fields={fields}
            labels={Object.fromEntries(
              all.map((f) => [
                f.key,
                f.key === 'phone'
                  ? t('integrations.preview.phone')
                  : f.key === 'name'
                    ? t('integrations.preview.name')
                    : labelOf(f),
              ]),
            )}
            activeLabel={labelOf(activeField)}
            onPick={pick}
          />
        </div>
        {sample ? (
          <Preview
            trigger={trigger}
            template={template}
            target={props.target}
            sample={sample}
            fields={fields}
            variables={variables}
          />
        ) : null}
        <div className="flex flex-wrap items-center justify-end gap-3 border-t border-neutral-100 px-4 py-3 dark:border-neutral-800">
          {update.isError ? (
            <Alert tone="error" className="mr-auto">
              {errorMessage(update.error)}
            </Alert>
          ) : null}
          {isDirty ? (
            <span
              className="text-sm text-amber-700 dark:text-amber-400"
              data-testid="trigger-mapping-unsaved"
            >
              {t('integrations.mapping.unsaved')}
            </span>
          ) : isSaved ? (
            <span className="text-sm text-green-700 dark:text-green-400" data-testid="trigger-mapping-saved">
              {t('integrations.mapping.saved')}
            </span>
          ) : null}
          <Button
            type="submit"
            isLoading={update.isPending}
            disabled={!isDirty}
            data-testid="trigger-mapping-save"
          >
            {t('integrations.mapping.save')}
          </Button>
        </div>
      </form>
    </Card>
  );
}

function PathField(props: {
  field: { key: FieldKey } | VariableField;
  label: string;
  value: string;
  isActive: boolean;
  problem: string | null;
  sample: IncomingPayload | null;
  onFocus: () => void;
  onChange: (path: string) => void;
}) {
  const { t } = useTranslation();
  const { key } = props.field;
  const id = inputId(key);
  const hint =
    key === 'phone'
      ? t('integrations.mapping.phoneHint')
      : key === 'name'
        ? t('integrations.mapping.nameHint')
        : null;
  const found = props.sample && props.value.trim() ? textAt(props.sample.body, props.value) : null;
  const describedBy = props.problem ? `${id}-error` : `${id}-value`;
  return (
    <div
      className={cn(
        'flex flex-col gap-1.5 rounded-lg transition-colors',
        props.isActive &&
          '-m-2 bg-brand-50/70 p-2 ring-1 ring-brand-200 dark:bg-brand-950/40 dark:ring-brand-900',
      )}
      data-testid="trigger-map-field"
      data-field={key}
      data-active={props.isActive}
    >
      <div className="flex flex-wrap items-baseline justify-between gap-x-2">
        <label htmlFor={id} className="text-sm font-medium break-all text-neutral-800 dark:text-neutral-200">
          {props.label}
        </label>
        {props.isActive && props.sample ? (
          <span className="inline-flex items-center gap-1 text-xs text-brand-700 dark:text-brand-300">
            <MousePointerClick aria-hidden className="size-3.5" />
            {t('integrations.mapping.selected')}
          </span>
        ) : null}
      </div>
      <Input
        id={id}
        value={props.value}
        maxLength={300}
        spellCheck={false}
        autoComplete="off"
        placeholder={t('integrations.mapping.placeholder')}
        onFocus={props.onFocus}
        onChange={(event) => props.onChange(event.target.value)}
        aria-invalid={Boolean(props.problem)}
        aria-describedby={describedBy}
        className="font-mono"
        data-testid="trigger-map-input"
      />
      {props.problem ? (
        <p id={`${id}-error`} className="text-xs text-red-600 dark:text-red-400">
          {props.problem}
        </p>
      ) : found !== null ? (
        <p
          id={`${id}-value`}
          className={cn(
            'flex min-w-0 items-center gap-1 text-xs',
            found ? 'text-neutral-600 dark:text-neutral-300' : 'text-amber-700 dark:text-amber-400',
          )}
          data-testid="trigger-map-value"
        >
          {found ? (
            <>
              <ArrowRight aria-hidden className="size-3 shrink-0 text-neutral-400" />
              <span className="truncate font-mono">{found}</span>
            </>
          ) : (
            t('integrations.mapping.nothingThere')
          )}
        </p>
      ) : hint ? (
        <p id={`${id}-value`} className="text-xs text-neutral-500 dark:text-neutral-400">
          {hint}
        </p>
      ) : null}
    </div>
  );
}

/** The sample payload's fields, each a button that fills the selected field with its path. */
function SampleFields(props: {
  sample: IncomingPayload | null;
  fields: MappingFields;
  labels: Record<string, string>;
  activeLabel: string;
  onPick: (path: string) => void;
}) {
  const { t, i18n } = useTranslation();
  const now = useNow(15_000);
  const [search, setSearch] = useState('');
  const paths = props.sample ? flattenJson(props.sample.body) : [];
  const query = search.trim().toLocaleLowerCase();
  const shown = query
    ? paths.filter((p) => `${p.path} ${String(p.value)}`.toLocaleLowerCase().includes(query))
    : paths;
  const usedBy = (path: string) =>
    Object.entries(props.fields)
      .filter(([, value]) => value && normalise(value) === path)
      .map(([key]) => props.labels[key] ?? key);
  const fullTime = new Intl.DateTimeFormat(i18n.language, {
    dateStyle: 'medium',
    timeStyle: 'medium',
    ...clock(i18n.language),
  });

  return (
    <div
      className="flex min-w-0 flex-col gap-2 border-t border-neutral-100 bg-neutral-50/70 px-4 py-4 md:border-t-0 md:border-l dark:border-neutral-800 dark:bg-neutral-950/30"
      data-testid="trigger-sample"
    >
      <div className="flex flex-wrap items-baseline justify-between gap-x-2">
        <p className="text-xs font-semibold tracking-wide text-neutral-500 uppercase dark:text-neutral-400">
          {t('integrations.sample.title')}
        </p>
        {props.sample ? (
          <time
            dateTime={props.sample.receivedAt}
            title={fullTime.format(new Date(props.sample.receivedAt))}
            className="text-xs text-neutral-500 dark:text-neutral-400"
          >
            {t('integrations.sample.from', {
              when: formatRelative(props.sample.receivedAt, now, i18n.language, t('integrations.justNow')),
            })}
          </time>
        ) : null}
      </div>
      {!props.sample ? (
        <p
          className="py-6 text-center text-sm text-neutral-500 dark:text-neutral-400"
          data-testid="trigger-sample-waiting"
        >
          {t('integrations.sample.waiting')}
        </p>
      ) : paths.length === 0 ? (
        <p className="py-6 text-center text-sm text-neutral-500 dark:text-neutral-400">
          {t('integrations.sample.noFields')}
        </p>
      ) : (
        <>
          {paths.length > 8 ? (
            <div className="relative">
              <Search
                aria-hidden
                className="pointer-events-none absolute top-1/2 left-2.5 size-4 -translate-y-1/2 text-neutral-400"
              />
              <Input
                type="search"
                value={search}
                onChange={(event) => setSearch(event.target.value)}
                placeholder={t('integrations.sample.search')}
                aria-label={t('integrations.sample.search')}
                className="h-8 pl-8 text-xs"
                data-testid="trigger-sample-search"
              />
            </div>
          ) : null}
          {shown.length === 0 ? (
            <p className="py-4 text-center text-sm text-neutral-500 dark:text-neutral-400">
              {t('integrations.sample.none')}
            </p>
          ) : (
            <ul
              className="-mx-1 flex max-h-[26rem] flex-col overflow-y-auto"
              data-testid="trigger-sample-paths"
            >
              {shown.map(({ path, value }) => {
                const users = usedBy(path);
                return (
                  <li key={path}>
                    <button
                      type="button"
                      // Keeps the selected field's focus: the click fills it, it does not move away from it.
                      onMouseDown={(event) => event.preventDefault()}
                      onClick={() => props.onPick(path)}
                      aria-label={t('integrations.sample.use', { path, field: props.activeLabel })}
                      className="group flex w-full min-w-0 flex-col rounded-md px-2 py-1.5 text-left hover:bg-white hover:shadow-xs hover:ring-1 hover:ring-brand-200 focus-visible:ring-2 focus-visible:ring-brand-500 focus-visible:outline-none dark:hover:bg-neutral-900 dark:hover:ring-brand-900"
                      data-testid="trigger-sample-path"
                      data-path={path}
                    >
                      <span className="flex min-w-0 flex-wrap items-center gap-x-1.5 gap-y-0.5">
                        <code className="min-w-0 font-mono text-xs font-medium break-all text-neutral-900 group-hover:text-brand-700 dark:text-neutral-100 dark:group-hover:text-brand-300">
                          {path}
                        </code>
                        {users.map((label) => (
                          <span
                            key={label}
                            className="inline-flex shrink-0 items-center gap-0.5 rounded bg-brand-100 px-1 text-[10px] font-medium text-brand-800 dark:bg-brand-900 dark:text-brand-200"
                          >
                            <CheckCircle2 aria-hidden className="size-2.5" />
                            {label}
                          </span>
                        ))}
                      </span>
                      <span className="truncate font-mono text-xs text-neutral-500 dark:text-neutral-400">
                        {showValue(value)}
                      </span>
                    </button>
                  </li>
                );
              })}
            </ul>
          )}
        </>
      )}
    </div>
  );
}

/** What the sample would give each field, and the message it would send (or why it would fail). */
function Preview(props: {
  trigger: IncomingTrigger;
  template: Template | null;
  target: { kind: 'sequence' | 'flow'; name: string } | null;
  sample: IncomingPayload;
  fields: MappingFields;
  variables: VariableField[];
}) {
  const { t } = useTranslation();
  const labelOf = useFieldLabel();
  const read = (key: FieldKey) => textAt(props.sample.body, props.fields[key] ?? '');
  const phone = read('phone');
  const name = read('name');
  const values = props.variables.map((field) => ({ field, value: read(field.key) }));
  const missing = [
    ...(phone ? [] : [t('integrations.preview.phone').toLocaleLowerCase()]),
    ...values.filter((v) => !v.value).map((v) => labelOf(v.field)),
  ];
  const isTemplate = props.trigger.action.kind === 'template';
  const rendered =
    isTemplate && props.template
      ? renderTemplate(props.template, {
          header: values.find((v) => v.field.key === 'header')?.value ?? null,
          headerMediaId: null,
          body: Object.fromEntries(
            values.filter((v) => v.field.kind === 'body').map((v) => [v.field.name, v.value]),
          ),
          buttons: Object.fromEntries(
            values
              .filter((v) => v.field.key.startsWith('buttons.'))
              .map((v) => [v.field.key.slice(8), v.value]),
          ),
        })
      : null;

  return (
    <div
      className="flex flex-col gap-3 border-t border-neutral-100 px-4 py-4 dark:border-neutral-800"
      data-testid="trigger-preview"
    >
      <p className="text-xs font-semibold tracking-wide text-neutral-500 uppercase dark:text-neutral-400">
        {t('integrations.preview.title')}
      </p>
      <div className="grid gap-4 md:grid-cols-[minmax(0,1fr)_minmax(0,1fr)]">
        <dl
          className="grid grid-cols-[auto_minmax(0,1fr)] content-start gap-x-3 gap-y-1.5 text-sm"
          data-testid="trigger-preview-values"
        >
          <div className="col-span-2 grid grid-cols-subgrid">
            <dt className="text-neutral-500 dark:text-neutral-400">{t('integrations.preview.phone')}</dt>
            <dd className={cn('truncate font-mono', !phone && 'text-red-600 dark:text-red-400')}>
              {phone || t('integrations.preview.missing')}
            </dd>
          </div>
          <div className="col-span-2 grid grid-cols-subgrid">
            <dt className="text-neutral-500 dark:text-neutral-400">{t('integrations.preview.name')}</dt>
            <dd className={cn('truncate', !name && 'text-neutral-400')}>
              {name || t('integrations.preview.noName')}
            </dd>
          </div>
          {values.map(({ field, value }) => (
            <div key={field.key} className="col-span-2 grid grid-cols-subgrid">
              <dt className="truncate font-mono text-neutral-500 dark:text-neutral-400">{labelOf(field)}</dt>
              <dd
                className={cn(
                  'flex min-w-0 items-center gap-1.5',
                  !value && 'text-red-600 dark:text-red-400',
                )}
              >
                <ArrowRight aria-hidden className="size-3.5 shrink-0 text-neutral-400" />
                <span className="truncate">{value || t('integrations.preview.missing')}</span>
              </dd>
            </div>
          ))}
        </dl>
        <div className="flex min-w-0 flex-col gap-2">
          {missing.length > 0 ? (
            <p
              className="flex gap-1.5 text-sm text-red-700 dark:text-red-400"
              data-testid="trigger-preview-verdict"
            >
              <CircleAlert aria-hidden className="mt-0.5 size-4 shrink-0" />
              {t('integrations.preview.wouldFail', { what: missing.join(', ') })}
            </p>
          ) : isTemplate ? (
            <p
              className="flex gap-1.5 text-sm text-emerald-700 dark:text-emerald-400"
              data-testid="trigger-preview-verdict"
            >
              <CheckCircle2 aria-hidden className="mt-0.5 size-4 shrink-0" />
              {t('integrations.preview.wouldSend')}
            </p>
          ) : (
            <p
              className="flex gap-1.5 text-sm text-emerald-700 dark:text-emerald-400"
              data-testid="trigger-preview-verdict"
            >
              <CheckCircle2 aria-hidden className="mt-0.5 size-4 shrink-0" />
              {props.target?.kind === 'flow'
                ? t('integrations.preview.wouldStart', { flow: props.target.name })
                : t('integrations.preview.wouldEnrol', { sequence: props.target?.name ?? '…' })}
            </p>
          )}
          {rendered ? (
            <div
              className="max-w-sm self-start rounded-xl rounded-tl-sm bg-[#e7fcd6] px-3 py-2 text-sm text-neutral-900 shadow-xs ring-1 ring-emerald-900/10 dark:bg-emerald-950 dark:text-neutral-100"
              data-testid="trigger-preview-message"
            >
              {rendered.headerText ? <p className="mb-1 font-semibold">{rendered.headerText}</p> : null}
              <p className="whitespace-pre-wrap break-words">{rendered.body}</p>
              {rendered.footer ? (
                <p className="mt-1 text-xs text-neutral-500 dark:text-neutral-400">{rendered.footer}</p>
              ) : null}
              {rendered.buttons.length > 0 ? (
                <ul className="mt-2 flex flex-col divide-y divide-emerald-900/10 border-t border-emerald-900/10 text-center text-xs font-medium text-sky-700 dark:text-sky-300">
                  {rendered.buttons.map((button, i) => (
                    // biome-ignore lint/suspicious/noArrayIndexKey: a template's buttons keep their order
                    <li key={i} className="truncate pt-1.5" title={'url' in button ? button.url : undefined}>
                      {'text' in button ? button.text : null}
                    </li>
                  ))}
                </ul>
              ) : null}
            </div>
          ) : null}
        </div>
      </div>
    </div>
  );
}
