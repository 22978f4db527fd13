import { ChevronDown, Radio } from 'lucide-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { cn } from '../../../lib/cn';
import { useErrorMessage } from '../../../lib/use-error-message';
import { Alert } from '../../../ui/alert';
import { Badge } from '../../../ui/badge';
import { Card } from '../../../ui/card';
import { Spinner } from '../../../ui/spinner';
import { useEventDescription } from './webhook-form';
import { prettyJson } from './webhook-view';
import { useWebhookEvents, type WebhookEventInfo } from './webhooks.api';

/** Every event Charla can send: what it means, and an example delivery body to build against. */
export function EventsCatalogue() {
  const { t } = useTranslation();
  const events = useWebhookEvents();
  const errorMessage = useErrorMessage();
  return (
    <Card className="mt-4" data-testid="webhook-catalogue">
      <div className="border-b border-neutral-200 px-4 py-3.5 dark:border-neutral-800">
        <h3 id="webhook-catalogue-title" className="flex items-center gap-2 text-base font-semibold">
          <Radio aria-hidden className="size-4 text-brand-600 dark:text-brand-400" />
          {t('webhooks.catalogue.title')}
        </h3>
        <p className="mt-1 text-sm text-neutral-600 dark:text-neutral-400">
          {t('webhooks.catalogue.subtitle')}
        </p>
      </div>
      {events.isPending ? (
        <div className="flex justify-center py-6 text-brand-600">
          <Spinner />
        </div>
      ) : events.isError ? (
        <Alert tone="error" className="m-4">
          {errorMessage(events.error)}
        </Alert>
      ) : (
        <ul
          aria-labelledby="webhook-catalogue-title"
          className="divide-y divide-neutral-100 dark:divide-neutral-800"
        >
          {events.data.map((event) => (
            <CatalogueEvent key={event.type} event={event} />
          ))}
        </ul>
      )}
    </Card>
  );
}

function CatalogueEvent({ event }: { event: WebhookEventInfo }) {
  const { t } = useTranslation();
  const describe = useEventDescription();
  const [isOpen, setIsOpen] = useState(false);
  const exampleId = `webhook-example-${event.type.replaceAll('.', '-')}`;
  return (
    <li className="px-4 py-3" data-testid="webhook-catalogue-event" data-event={event.type}>
      <div className="flex flex-wrap items-start justify-between gap-x-4 gap-y-1.5">
        <div className="min-w-0 flex-1">
          <p className="flex flex-wrap items-center gap-2">
            <code className="font-mono text-sm font-semibold text-neutral-900 dark:text-neutral-100">
              {event.type}
            </code>
            {event.type === 'webhook.test' ? <Badge>{t('webhooks.catalogue.testOnly')}</Badge> : null}
          </p>
          <p className="mt-0.5 text-sm text-neutral-600 dark:text-neutral-400">
            {describe(event.type, event.description)}
          </p>
        </div>
        <button
          type="button"
          aria-expanded={isOpen}
          aria-controls={exampleId}
          onClick={() => setIsOpen((open) => !open)}
          className="inline-flex shrink-0 items-center gap-1 rounded-md px-2 py-1 text-xs font-medium text-brand-700 hover:bg-brand-50 dark:text-brand-300 dark:hover:bg-brand-950"
          data-testid="webhook-catalogue-example-toggle"
        >
          {t(isOpen ? 'webhooks.catalogue.hideExample' : 'webhooks.catalogue.example')}
          <ChevronDown aria-hidden className={cn('size-3.5 transition-transform', isOpen && 'rotate-180')} />
        </button>
      </div>
      {isOpen ? (
        <pre
          id={exampleId}
          className="mt-2.5 max-h-80 overflow-auto rounded-lg bg-neutral-900 px-3.5 py-3 font-mono text-xs leading-relaxed text-neutral-100 dark:bg-black"
          data-testid="webhook-catalogue-example"
        >
          {prettyJson(event.example)}
        </pre>
      ) : null}
    </li>
  );
}
