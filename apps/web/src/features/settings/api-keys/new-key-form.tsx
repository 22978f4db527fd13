import { API_RESOURCES, type ApiResource, type CreatedApiKey } from '@charla/contracts';
import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { cn } from '../../../lib/cn';
import { fieldError, hasFieldErrors, useErrorMessage } from '../../../lib/use-error-message';
import { Alert } from '../../../ui/alert';
import { Button } from '../../../ui/button';
import { DialogClose, DialogContent } from '../../../ui/dialog';
import { Field } from '../../../ui/field';
import { Input, Select } from '../../../ui/input';
import {
  type Access,
  type AccessByResource,
  PRESETS,
  type PresetName,
  presetOf,
  scopesOf,
} from './api-key-view';
import { useCreateApiKey } from './api-keys.api';

type Expiry = 'never' | 'days30' | 'days90' | 'year' | 'custom';
const EXPIRY_DAYS: Partial<Record<Expiry, number>> = { days30: 30, days90: 90, year: 365 };
const LEVELS: Access[] = ['none', 'read', 'write'];

/** A `YYYY-MM-DD` for a date input, in the browser's time zone. */
function dayOf(date: Date): string {
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}`;
}

/** When a key made now with `expiry` stops working; null: never; undefined: no valid date yet. */
function expiresAtOf(expiry: Expiry, customDay: string, now: Date): Date | null | undefined {
  if (expiry === 'never') return null;
  const days = EXPIRY_DAYS[expiry];
  if (days !== undefined) return new Date(now.getTime() + days * 86_400_000);
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(customDay);
  if (!match) return undefined;
  // The end of the chosen day, where the person is.
  const end = new Date(Number(match[1]), Number(match[2]) - 1, Number(match[3]), 23, 59, 59);
  return end.getTime() > now.getTime() ? end : undefined;
}

/** The "New key" dialog's form: a name, what the key may do per resource, and an optional expiry. */
export function NewKeyForm({ onCreated }: { onCreated: (key: CreatedApiKey) => void }) {
  const { t, i18n } = useTranslation();
  const create = useCreateApiKey();
  const errorMessage = useErrorMessage();
  const [name, setName] = useState('');
  const [access, setAccess] = useState<AccessByResource>(PRESETS.sendMessages);
  const [expiry, setExpiry] = useState<Expiry>('never');
  const [customDay, setCustomDay] = useState('');
  const [problems, setProblems] = useState<{ name?: string; scopes?: string; expiry?: string }>({});
  const now = new Date();
  const expiresAt = expiresAtOf(expiry, customDay, now);
  const preset = presetOf(access);

  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    const scopes = scopesOf(access);
    const found = {
      ...(name.trim() ? {} : { name: t('apiKeys.form.nameMissing') }),
      ...(scopes.length > 0 ? {} : { scopes: t('apiKeys.form.noScopes') }),
      ...(expiresAt === undefined ? { expiry: t('apiKeys.form.expiryMissing') } : {}),
    };
    setProblems(found);
    if (Object.keys(found).length > 0 || expiresAt === undefined) return;
    create.mutate(
      { name: name.trim(), scopes, expiresAt: expiresAt?.toISOString() ?? null },
      { onSuccess: onCreated },
    );
  };

  const nameError = problems.name ?? fieldError(create.error, 'name');
  const scopesError = problems.scopes ?? fieldError(create.error, 'scopes');
  const expiryError = problems.expiry ?? fieldError(create.error, 'expiresAt');
  const expiryHint = expiresAt
    ? t('apiKeys.form.expiresOn', {
        date: new Intl.DateTimeFormat(i18n.language, { dateStyle: 'long' }).format(expiresAt),
      })
    : expiry === 'custom'
      ? t('apiKeys.form.expiryDateHint')
      : t('apiKeys.form.expiryHint');
  const setLevel = (resource: ApiResource, level: Access) => setAccess((a) => ({ ...a, [resource]: level }));

  return (
    <DialogContent title={t('apiKeys.form.title')} size="lg" className="sm:max-w-2xl">
      <form className="flex flex-col gap-5" noValidate onSubmit={onSubmit} data-testid="api-key-form">
        <div className="grid gap-4 sm:grid-cols-[minmax(0,1fr)_15rem]">
          <Field
            id="api-key-name"
            label={t('apiKeys.form.name')}
            hint={t('apiKeys.form.nameHint')}
            error={nameError}
          >
            <Input
              id="api-key-name"
              value={name}
              maxLength={80}
              placeholder={t('apiKeys.form.namePlaceholder')}
              onChange={(event) => setName(event.target.value)}
              aria-invalid={Boolean(nameError)}
              aria-describedby={nameError ? 'api-key-name-error' : 'api-key-name-hint'}
              autoFocus
              data-testid="api-key-name-input"
            />
          </Field>
          <Field id="api-key-expiry" label={t('apiKeys.form.expiry')} hint={expiryHint} error={expiryError}>
            <Select
              id="api-key-expiry"
              value={expiry}
              onChange={(event) => setExpiry(event.target.value as Expiry)}
              aria-describedby={expiryError ? 'api-key-expiry-error' : 'api-key-expiry-hint'}
              data-testid="api-key-expiry"
            >
              {(['never', 'days30', 'days90', 'year', 'custom'] as const).map((option) => (
                <option key={option} value={option}>
                  {t(`apiKeys.form.expiryOptions.${option}`)}
                </option>
              ))}
            </Select>
            {expiry === 'custom' ? (
              <Input
                type="date"
                aria-label={t('apiKeys.form.expiryDate')}
                value={customDay}
                min={dayOf(new Date(now.getTime() + 86_400_000))}
                onChange={(event) => setCustomDay(event.target.value)}
                aria-invalid={Boolean(expiryError)}
                data-testid="api-key-expiry-date"
              />
            ) : null}
          </Field>
        </div>

        <fieldset aria-labelledby="api-key-scopes" className="flex min-w-0 flex-col gap-2">
          <div className="flex flex-wrap items-end justify-between gap-2">
            <p id="api-key-scopes" className="text-sm font-medium text-neutral-800 dark:text-neutral-200">
              {t('apiKeys.form.scopes')}
              <span className="ml-2 font-normal text-neutral-500 dark:text-neutral-400">
                {t('apiKeys.form.scopesHint')}
              </span>
            </p>
            <div className="flex flex-wrap items-center gap-1.5 text-xs text-neutral-500 dark:text-neutral-400">
              <span>{t('apiKeys.form.presets')}</span>
              {(Object.keys(PRESETS) as PresetName[]).map((name) => (
                <button
                  key={name}
                  type="button"
                  aria-pressed={preset === name}
                  onClick={() => setAccess(PRESETS[name])}
                  data-testid={`api-key-preset-${name}`}
                  className={cn(
                    'rounded-full px-2.5 py-1 font-medium ring-1 transition-colors ring-inset',
                    preset === name
                      ? 'bg-brand-50 text-brand-700 ring-brand-300 dark:bg-brand-950 dark:text-brand-300 dark:ring-brand-800'
                      : 'text-neutral-700 ring-neutral-300 hover:bg-neutral-50 dark:text-neutral-300 dark:ring-neutral-700 dark:hover:bg-neutral-800',
                  )}
                >
                  {t(`apiKeys.form.preset.${name}`)}
                </button>
              ))}
            </div>
          </div>
          <div
            className={cn(
              'divide-y divide-neutral-100 rounded-xl border dark:divide-neutral-800',
              scopesError ? 'border-red-400' : 'border-neutral-200 dark:border-neutral-800',
            )}
          >
            {API_RESOURCES.map((resource) => (
              <ScopeRow
                key={resource}
                resource={resource}
                level={access[resource]}
                onChange={(level) => setLevel(resource, level)}
              />
            ))}
          </div>
          {scopesError ? <p className="text-xs text-red-600 dark:text-red-400">{scopesError}</p> : null}
        </fieldset>

        {create.isError && !hasFieldErrors(create.error) ? (
          <Alert tone="error">{errorMessage(create.error)}</Alert>
        ) : null}
        <div className="flex justify-end gap-2">
          <DialogClose asChild>
            <Button variant="secondary">{t('common.cancel')}</Button>
          </DialogClose>
          <Button type="submit" isLoading={create.isPending} data-testid="api-key-submit">
            {t('apiKeys.form.submit')}
          </Button>
        </div>
      </form>
    </DialogContent>
  );
}

/** One resource: its name, what it covers, and no access / read / write (write lights read up too). */
function ScopeRow(props: { resource: ApiResource; level: Access; onChange: (level: Access) => void }) {
  const { t } = useTranslation();
  const { resource, level } = props;
  const labelId = `api-key-scope-${resource}-label`;
  return (
    <div className="flex flex-wrap items-center justify-between gap-x-4 gap-y-1.5 px-3.5 py-2">
      <div className="min-w-0" id={labelId}>
        <p className="text-sm font-medium text-neutral-900 dark:text-neutral-100">
          {t(`apiKeys.resources.${resource}.name`)}
        </p>
        <p className="text-xs leading-4 text-neutral-500 dark:text-neutral-400">
          {t(`apiKeys.resources.${resource}.hint`)}
        </p>
      </div>
      <div
        role="radiogroup"
        aria-labelledby={labelId}
        className="inline-flex shrink-0 rounded-lg bg-neutral-100 p-0.5 dark:bg-neutral-800"
      >
        {LEVELS.map((option) => {
          const isChosen = option === level;
          const isIncluded = option === 'read' && level === 'write';
          return (
            <label
              key={option}
              data-testid={`api-key-scope-${resource}-${option}`}
              className={cn(
                'cursor-pointer rounded-md px-2.5 py-1 text-xs font-medium whitespace-nowrap',
                'has-[:focus-visible]:ring-2 has-[:focus-visible]:ring-brand-600/40',
                isChosen
                  ? option === 'none'
                    ? 'bg-white text-neutral-800 shadow-xs dark:bg-neutral-900 dark:text-neutral-100'
                    : 'bg-brand-600 text-white shadow-xs'
                  : isIncluded
                    ? 'bg-brand-100 text-brand-800 dark:bg-brand-900 dark:text-brand-200'
                    : 'text-neutral-600 hover:text-neutral-900 dark:text-neutral-400 dark:hover:text-neutral-100',
              )}
            >
              <input
                type="radio"
                className="sr-only"
                name={`api-key-scope-${resource}`}
                value={option}
                checked={isChosen}
                onChange={() => props.onChange(option)}
              />
              {t(`apiKeys.access.${option}`)}
            </label>
          );
        })}
      </div>
    </div>
  );
}
