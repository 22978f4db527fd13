import type { MessageError } from '@charla/contracts';
import { useTranslation } from 'react-i18next';
import { currentLocale } from '../../../i18n';
import { failureReason } from './failure-reason';
import { findErrorEntry } from './whatsapp-error-text';

/**
 * Under a failed bubble: why, in the agent's language, and whether Charla will try again. A
 * message shows as failed only once Charla has stopped trying (temporary errors are retried
 * while it still shows the clock), so sending it again is up to the agent.
 */
export function FailureNote({ error }: { error: MessageError | null }) {
  const { t } = useTranslation();
  const { reason, code, next } = failureReason(error, currentLocale(), findErrorEntry);
  const nextStep =
    next === 'gaveUp'
      ? t('inbox.failure.gaveUp')
      : next === 'later'
        ? t('inbox.failure.later')
        : next === 'no'
          ? t('inbox.failure.never')
          : t('inbox.failure.noRetry');
  return (
    <div
      className="max-w-[85%] text-right text-xs text-red-600 sm:max-w-[70%] dark:text-red-400"
      role="note"
      data-testid="failure-note"
      data-error-code={code ?? undefined}
      data-retry={next ?? undefined}
    >
      <p>{reason ?? t('inbox.message.failedUnknown')}</p>
      <p className="text-red-500/90 dark:text-red-400/80">
        {code !== null ? `${t('inbox.failure.code', { code })} · ` : null}
        {nextStep}
      </p>
    </div>
  );
}
