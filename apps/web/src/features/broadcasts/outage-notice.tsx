import type { BroadcastOutage } from '@charla/contracts';
import { findWhatsAppError } from '@charla/contracts/whatsapp-errors';
import { CloudOff } from 'lucide-react';
import { useTranslation } from 'react-i18next';
import { Alert } from '../../ui/alert';
import { formatTimeInZone } from './schedule-time';

/** A sending broadcast stopped because WhatsApp fails for the whole number: why, since when, next try. */
export function OutageNotice({ outage, timeZone }: { outage: BroadcastOutage; timeZone: string }) {
  const { t, i18n } = useTranslation();
  const locale = i18n.language === 'en' ? 'en' : 'es';
  const entry = outage.code !== null ? findWhatsAppError(outage.code) : null;
  const time = (iso: string) => formatTimeInZone(iso, i18n.language, timeZone);
  return (
    <Alert tone="warning" className="flex gap-2">
      <CloudOff aria-hidden className="mt-0.5 size-4 shrink-0" />
      <div className="flex min-w-0 flex-col gap-1" data-testid="broadcast-outage">
        <strong className="font-semibold">{t('broadcasts.explain.outage.title')}</strong>
        <span>
          {entry ? entry[locale] : t('broadcasts.explain.outage.unreachable')}
          {outage.code !== null ? ` (${t('broadcasts.funnel.code', { code: outage.code })})` : ''}
        </span>
        <span>
          {t('broadcasts.explain.outage.body', { since: time(outage.since), retryAt: time(outage.retryAt) })}
        </span>
      </div>
    </Alert>
  );
}
