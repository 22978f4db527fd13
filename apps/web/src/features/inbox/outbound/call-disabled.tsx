import { PhoneOff, UsersRound, Video } from 'lucide-react';
import { useTranslation } from 'react-i18next';
import { Button } from '../../../ui/button';
import { Dialog, DialogContent, DialogTrigger } from '../../../ui/dialog';
import { Tooltip } from '../../../ui/tooltip';

/**
 * Where a phone app has its call buttons: greyed, and a click says why. WhatsApp's API for
 * businesses offers no voice or video calls here, and no groups.
 */
export function CallDisabled() {
  const { t } = useTranslation();
  return (
    <Dialog>
      <Tooltip label={t('inbox.calls.tooltip')} side="bottom">
        <DialogTrigger asChild>
          <Button
            variant="ghost"
            size="icon"
            aria-label={t('inbox.calls.tooltip')}
            data-testid="call-disabled"
            className="text-neutral-400 hover:text-neutral-500 dark:text-neutral-500"
          >
            <PhoneOff aria-hidden className="size-5" />
          </Button>
        </DialogTrigger>
      </Tooltip>
      <DialogContent title={t('inbox.calls.title')}>
        <ul className="flex flex-col gap-4" data-testid="call-disabled-explanation">
          {[
            { icon: PhoneOff, title: t('inbox.rules.callsTitle'), body: t('inbox.calls.callsBody') },
            { icon: Video, title: t('inbox.calls.videoTitle'), body: t('inbox.calls.videoBody') },
            { icon: UsersRound, title: t('inbox.rules.groupsTitle'), body: t('inbox.rules.groupsBody') },
          ].map(({ icon: Icon, title, body }) => (
            <li key={title} className="flex gap-3">
              <span className="mt-0.5 flex size-8 shrink-0 items-center justify-center rounded-lg bg-neutral-100 text-neutral-600 dark:bg-neutral-800 dark:text-neutral-300">
                <Icon aria-hidden className="size-4" />
              </span>
              <div>
                <p className="text-sm font-medium">{title}</p>
                <p className="text-sm text-neutral-600 dark:text-neutral-400">{body}</p>
              </div>
            </li>
          ))}
        </ul>
      </DialogContent>
    </Dialog>
  );
}
