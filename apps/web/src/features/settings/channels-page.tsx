import type { Channel } from '@charla/contracts';
import { ExternalLink, FlaskConical, Phone, Radio } from 'lucide-react';
import { useTranslation } from 'react-i18next';
import { useErrorMessage } from '../../lib/use-error-message';
import { Alert } from '../../ui/alert';
import { Badge } from '../../ui/badge';
import { buttonClasses } from '../../ui/button';
import { Card } from '../../ui/card';
import { EmptyState } from '../../ui/empty-state';
import { Spinner } from '../../ui/spinner';
import { useChannels } from './settings.api';

export function ChannelsPage() {
  const { t } = useTranslation();
  const channels = useChannels();
  const errorMessage = useErrorMessage();

  return (
    <section className="flex flex-col gap-4">
      <div>
        <h2 className="text-lg font-semibold">{t('settings.channels.title')}</h2>
        <p className="mt-1 text-sm text-neutral-600 dark:text-neutral-400">
          {t('settings.channels.subtitle')}
        </p>
      </div>
      {channels.isPending ? (
        <div className="flex justify-center py-10 text-brand-600">
          <Spinner />
        </div>
      ) : channels.isError ? (
        <Alert tone="error">{errorMessage(channels.error)}</Alert>
      ) : channels.data.length === 0 ? (
        <Card>
          <EmptyState
            icon={Radio}
            title={t('settings.channels.emptyTitle')}
            description={t('settings.channels.emptyBody')}
          />
        </Card>
      ) : (
        <ul className="flex flex-col gap-4">
          {channels.data.map((channel) => (
            <li key={channel.id}>
              <ChannelCard channel={channel} />
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}

function ChannelCard({ channel }: { channel: Channel }) {
  const { t } = useTranslation();
  const isSandbox = channel.kind === 'sandbox';

  return (
    <Card className="overflow-hidden" data-testid="channel-card">
      <div className="flex flex-wrap items-start gap-4 p-5">
        <span className="flex size-11 shrink-0 items-center justify-center rounded-xl bg-brand-50 text-brand-600 dark:bg-brand-950 dark:text-brand-400">
          {isSandbox ? (
            <FlaskConical aria-hidden className="size-5" />
          ) : (
            <Phone aria-hidden className="size-5" />
          )}
        </span>
        <div className="min-w-0 flex-1">
          <div className="flex flex-wrap items-center gap-2">
            <h3 className="truncate font-semibold">{channel.name}</h3>
            <Badge tone={isSandbox ? 'amber' : 'blue'}>{t(`settings.channels.kind.${channel.kind}`)}</Badge>
            <Badge tone={channel.status === 'connected' ? 'green' : 'red'}>
              <span
                aria-hidden
                className={`size-1.5 rounded-full ${channel.status === 'connected' ? 'bg-emerald-500' : 'bg-red-500'}`}
              />
              {t(`settings.channels.status.${channel.status}`)}
            </Badge>
          </div>
          <p className="mt-1 text-sm text-neutral-600 tabular-nums dark:text-neutral-400">
            {channel.displayPhoneNumber}
          </p>
        </div>
      </div>
      {isSandbox ? (
        <div className="flex flex-col gap-4 border-t border-neutral-200 bg-neutral-50 px-5 py-4 sm:flex-row sm:items-center dark:border-neutral-800 dark:bg-neutral-900/60">
          <p className="flex-1 text-sm text-neutral-600 dark:text-neutral-400">
            {t('settings.channels.sandboxExplainer')}
          </p>
          {channel.phoneUrl ? (
            <a
              href={channel.phoneUrl}
              target="_blank"
              rel="noopener noreferrer"
              data-testid="open-phone"
              className={buttonClasses('primary', 'lg')}
            >
              {t('settings.channels.openPhone')}
              <ExternalLink aria-hidden className="size-4" />
              <span className="sr-only">{t('common.opensInNewTab')}</span>
            </a>
          ) : null}
        </div>
      ) : null}
    </Card>
  );
}
