import type { WebhookSubscription, WebhookSubscriptionWithSecret } from '@charla/contracts';
import { BookOpen, ChevronRight, ExternalLink, Plus, Webhook } from 'lucide-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { clock, formatDate } from '../../../lib/format';
import { useErrorMessage } from '../../../lib/use-error-message';
import { Alert } from '../../../ui/alert';
import { Button } from '../../../ui/button';
import { Card } from '../../../ui/card';
import { Dialog } from '../../../ui/dialog';
import { EmptyState } from '../../../ui/empty-state';
import { Spinner } from '../../../ui/spinner';
import { canManageMembers, useSession } from '../../auth/require-auth';
import { API_DOCS_URL } from '../api-keys/key-created';
import { EventsCatalogue } from './events-catalogue';
import { SecretShown } from './secret-shown';
import { WebhookActions, webhookPath } from './webhook-actions';
import { WebhookForm } from './webhook-form';
import { EventChips, WebhookStateBadge, WebhookStateNotice } from './webhook-state';
import { useWebhooks } from './webhooks.api';

/** Settings › Webhooks: owners and admins send Charla's events to their own systems. */
export function WebhooksPage() {
  const { t } = useTranslation();
  const { role } = useSession();
  if (!canManageMembers(role)) return <Alert tone="info">{t('webhooks.managersOnly')}</Alert>;
  return <Webhooks />;
}

function Webhooks() {
  const { t } = useTranslation();
  const webhooks = useWebhooks(30_000);
  const errorMessage = useErrorMessage();
  const [isCreating, setIsCreating] = useState(false);
  const [created, setCreated] = useState<WebhookSubscriptionWithSecret | null>(null);
  const closeDialog = () => {
    setIsCreating(false);
    setCreated(null);
  };

  return (
    <section className="flex flex-col gap-4" data-testid="webhooks-page">
      <div className="flex flex-wrap items-start justify-between gap-3">
        <div className="max-w-xl">
          <h2 className="text-lg font-semibold">{t('webhooks.title')}</h2>
          <p className="mt-1 text-sm text-neutral-600 dark:text-neutral-400">{t('webhooks.subtitle')}</p>
          <a
            href={API_DOCS_URL}
            target="_blank"
            rel="noopener noreferrer"
            className="mt-2 inline-flex items-center gap-1.5 text-sm font-medium text-brand-700 hover:text-brand-800 hover:underline dark:text-brand-300"
            data-testid="webhooks-docs"
          >
            <BookOpen aria-hidden className="size-4" />
            {t('webhooks.docs')}
            <ExternalLink aria-hidden className="size-3.5" />
            <span className="sr-only"> {t('common.opensInNewTab')}</span>
          </a>
        </div>
        {webhooks.data && webhooks.data.length > 0 ? (
          <Button onClick={() => setIsCreating(true)} data-testid="webhook-create">
            <Plus aria-hidden className="size-4" />
            {t('webhooks.create')}
          </Button>
        ) : null}
      </div>

      {webhooks.isPending ? (
        <div className="flex justify-center py-10 text-brand-600">
          <Spinner />
        </div>
      ) : webhooks.isError ? (
        <Alert tone="error">{errorMessage(webhooks.error)}</Alert>
      ) : webhooks.data.length === 0 ? (
        <Card className="border-dashed">
          <EmptyState
            icon={Webhook}
            title={t('webhooks.empty.title')}
            description={t('webhooks.empty.body')}
            action={
              <Button className="mt-2" onClick={() => setIsCreating(true)} data-testid="webhook-create">
                <Plus aria-hidden className="size-4" />
                {t('webhooks.empty.create')}
              </Button>
            }
          />
        </Card>
      ) : (
        <ul className="flex flex-col gap-3" data-testid="webhooks-list">
          {webhooks.data.map((sub) => (
            <li key={sub.id}>
              <WebhookCard sub={sub} />
            </li>
          ))}
        </ul>
      )}

      <EventsCatalogue />

      <Dialog open={isCreating || created !== null} onOpenChange={(open) => (open ? null : closeDialog())}>
        {created ? (
          <SecretShown sub={created} kind="created" />
        ) : isCreating ? (
          <WebhookForm onCreated={setCreated} />
        ) : null}
      </Dialog>
    </section>
  );
}

function WebhookCard({ sub }: { sub: WebhookSubscription }) {
  const { t, i18n } = useTranslation();
  const fullTime = new Intl.DateTimeFormat(i18n.language, {
    dateStyle: 'long',
    timeStyle: 'short',
    ...clock(i18n.language),
  });
  return (
    <Card
      className="flex flex-col gap-3 px-4 py-3.5"
      data-testid="webhook-card"
      data-url={sub.url}
      data-state={sub.enabled ? 'on' : 'off'}
    >
      <div className="flex flex-wrap items-start justify-between gap-x-4 gap-y-2">
        <div className="flex min-w-0 flex-1 basis-72 flex-col gap-1">
          <div className="flex min-w-0 flex-wrap items-center gap-2">
            <Link
              to={webhookPath(sub.id)}
              className="group inline-flex min-w-0 items-center gap-1 font-mono text-sm font-medium break-all text-neutral-900 hover:text-brand-700 dark:text-neutral-100 dark:hover:text-brand-300"
              data-testid="webhook-url"
            >
              {sub.url}
              <ChevronRight
                aria-hidden
                className="size-4 shrink-0 text-neutral-400 transition-transform group-hover:translate-x-0.5"
              />
            </Link>
            <WebhookStateBadge sub={sub} />
          </div>
          {sub.description ? (
            <p className="text-sm text-neutral-600 dark:text-neutral-400" data-testid="webhook-description">
              {sub.description}
            </p>
          ) : null}
        </div>
        <WebhookActions sub={sub} variant="card" />
      </div>
      <EventChips events={sub.events} />
      <WebhookStateNotice sub={sub} />
      <p className="text-xs text-neutral-500 dark:text-neutral-400">
        <span title={fullTime.format(new Date(sub.createdAt))}>
          {t('webhooks.createdOn', { date: formatDate(sub.createdAt, i18n.language) })}
        </span>
      </p>
    </Card>
  );
}
