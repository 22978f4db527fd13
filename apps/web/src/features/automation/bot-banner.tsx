import { Bot } from 'lucide-react';
import { useTranslation } from 'react-i18next';
import { Button } from '../../ui/button';
import { useBotSession, useStopBot } from './flows.api';

/**
 * In the thread, while a bot answers: which bot, where it stands, what it collected, and "stop
 * bot". A reply from an agent also makes it step aside.
 */
export function BotBanner({ conversationId, seen }: { conversationId: string; seen: number }) {
  const { t } = useTranslation();
  const session = useBotSession(conversationId, seen);
  const stop = useStopBot(conversationId);
  if (!session.data) return null;
  const s = session.data;
  const collected = Object.entries(s.variables).filter(([k]) => !k.startsWith('contact.'));
  return (
    <div
      className="flex flex-wrap items-center gap-x-3 gap-y-1 border-b border-violet-200 bg-violet-50 px-4 py-2 text-sm text-violet-900 dark:border-violet-900 dark:bg-violet-950 dark:text-violet-200"
      data-testid="bot-banner"
    >
      <Bot aria-hidden className="size-4 shrink-0" />
      <span className="font-medium">{t('flows.session.title', { name: s.flowName })}</span>
      <span className="text-xs">
        {t('flows.session.step', { step: s.nodeType ? t(`flows.node.${s.nodeType}`) : s.nodeId })}
      </span>
      {collected.length > 0 ? (
        <span className="min-w-0 truncate text-xs" data-testid="bot-variables">
          {collected.map(([k, v]) => `${k}: ${v}`).join(' · ')}
        </span>
      ) : null}
      <Button
        variant="secondary"
        size="sm"
        className="ml-auto"
        isLoading={stop.isPending}
        onClick={() => stop.mutate()}
        data-testid="bot-stop"
      >
        {t('flows.session.stop')}
      </Button>
    </div>
  );
}
