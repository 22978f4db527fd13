import type { Broadcast } from '@charla/contracts';
import { Download, Pause, Pencil, Play, Send, Trash2, XCircle } from 'lucide-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate } from 'react-router';
import { useErrorMessage } from '../../lib/use-error-message';
import { Alert } from '../../ui/alert';
import { Button, buttonClasses } from '../../ui/button';
import { Dialog, DialogClose, DialogContent } from '../../ui/dialog';
import { canCancel, canPause, canResume, hasBroadcastStarted } from './broadcast-pace';
import { type BroadcastCommand, useBroadcastCommand, useDeleteBroadcast } from './broadcasts.api';

type Confirmable = 'cancel' | 'start' | 'delete';

/** Pause and resume act at once; cancel, start and delete ask first. */
export function BroadcastActions({ broadcast }: { broadcast: Broadcast }) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const errorMessage = useErrorMessage();
  const command = useBroadcastCommand(broadcast.id);
  const remove = useDeleteBroadcast(broadcast.id);
  const [confirming, setConfirming] = useState<Confirmable | null>(null);
  const run = (name: BroadcastCommand) => command.mutate(name, { onSuccess: () => setConfirming(null) });
  const status = broadcast.status;
  const hasSent = hasBroadcastStarted(broadcast);

  return (
    <div className="flex flex-col items-stretch gap-2 sm:items-end">
      <div className="flex flex-wrap gap-2">
        {status === 'draft' || status === 'scheduled' ? (
          <Link
            to={`/broadcasts/new?edit=${encodeURIComponent(broadcast.id)}`}
            className={buttonClasses('secondary')}
            data-testid="broadcast-edit"
          >
            <Pencil aria-hidden className="size-4" />
            {t('broadcasts.actions.edit')}
          </Link>
        ) : null}
        {status === 'draft' ? (
          <>
            <Button variant="ghost" onClick={() => setConfirming('delete')} data-testid="broadcast-delete">
              <Trash2 aria-hidden className="size-4" />
              {t('broadcasts.actions.delete')}
            </Button>
            <Button onClick={() => setConfirming('start')} data-testid="broadcast-start">
              <Send aria-hidden className="size-4" />
              {t('broadcasts.actions.start')}
            </Button>
          </>
        ) : null}
        {canPause(status) ? (
          <Button
            variant="secondary"
            onClick={() => run('pause')}
            isLoading={command.isPending}
            data-testid="broadcast-pause"
          >
            <Pause aria-hidden className="size-4" />
            {t('broadcasts.actions.pause')}
          </Button>
        ) : null}
        {canResume(status) ? (
          <Button onClick={() => run('resume')} isLoading={command.isPending} data-testid="broadcast-resume">
            <Play aria-hidden className="size-4" />
            {t('broadcasts.actions.resume')}
          </Button>
        ) : null}
        {canCancel(status) ? (
          <Button variant="ghost" onClick={() => setConfirming('cancel')} data-testid="broadcast-cancel">
            <XCircle aria-hidden className="size-4" />
            {t('broadcasts.actions.cancel')}
          </Button>
        ) : null}
        {hasSent ? (
          <a
            href={`/api/broadcasts/${encodeURIComponent(broadcast.id)}/recipients.csv`}
            download
            className={buttonClasses('secondary')}
            data-testid="broadcast-export"
          >
            <Download aria-hidden className="size-4" />
            {t('broadcasts.actions.export')}
          </a>
        ) : null}
      </div>
      {command.isError && confirming === null ? (
        <Alert tone="error">{errorMessage(command.error)}</Alert>
      ) : null}
      <Dialog open={confirming !== null} onOpenChange={(open) => (open ? null : setConfirming(null))}>
        {confirming ? (
          <DialogContent
            title={t(`broadcasts.actions.confirm.${confirming}.title`)}
            description={t(`broadcasts.actions.confirm.${confirming}.body`, {
              count: broadcast.counts.queued,
              n: broadcast.counts.queued,
            })}
          >
            {command.isError || remove.isError ? (
              <Alert tone="error">{errorMessage(command.error ?? remove.error)}</Alert>
            ) : null}
            <div className="mt-2 flex justify-end gap-2">
              <DialogClose asChild>
                <Button variant="secondary">{t('broadcasts.actions.keep')}</Button>
              </DialogClose>
              <Button
                variant={confirming === 'start' ? 'primary' : 'danger'}
                isLoading={command.isPending || remove.isPending}
                data-testid="broadcast-confirm"
                onClick={() => {
                  if (confirming === 'delete')
                    remove.mutate(undefined, { onSuccess: () => navigate('/broadcasts') });
                  else run(confirming);
                }}
              >
                {t(`broadcasts.actions.confirm.${confirming}.action`)}
              </Button>
            </div>
          </DialogContent>
        ) : null}
      </Dialog>
    </div>
  );
}
