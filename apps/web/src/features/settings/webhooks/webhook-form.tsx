import {
  SUBSCRIBABLE_EVENTS,
  WEBHOOK_EVENT_CATALOG,
  type WebhookEventType,
  type WebhookSubscription,
  type WebhookSubscriptionWithSecret,
} from '@charla/contracts';
import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { cn } from '../../../lib/cn';
import { fieldError, hasFieldErrors, useErrorMessage } from '../../../lib/use-error-message';
import { Alert } from '../../../ui/alert';
import { Button } from '../../../ui/button';
import { DialogClose, DialogContent } from '../../../ui/dialog';
import { Field } from '../../../ui/field';
import { Input } from '../../../ui/input';
import { useCreateWebhook, useUpdateWebhook } from './webhooks.api';

const sameSet = (a: readonly string[], b: readonly string[]) =>
  a.length === b.length && a.every((x) => b.includes(x));

/** What an event means in the reader's language; the server's own words for one this app does not know. */
export function useEventDescription() {
  const { t } = useTranslation();
  return (type: string, fallback?: string) =>
    t(`webhooks.eventInfo.${type}`, {
      defaultValue: fallback ?? WEBHOOK_EVENT_CATALOG[type as WebhookEventType]?.description ?? '',
    });
}

/**
 * The "New webhook" and "Edit webhook" dialogs' form: the address, an optional description and the
 * events to send, each with what it means.
 */
export function WebhookForm(
  props:
    | { editing?: undefined; onCreated: (sub: WebhookSubscriptionWithSecret) => void }
    | { editing: WebhookSubscription; onSaved: () => void },
) {
  const { t } = useTranslation();
  const create = useCreateWebhook();
  const update = useUpdateWebhook();
  const mutation = props.editing ? update : create;
  const errorMessage = useErrorMessage();
  const describe = useEventDescription();
  const [url, setUrl] = useState(props.editing?.url ?? '');
  const [description, setDescription] = useState(props.editing?.description ?? '');
  const [events, setEvents] = useState<string[]>(props.editing?.events ?? []);
  const [problems, setProblems] = useState<{ url?: string; events?: string }>({});
  const allChosen = SUBSCRIBABLE_EVENTS.every((type) => events.includes(type));

  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    const found = {
      ...(/^https?:\/\/\S+$/i.test(url.trim()) ? {} : { url: t('webhooks.form.urlMissing') }),
      ...(events.length > 0 ? {} : { events: t('webhooks.form.noEvents') }),
    };
    setProblems(found);
    if (Object.keys(found).length > 0) return;
    // The catalogue's order, whatever order they were ticked in.
    const chosen = SUBSCRIBABLE_EVENTS.filter((type) => events.includes(type));
    const body = { url: url.trim(), events: chosen, description: description.trim() || null };
    if (!props.editing) {
      create.mutate(body, { onSuccess: props.onCreated });
      return;
    }
    // Only what changed, so the activity log names just that.
    const before = props.editing;
    const changes = {
      ...(body.url !== before.url ? { url: body.url } : {}),
      ...(sameSet(body.events, before.events) ? {} : { events: body.events }),
      ...(body.description !== before.description ? { description: body.description } : {}),
    };
    if (Object.keys(changes).length === 0) props.onSaved();
    else update.mutate({ id: before.id, ...changes }, { onSuccess: props.onSaved });
  };
  const toggle = (type: string, on: boolean) => {
    setEvents((current) => (on ? [...current, type] : current.filter((x) => x !== type)));
    setProblems(({ events: _, ...rest }) => rest);
  };

  const urlError = problems.url ?? fieldError(mutation.error, 'url');
  const eventsError = problems.events ?? fieldError(mutation.error, 'events');
  const descriptionError = fieldError(mutation.error, 'description');

  return (
    <DialogContent
      title={t(props.editing ? 'webhooks.form.editTitle' : 'webhooks.form.createTitle')}
      size="lg"
      className="sm:max-w-2xl"
    >
      <form className="flex flex-col gap-5" noValidate onSubmit={onSubmit} data-testid="webhook-form">
        <Field
          id="webhook-url"
          label={t('webhooks.form.url')}
          hint={t('webhooks.form.urlHint')}
          error={urlError}
        >
          <Input
            id="webhook-url"
            type="url"
            inputMode="url"
            value={url}
            maxLength={2000}
            spellCheck={false}
            autoComplete="off"
            placeholder={t('webhooks.form.urlPlaceholder')}
            onChange={(event) => {
              setUrl(event.target.value);
              setProblems(({ url: _, ...rest }) => rest);
            }}
            aria-invalid={Boolean(urlError)}
            aria-describedby={urlError ? 'webhook-url-error' : 'webhook-url-hint'}
            className="font-mono"
            autoFocus
            data-testid="webhook-url-input"
          />
        </Field>
        <Field
          id="webhook-description"
          label={t('webhooks.form.description')}
          hint={t('webhooks.form.descriptionHint')}
          error={descriptionError}
        >
          <Input
            id="webhook-description"
            value={description}
            maxLength={200}
            placeholder={t('webhooks.form.descriptionPlaceholder')}
            onChange={(event) => setDescription(event.target.value)}
            aria-describedby={descriptionError ? 'webhook-description-error' : 'webhook-description-hint'}
            data-testid="webhook-description-input"
          />
        </Field>

        <fieldset aria-labelledby="webhook-events-legend" className="flex min-w-0 flex-col gap-2">
          <div className="flex flex-wrap items-end justify-between gap-2">
            <p
              id="webhook-events-legend"
              className="text-sm font-medium text-neutral-800 dark:text-neutral-200"
            >
              {t('webhooks.form.events')}
              <span className="ml-2 font-normal text-neutral-500 dark:text-neutral-400">
                {t('webhooks.form.eventsHint')}
              </span>
            </p>
            <button
              type="button"
              onClick={() => {
                setEvents(allChosen ? [] : [...SUBSCRIBABLE_EVENTS]);
                setProblems(({ events: _, ...rest }) => rest);
              }}
              className="rounded-md px-1.5 py-0.5 text-xs font-medium text-brand-700 hover:bg-brand-50 dark:text-brand-300 dark:hover:bg-brand-950"
              data-testid="webhook-events-all"
            >
              {t(allChosen ? 'webhooks.form.none' : 'webhooks.form.all')}
            </button>
          </div>
          <div
            className={cn(
              'divide-y divide-neutral-100 rounded-xl border dark:divide-neutral-800',
              eventsError ? 'border-red-400' : 'border-neutral-200 dark:border-neutral-800',
            )}
          >
            {SUBSCRIBABLE_EVENTS.map((type) => {
              const id = `webhook-event-${type.replaceAll('.', '-')}`;
              return (
                <label
                  key={type}
                  htmlFor={id}
                  className="flex cursor-pointer items-start gap-3 px-3.5 py-2.5 hover:bg-neutral-50 dark:hover:bg-neutral-800/50"
                >
                  <input
                    id={id}
                    type="checkbox"
                    className="mt-0.5 size-4 shrink-0 accent-brand-600"
                    checked={events.includes(type)}
                    onChange={(event) => toggle(type, event.target.checked)}
                    data-testid="webhook-event-option"
                    data-event={type}
                  />
                  <span className="min-w-0">
                    <span className="block font-mono text-sm font-medium text-neutral-900 dark:text-neutral-100">
                      {type}
                    </span>
                    <span className="block text-xs leading-5 text-neutral-500 dark:text-neutral-400">
                      {describe(type)}
                    </span>
                  </span>
                </label>
              );
            })}
          </div>
          {eventsError ? <p className="text-xs text-red-600 dark:text-red-400">{eventsError}</p> : null}
        </fieldset>

        {mutation.isError && !hasFieldErrors(mutation.error) ? (
          <Alert tone="error">{errorMessage(mutation.error)}</Alert>
        ) : null}
        <div className="flex justify-end gap-2">
          <DialogClose asChild>
            <Button variant="secondary">{t('common.cancel')}</Button>
          </DialogClose>
          <Button type="submit" isLoading={mutation.isPending} data-testid="webhook-submit">
            {t(props.editing ? 'webhooks.form.submitEdit' : 'webhooks.form.submitCreate')}
          </Button>
        </div>
      </form>
    </DialogContent>
  );
}
