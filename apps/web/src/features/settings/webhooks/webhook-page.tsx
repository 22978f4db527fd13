import { ArrowLeft } from 'lucide-react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate, useParams } from 'react-router';
import { clock, formatDate } from '../../../lib/format';
import { useErrorMessage } from '../../../lib/use-error-message';
import { Alert } from '../../../ui/alert';
import { Card } from '../../../ui/card';
import { Spinner } from '../../../ui/spinner';
import { canManageMembers, useSession } from '../../auth/require-auth';
import { DeliveriesLog } from './deliveries-log';
import { WebhookActions } from './webhook-actions';
import { EventChips, WebhookStateBadge, WebhookStateNotice } from './webhook-state';
import { useWebhooks } from './webhooks.api';

const LIST_PATH = '/settings/webhooks';

/** Settings › Webhooks › one webhook: its settings and actions above, every delivery below. */
export function WebhookPage() {
  const { t } = useTranslation();
  const { role } = useSession();
  if (!canManageMembers(role)) return <Alert tone="info">{t('webhooks.managersOnly')}</Alert>;
  return <WebhookDetail />;
}

function WebhookDetail() {
  const { t, i18n } = useTranslation();
  const { webhookId = '' } = useParams();
  const navigate = useNavigate();
  // Its state follows the deliveries (failing since, turned off by Charla): looked at again often.
  const webhooks = useWebhooks(10_000);
  const errorMessage = useErrorMessage();
  const sub = webhooks.data?.find((w) => w.id === webhookId);
  const back = (
    <Link
      to={LIST_PATH}
      className="inline-flex items-center gap-1.5 text-sm font-medium text-neutral-600 hover:text-neutral-900 dark:text-neutral-400 dark:hover:text-neutral-100"
      data-testid="webhook-back"
    >
      <ArrowLeft aria-hidden className="size-4" />
      {t('webhooks.deliveries.back')}
    </Link>
  );
  if (webhooks.isPending)
    return (
      <div className="flex justify-center py-10 text-brand-600">
        <Spinner />
      </div>
    );
  if (webhooks.isError) return <Alert tone="error">{errorMessage(webhooks.error)}</Alert>;
  if (!sub)
    return (
      <div className="flex flex-col items-start gap-3">
        {back}
        <Alert tone="info">{t('webhooks.deliveries.notFound')}</Alert>
      </div>
    );
  const fullTime = new Intl.DateTimeFormat(i18n.language, {
    dateStyle: 'long',
    timeStyle: 'short',
    ...clock(i18n.language),
  });

  return (
    <section className="flex flex-col gap-5" data-testid="webhook-page">
      <div>{back}</div>
      <Card className="flex flex-col gap-3 px-4 py-4">
        <div className="flex flex-wrap items-start justify-between gap-x-4 gap-y-3">
          <div className="flex min-w-0 flex-1 basis-72 flex-col gap-1">
            <div className="flex min-w-0 flex-wrap items-center gap-2">
              <h2 className="font-mono text-base font-semibold break-all" data-testid="webhook-url">
                {sub.url}
              </h2>
              <WebhookStateBadge sub={sub} />
            </div>
            {sub.description ? (
              <p className="text-sm text-neutral-600 dark:text-neutral-400" data-testid="webhook-description">
                {sub.description}
              </p>
            ) : null}
            <p className="text-xs text-neutral-500 dark:text-neutral-400">
              <span title={fullTime.format(new Date(sub.createdAt))}>
                {t('webhooks.createdOn', { date: formatDate(sub.createdAt, i18n.language) })}
              </span>
            </p>
          </div>
          <WebhookActions sub={sub} variant="header" onDeleted={() => navigate(LIST_PATH)} />
        </div>
        <EventChips events={sub.events} />
        <WebhookStateNotice sub={sub} />
      </Card>
      <DeliveriesLog sub={sub} />
    </section>
  );
}
