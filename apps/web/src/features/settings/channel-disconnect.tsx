import type { Channel } from '@charla/contracts';
import { Unplug } from 'lucide-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Button } from '../../ui/button';
import { useDisconnectChannel } from './channels.api';
import { ConnectChannelDialog } from './channels-connect-dialog';
import { ConfirmDialog } from './confirm-dialog';

/** "Disconnect" on a connected real number's card, after saying what happens. Owner and admins. */
export function DisconnectChannelButton({ channel }: { channel: Channel }) {
  const { t } = useTranslation();
  const [open, setOpen] = useState(false);
  const disconnect = useDisconnectChannel();
  return (
    <>
      <Button variant="secondary" size="sm" onClick={() => setOpen(true)} data-testid="disconnect-channel">
        <Unplug aria-hidden className="size-4" />
        {t('numberDisconnect.disconnect')}
      </Button>
      <ConfirmDialog
        open={open}
        onOpenChange={(next) => {
          setOpen(next);
          if (!next) disconnect.reset();
        }}
        title={t('numberDisconnect.confirmTitle', { number: channel.displayPhoneNumber })}
        body={t('numberDisconnect.confirmBody')}
        submit={t('numberDisconnect.confirmSubmit')}
        isPending={disconnect.isPending}
        error={disconnect.error}
        onConfirm={() => disconnect.mutate(channel.id, { onSuccess: () => setOpen(false) })}
      />
    </>
  );
}

/** A disconnected number's card footer: what it means, and "Reconnect" (the connect form, prefilled). */
export function DisconnectedFooter({ channel, canManage }: { channel: Channel; canManage: boolean }) {
  const { t } = useTranslation();
  return (
    <div
      className="flex flex-col gap-3 border-t border-neutral-200 bg-neutral-50 px-5 py-4 sm:flex-row sm:items-center dark:border-neutral-800 dark:bg-neutral-900/60"
      data-testid="channel-disconnected"
    >
      <p className="flex-1 text-sm text-neutral-600 dark:text-neutral-400">
        {t('numberDisconnect.disconnectedBody')}
      </p>
      {canManage ? <ConnectChannelDialog reconnect={channel} /> : null}
    </div>
  );
}
