import type { Channel } from '@charla/contracts';
import { ChevronDown, ExternalLink, FlaskConical, Phone, Radio } from 'lucide-react';
import { useTranslation } from 'react-i18next';
import { useErrorMessage } from '../../lib/use-error-message';
import { Alert } from '../../ui/alert';
import { Badge } from '../../ui/badge';
import { Button, buttonClasses } from '../../ui/button';
import { Card } from '../../ui/card';
import { EmptyState } from '../../ui/empty-state';
import { Spinner } from '../../ui/spinner';
import { canManageMembers, useSession } from '../auth/require-auth';
import { BacklogNotice } from './channel-backlog-notice';
import { DisconnectChannelButton, DisconnectedFooter } from './channel-disconnect';
import { useAddSandbox } from './channels.api';
import { ConnectChannelDialog } from './channels-connect-dialog';
import { WebhookPanel } from './channels-webhook-panel';
import { useChannels } from './settings.api';

export function ChannelsPage() {
  const { t } = useTranslation();
  const { role } = useSession();
  const channels = useChannels({ refetchMs: 15_000 });
  const errorMessage = useErrorMessage();
  const canManage = canManageMembers(role);
  const addSandbox = useAddSandbox();

  return (
    <section className="flex flex-col gap-4">
      <div className="flex flex-wrap items-start justify-between gap-3">
        <div>
          <h2 className="text-lg font-semibold">{t('settings.channels.title')}</h2>
          <p className="mt-1 text-sm text-neutral-600 dark:text-neutral-400">
            {t('settings.channels.subtitle')}
          </p>
        </div>
        {canManage ? (
          <div className="flex flex-wrap gap-2">
            <Button
              variant="secondary"
              onClick={() => addSandbox.mutate()}
              isLoading={addSandbox.isPending}
              data-testid="add-sandbox"
            >
              {addSandbox.isPending ? null : <FlaskConical aria-hidden className="size-4" />}
              {t('settings.channels.addSandbox')}
            </Button>
            <ConnectChannelDialog />
          </div>
        ) : null}
      </div>
      {addSandbox.isError ? <Alert tone="error">{errorMessage(addSandbox.error)}</Alert> : null}
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
              <ChannelCard channel={channel} canManage={canManage} />
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}

function ChannelCard({ channel, canManage }: { channel: Channel; canManage: boolean }) {
  const { t } = useTranslation();
  const isSandbox = channel.kind === 'sandbox';
  const isDisconnected = channel.status === 'disconnected';
  const statusTone = channel.status === 'connected' ? 'green' : isDisconnected ? 'neutral' : 'red';
  const statusDot =
    channel.status === 'connected' ? 'bg-emerald-500' : isDisconnected ? 'bg-neutral-400' : 'bg-red-500';

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
            <Badge tone={statusTone} data-testid="channel-status">
              <span aria-hidden className={`size-1.5 rounded-full ${statusDot}`} />
              {isDisconnected
                ? t('numberDisconnect.status')
                : t(`settings.channels.status.${channel.status}`)}
            </Badge>
          </div>
          <p className="mt-1 text-sm text-neutral-600 tabular-nums dark:text-neutral-400">
            {channel.displayPhoneNumber}
            {isSandbox ? null : (
              <span className="ml-2 text-xs text-neutral-500">
                {t('settings.channels.phoneNumberIdShort', { id: channel.phoneNumberId })}
              </span>
            )}
          </p>
          {channel.lastError ? (
            <div className="mt-3" data-testid="channel-last-error">
              <Alert tone="error">{channel.lastError}</Alert>
            </div>
          ) : null}
          <BacklogNotice backlog={channel.backlog} />
        </div>
        {canManage && !isSandbox && !isDisconnected ? <DisconnectChannelButton channel={channel} /> : null}
      </div>
      {isDisconnected ? (
        <DisconnectedFooter channel={channel} canManage={canManage} />
      ) : isSandbox ? (
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
      ) : channel.webhook ? (
        <details className="group border-t border-neutral-200 bg-neutral-50 dark:border-neutral-800 dark:bg-neutral-900/60">
          <summary className="flex cursor-pointer list-none items-center gap-2 px-5 py-3 text-sm font-medium text-neutral-700 select-none dark:text-neutral-300">
            <ChevronDown aria-hidden className="size-4 transition-transform group-open:rotate-180" />
            {t('settings.channels.webhook.show')}
          </summary>
          <div className="px-5 pb-5">
            <WebhookPanel webhook={channel.webhook} idPrefix={`channel-${channel.id}`} testIdPrefix="card" />
          </div>
        </details>
      ) : null}
    </Card>
  );
}
