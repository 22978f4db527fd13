import type {
  IncomingAction,
  IncomingTrigger,
  IncomingTriggerWithSecret,
  UpdateIncomingTriggerRequest,
} from '@charla/contracts';
import { Bot, ListOrdered, Send } from 'lucide-react';
import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { cn } from '../../../lib/cn';
import { formatPhone } from '../../../lib/phone-number';
import { fieldError, hasFieldErrors, useErrorMessage } from '../../../lib/use-error-message';
import { Alert } from '../../../ui/alert';
import { Button } from '../../../ui/button';
import { DialogClose, DialogContent } from '../../../ui/dialog';
import { Field } from '../../../ui/field';
import { Input, Select } from '../../../ui/input';
import { Spinner } from '../../../ui/spinner';
import { useCreateTrigger, useUpdateTrigger } from './integrations.api';
import { useFieldLabel, useTriggerTargets } from './trigger-parts';
import {
  type FieldKey,
  fieldsOf,
  isSendableTemplate,
  type MappingFields,
  mappingOf,
  pathProblem,
  variableFields,
} from './trigger-view';

type Kind = IncomingAction['kind'];

/** Where a shop's order usually has them (WooCommerce, and the example the page shows). */
const DEFAULT_FIELDS: MappingFields = { phone: 'billing.phone', name: 'billing.first_name' };

/**
 * The "New trigger" and "Edit trigger" dialogs' form: its name, the number, and what it does —
 * send an approved template of that number's account, or enrol in one of the number's sequences.
 * A new trigger also says where the phone, the name and the template's variables are in the JSON
 * (the trigger's page lets people pick them from a real payload later).
 */
export function TriggerForm(
  props:
    | { editing?: undefined; onCreated: (trigger: IncomingTriggerWithSecret) => void }
    | { editing: IncomingTrigger; onSaved: () => void },
) {
  const { t } = useTranslation();
  const targets = useTriggerTargets();
  const create = useCreateTrigger();
  const update = useUpdateTrigger();
  const mutation = props.editing ? update : create;
  const errorMessage = useErrorMessage();
  const labelOf = useFieldLabel();
  const before = props.editing;
  const channels = targets.channels.filter((c) => c.status !== 'disconnected' || c.id === before?.channelId);

  const [name, setName] = useState(before?.name ?? '');
  const [chosenChannel, setChannelId] = useState(before?.channelId ?? '');
  const [kind, setKind] = useState<Kind>(before?.action.kind ?? 'template');
  const [templateId, setTemplateId] = useState(
    before?.action.kind === 'template' ? before.action.templateId : '',
  );
  const [sequenceId, setSequenceId] = useState(
    before?.action.kind === 'sequence' ? before.action.sequenceId : '',
  );
  const [flowId, setFlowId] = useState(before?.action.kind === 'flow' ? before.action.flowId : '');
  const [fields, setFields] = useState<MappingFields>(DEFAULT_FIELDS);
  const [problems, setProblems] = useState<Partial<Record<string, string>>>({});

  // Until the numbers load, the first one is the default (a workspace has one number most often).
  const channelId = chosenChannel || channels[0]?.id || '';
  const channel = channels.find((c) => c.id === channelId);
  const templates = targets.templates.filter(
    (x) => x.wabaId === channel?.wabaId && (isSendableTemplate(x) || x.id === templateId),
  );
  const sequences = targets.sequences.filter((s) => s.channelId === channelId || s.id === sequenceId);
  // Only a published bot can start.
  const flows = targets.flows.filter((f) => f.publishedVersion !== null || f.id === flowId);
  const template = templates.find((x) => x.id === templateId) ?? null;
  const variables = kind === 'template' ? variableFields(template) : [];

  const clear = (key: string) => setProblems(({ [key]: _, ...rest }) => rest);
  const onChannel = (id: string) => {
    setChannelId(id);
    const next = channels.find((c) => c.id === id);
    // A template of another account, or another number's sequence, does not go with this number.
    if (template && template.wabaId !== next?.wabaId) setTemplateId('');
    if (targets.sequences.find((s) => s.id === sequenceId)?.channelId !== id) setSequenceId('');
  };

  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    const found: Record<string, string> = {};
    if (!name.trim()) found.name = t('integrations.form.nameMissing');
    if (kind === 'template' && !template) found.template = t('integrations.form.templateMissing');
    if (kind === 'sequence' && !sequenceId) found.sequence = t('integrations.form.sequenceMissing');
    if (kind === 'flow' && !flowId) found.flow = t('integrations.form.flowMissing');
    if (!before) {
      for (const key of ['phone', 'name', ...variables.map((v) => v.key)] as FieldKey[]) {
        const problem = pathProblem(fields[key] ?? '', key === 'phone');
        if (problem) found[key] = t(`integrations.mapping.${problem}`);
      }
    }
    setProblems(found);
    if (Object.keys(found).length > 0 || !channelId) return;
    const action: IncomingAction =
      kind === 'template'
        ? { kind, templateId }
        : kind === 'flow'
          ? { kind, flowId }
          : { kind: 'sequence', sequenceId };
    if (!before) {
      create.mutate(
        { name: name.trim(), channelId, action, mapping: mappingOf(fields, template) },
        { onSuccess: props.onCreated },
      );
      return;
    }
    // Only what changed; a new template keeps the paths of the variables it shares with the old one.
    const actionChanged = JSON.stringify(action) !== JSON.stringify(before.action);
    const changes: UpdateIncomingTriggerRequest = {
      ...(name.trim() !== before.name ? { name: name.trim() } : {}),
      ...(channelId !== before.channelId ? { channelId } : {}),
      ...(actionChanged
        ? { action, mapping: mappingOf(fieldsOf(before.mapping), kind === 'template' ? template : null) }
        : {}),
    };
    if (Object.keys(changes).length === 0) props.onSaved();
    else update.mutate({ id: before.id, ...changes }, { onSuccess: props.onSaved });
  };

  const problemOf = (key: string, serverPath: string) =>
    problems[key] ?? fieldError(mutation.error, serverPath);
  const nameError = problemOf('name', 'name');
  const templateError = problemOf('template', 'action.templateId');
  const sequenceError = problemOf('sequence', 'action.sequenceId');
  const flowError = problemOf('flow', 'action.flowId');

  return (
    <DialogContent
      title={t(before ? 'integrations.form.editTitle' : 'integrations.form.createTitle')}
      size="lg"
      className="sm:max-w-2xl"
    >
      {targets.isPending ? (
        <div className="flex justify-center py-10 text-brand-600">
          <Spinner />
        </div>
      ) : channels.length === 0 ? (
        <Alert tone="info">{t('integrations.form.noNumbers')}</Alert>
      ) : (
        <form className="flex flex-col gap-5" noValidate onSubmit={onSubmit} data-testid="trigger-form">
          <div className="grid gap-4 sm:grid-cols-2">
            <Field
              id="trigger-name"
              label={t('integrations.form.name')}
              hint={t('integrations.form.nameHint')}
              error={nameError}
            >
              <Input
                id="trigger-name"
                value={name}
                maxLength={80}
                placeholder={t('integrations.form.namePlaceholder')}
                onChange={(event) => {
                  setName(event.target.value);
                  clear('name');
                }}
                aria-invalid={Boolean(nameError)}
                aria-describedby={nameError ? 'trigger-name-error' : 'trigger-name-hint'}
                autoFocus
                data-testid="trigger-name-input"
              />
            </Field>
            <Field
              id="trigger-channel"
              label={t('integrations.form.number')}
              hint={t('integrations.form.numberHint')}
              error={fieldError(mutation.error, 'channelId')}
            >
              <Select
                id="trigger-channel"
                value={channelId}
                onChange={(event) => onChannel(event.target.value)}
                aria-describedby="trigger-channel-hint"
                data-testid="trigger-channel"
              >
                {channels.map((c) => (
                  <option key={c.id} value={c.id}>
                    {formatPhone(c.displayPhoneNumber)} · {c.name}
                  </option>
                ))}
              </Select>
            </Field>
          </div>

          <fieldset className="flex min-w-0 flex-col gap-3">
            <legend className="mb-2 text-sm font-medium text-neutral-800 dark:text-neutral-200">
              {t('integrations.form.action')}
            </legend>
            <div className="grid gap-2 sm:grid-cols-3">
              {(
                [
                  ['template', Send],
                  ['sequence', ListOrdered],
                  ['flow', Bot],
                ] as const
              ).map(([option, Icon]) => (
                <label
                  key={option}
                  className={cn(
                    'flex cursor-pointer gap-3 rounded-xl border px-3.5 py-3 transition-colors',
                    'has-[:focus-visible]:ring-2 has-[:focus-visible]:ring-brand-600/40',
                    kind === option
                      ? 'border-brand-600 bg-brand-50/60 dark:border-brand-500 dark:bg-brand-950/40'
                      : 'border-neutral-200 hover:bg-neutral-50 dark:border-neutral-800 dark:hover:bg-neutral-800/50',
                  )}
                >
                  <input
                    type="radio"
                    name="trigger-kind"
                    value={option}
                    checked={kind === option}
                    onChange={() => setKind(option)}
                    className="sr-only"
                    data-testid={`trigger-kind-${option}`}
                  />
                  <Icon
                    aria-hidden
                    className={cn(
                      'mt-0.5 size-4 shrink-0',
                      kind === option ? 'text-brand-600 dark:text-brand-400' : 'text-neutral-400',
                    )}
                  />
                  <span className="min-w-0">
                    <span className="block text-sm font-medium text-neutral-900 dark:text-neutral-100">
                      {t(`integrations.form.${option}`)}
                    </span>
                    <span className="block text-xs leading-5 text-neutral-500 dark:text-neutral-400">
                      {t(`integrations.form.${option}Hint`)}
                    </span>
                  </span>
                </label>
              ))}
            </div>

            {kind === 'template' ? (
              templates.length === 0 ? (
                <Alert tone="warning">{t('integrations.form.noTemplates')}</Alert>
              ) : (
                <Field
                  id="trigger-template"
                  label={t('integrations.form.templatePick')}
                  error={templateError}
                >
                  <Select
                    id="trigger-template"
                    value={templateId}
                    onChange={(event) => {
                      setTemplateId(event.target.value);
                      clear('template');
                    }}
                    aria-invalid={Boolean(templateError)}
                    data-testid="trigger-template"
                  >
                    <option value="">{t('integrations.form.templateNone')}</option>
                    {templates.map((x) => (
                      <option key={x.id} value={x.id}>
                        {x.name} ({x.language})
                      </option>
                    ))}
                  </Select>
                </Field>
              )
            ) : kind === 'flow' ? (
              flows.length === 0 ? (
                <Alert tone="warning">{t('integrations.form.noFlows')}</Alert>
              ) : (
                <Field id="trigger-flow" label={t('integrations.form.flowPick')} error={flowError}>
                  <Select
                    id="trigger-flow"
                    value={flowId}
                    onChange={(event) => {
                      setFlowId(event.target.value);
                      clear('flow');
                    }}
                    aria-invalid={Boolean(flowError)}
                    data-testid="trigger-flow"
                  >
                    <option value="">{t('integrations.form.flowNone')}</option>
                    {flows.map((f) => (
                      <option key={f.id} value={f.id}>
                        {f.name}
                      </option>
                    ))}
                  </Select>
                </Field>
              )
            ) : sequences.length === 0 ? (
              <Alert tone="warning">{t('integrations.form.noSequences')}</Alert>
            ) : (
              <Field id="trigger-sequence" label={t('integrations.form.sequencePick')} error={sequenceError}>
                <Select
                  id="trigger-sequence"
                  value={sequenceId}
                  onChange={(event) => {
                    setSequenceId(event.target.value);
                    clear('sequence');
                  }}
                  aria-invalid={Boolean(sequenceError)}
                  data-testid="trigger-sequence"
                >
                  <option value="">{t('integrations.form.sequenceNone')}</option>
                  {sequences.map((s) => (
                    <option key={s.id} value={s.id}>
                      {s.name}
                    </option>
                  ))}
                </Select>
              </Field>
            )}
          </fieldset>

          {before ? null : (
            <fieldset className="flex min-w-0 flex-col gap-3 rounded-xl border border-neutral-200 p-4 dark:border-neutral-800">
              <legend className="px-1 text-sm font-medium text-neutral-800 dark:text-neutral-200">
                {t('integrations.form.fields')}
              </legend>
              <p className="-mt-1 text-xs leading-5 text-neutral-500 dark:text-neutral-400">
                {t('integrations.form.fieldsHint')}
              </p>
              <div className="grid gap-3 sm:grid-cols-2">
                {[{ key: 'phone' as const }, { key: 'name' as const }, ...variables].map((field) => {
                  const id = `trigger-path-${field.key.replace('.', '-')}`;
                  const error = problems[field.key] ?? fieldError(mutation.error, `mapping.${field.key}`);
                  return (
                    <Field key={field.key} id={id} label={labelOf(field)} error={error}>
                      <Input
                        id={id}
                        value={fields[field.key] ?? ''}
                        maxLength={300}
                        spellCheck={false}
                        autoComplete="off"
                        placeholder={t('integrations.mapping.placeholder')}
                        onChange={(event) => {
                          setFields((current) => ({ ...current, [field.key]: event.target.value }));
                          clear(field.key);
                        }}
                        aria-invalid={Boolean(error)}
                        className="font-mono"
                        data-testid="trigger-path-input"
                        data-field={field.key}
                      />
                    </Field>
                  );
                })}
              </div>
            </fieldset>
          )}

          {mutation.isError && !hasFieldErrors(mutation.error) ? (
            <Alert tone="error">{errorMessage(mutation.error)}</Alert>
          ) : null}
          <div className="flex justify-end gap-2">
            <DialogClose asChild>
              <Button variant="secondary">{t('common.cancel')}</Button>
            </DialogClose>
            <Button type="submit" isLoading={mutation.isPending} data-testid="trigger-submit">
              {t(before ? 'integrations.form.submitEdit' : 'integrations.form.submitCreate')}
            </Button>
          </div>
        </form>
      )}
    </DialogContent>
  );
}
