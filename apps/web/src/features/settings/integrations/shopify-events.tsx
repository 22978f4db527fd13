import type { ShopifyEvent } from '@charla/contracts';
import { useTranslation } from 'react-i18next';
import { Badge, type BadgeTone } from '../../../ui/badge';
import { useShopifyEvents } from './shopify.api';

const TONE: Record<ShopifyEvent['outcome'], BadgeTone> = {
  pending: 'blue',
  sent: 'green',
  enrolled: 'brand',
  refreshed: 'brand',
  stopped: 'neutral',
  skipped: 'amber',
  ignored: 'neutral',
  failed: 'red',
};

/** The last webhooks the shop sent (newest first) and what Charla did with each. */
export function ShopifyEventsLog() {
  const { t, i18n } = useTranslation();
  const events = useShopifyEvents(true);
  const time = new Intl.DateTimeFormat(i18n.language, { dateStyle: 'short', timeStyle: 'medium' });
  return (
    <section className="flex flex-col gap-2" data-testid="shopify-events">
      <h4 className="text-sm font-medium">{t('integrations.shopify.events.title')}</h4>
      {events.data && events.data.length > 0 ? (
        <ul className="divide-y divide-neutral-200 rounded-lg border border-neutral-200 dark:divide-neutral-800 dark:border-neutral-800">
          {events.data.slice(0, 20).map((event) => (
            <li
              key={event.id}
              className="flex flex-wrap items-start gap-x-3 gap-y-1 px-3 py-2 text-sm"
              data-testid="shopify-event"
            >
              <code className="font-mono text-xs text-neutral-800 dark:text-neutral-200">{event.topic}</code>
              <Badge tone={TONE[event.outcome]} data-testid="shopify-event-outcome">
                {t(`integrations.shopify.events.outcome.${event.outcome}`)}
              </Badge>
              <time className="ml-auto text-xs text-neutral-500" dateTime={event.receivedAt}>
                {time.format(new Date(event.receivedAt))}
              </time>
              {event.detail ? (
                <p className="w-full text-xs break-words text-neutral-600 dark:text-neutral-400">
                  {event.detail}
                </p>
              ) : null}
            </li>
          ))}
        </ul>
      ) : (
        <p className="text-sm text-neutral-500 dark:text-neutral-400">
          {t('integrations.shopify.events.empty')}
        </p>
      )}
    </section>
  );
}
