import { Clock, Forward, Info, Mic, PhoneOff, Trash, UsersRound } from 'lucide-react';
import { useTranslation } from 'react-i18next';
import { Button } from '../../ui/button';
import { Dialog, DialogContent, DialogTrigger } from '../../ui/dialog';
import { Tooltip } from '../../ui/tooltip';

/** What WhatsApp's Business Platform does not allow, so agents don't promise it to customers. */
export function WhatsAppRulesDialog() {
  const { t } = useTranslation();
  const rules = [
    { icon: Clock, title: t('inbox.rules.windowTitle'), body: t('inbox.rules.windowBody') },
    { icon: UsersRound, title: t('inbox.rules.groupsTitle'), body: t('inbox.rules.groupsBody') },
    { icon: PhoneOff, title: t('inbox.rules.callsTitle'), body: t('inbox.rules.callsBody') },
    { icon: Forward, title: t('inbox.rules.forwardTitle'), body: t('inbox.rules.forwardBody') },
    { icon: Trash, title: t('inbox.rules.deleteTitle'), body: t('inbox.rules.deleteBody') },
    { icon: Mic, title: t('inbox.rules.voiceTitle'), body: t('inbox.rules.voiceBody') },
  ];

  return (
    <Dialog>
      <Tooltip label={t('inbox.rules.button')} side="bottom">
        <DialogTrigger asChild>
          <Button
            variant="ghost"
            size="icon"
            aria-label={t('inbox.rules.button')}
            data-testid="whatsapp-rules"
          >
            <Info aria-hidden className="size-5" />
          </Button>
        </DialogTrigger>
      </Tooltip>
      <DialogContent title={t('inbox.rules.title')} description={t('inbox.rules.intro')} size="lg">
        <ul className="flex flex-col gap-4">
          {rules.map(({ icon: Icon, title, body }) => (
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
