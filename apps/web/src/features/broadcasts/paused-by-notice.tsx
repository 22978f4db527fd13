import { type Broadcast, NUMBER_DISCONNECTED_CODE } from '@charla/contracts';
import { findWhatsAppError } from '@charla/contracts/whatsapp-errors';
import { useTranslation } from 'react-i18next';
import { Alert } from '../../ui/alert';

/**
 * A broadcast Charla paused by itself: WhatsApp's refusal that every recipient would have hit, or
 * its number disconnected in Settings.
 */
export function PausedByNotice({ pausedBy }: { pausedBy: NonNullable<Broadcast['pausedBy']> }) {
  const { t, i18n } = useTranslation();
  if (pausedBy.code === NUMBER_DISCONNECTED_CODE) {
    return (
      <Alert tone="error" className="flex flex-col gap-1">
        <strong className="font-semibold" data-testid="broadcast-paused-by">
          {t('broadcasts.explain.pausedBy.disconnectedTitle')}
        </strong>
        <span>{t('broadcasts.explain.pausedBy.disconnectedBody')}</span>
      </Alert>
    );
  }
  const entry = findWhatsAppError(pausedBy.code);
  return (
    <Alert tone="error" className="flex flex-col gap-1">
      <strong className="font-semibold" data-testid="broadcast-paused-by">
        {t('broadcasts.explain.pausedBy.title')}
      </strong>
      <span>
        {entry ? entry[i18n.language === 'en' ? 'en' : 'es'] : pausedBy.reason} (
        {t('broadcasts.funnel.code', { code: pausedBy.code })})
      </span>
      <span>{t('broadcasts.explain.pausedBy.body')}</span>
    </Alert>
  );
}
