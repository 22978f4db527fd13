import type { Broadcast, Locale } from '@charla/contracts';
import { findWhatsAppError } from '@charla/contracts/whatsapp-errors';
import { useTranslation } from 'react-i18next';
import { Card } from '../../ui/card';
import { share } from './broadcast-pace';

const steps = ['sent', 'delivered', 'read', 'replied'] as const;

/** sent -> delivered -> read -> replied, each as a share of the sent ones; then failures by reason. */
export function BroadcastFunnel({ broadcast }: { broadcast: Broadcast }) {
  const { t, i18n } = useTranslation();
  const locale: Locale = i18n.language === 'en' ? 'en' : 'es';
  const number = new Intl.NumberFormat(i18n.language);
  const { counts } = broadcast;
  return (
    <div className="grid gap-4 lg:grid-cols-2">
      <Card className="p-4 md:p-5" data-testid="broadcast-funnel">
        <h2 className="mb-4 text-base font-semibold">{t('broadcasts.funnel.title')}</h2>
        <ol className="flex flex-col gap-3">
          {steps.map((step) => {
            const value = counts[step];
            const percent = step === 'sent' ? share(value, counts.total) : share(value, counts.sent);
            return (
              <li key={step} data-testid={`funnel-${step}`} data-value={value}>
                <div className="mb-1 flex items-baseline justify-between gap-2 text-sm">
                  <span>{t(`broadcasts.figures.${step}`)}</span>
                  <span>
                    <strong className="tabular-nums">{number.format(value)}</strong>{' '}
                    <span className="text-xs text-neutral-500 tabular-nums">
                      {step === 'sent'
                        ? t('broadcasts.funnel.ofTotal', { percent })
                        : t('broadcasts.funnel.ofSent', { percent })}
                    </span>
                  </span>
                </div>
                <div className="h-2 overflow-hidden rounded-full bg-neutral-100 dark:bg-neutral-800">
                  <div className="h-full rounded-full bg-brand-500" style={{ width: `${percent}%` }} />
                </div>
              </li>
            );
          })}
        </ol>
        <dl className="mt-4 grid grid-cols-2 gap-2 border-t border-neutral-100 pt-3 text-xs text-neutral-600 sm:grid-cols-3 dark:border-neutral-800 dark:text-neutral-400">
          {(
            [
              ['failed', counts.failed],
              ['limited', counts.limited],
              ['skipped', counts.skipped],
              ['excludedOptedOut', counts.excludedOptedOut],
              ['excludedInvalid', counts.excludedInvalid],
              ...(counts.excludedNoConsent > 0
                ? ([['excludedNoConsent', counts.excludedNoConsent]] as const)
                : []),
            ] as const
          ).map(([key, value]) => (
            <div key={key} data-testid={`figure-${key}`}>
              <dt>{t(`broadcasts.figures.${key}`)}</dt>
              <dd className="text-base font-semibold text-neutral-900 tabular-nums dark:text-neutral-100">
                {number.format(value)}
              </dd>
            </div>
          ))}
        </dl>
        {counts.excludedNoConsent > 0 ? (
          <p className="mt-3 text-xs text-neutral-600 dark:text-neutral-400" data-testid="no-consent-reason">
            {t('broadcasts.funnel.noConsentReason', {
              count: counts.excludedNoConsent,
              n: number.format(counts.excludedNoConsent),
            })}
          </p>
        ) : null}
      </Card>
      <Card className="p-4 md:p-5" data-testid="broadcast-failures">
        <h2 className="mb-3 text-base font-semibold">{t('broadcasts.funnel.failuresTitle')}</h2>
        {broadcast.failuresByReason.length === 0 ? (
          <p className="text-sm text-neutral-500 dark:text-neutral-400">
            {t('broadcasts.funnel.noFailures')}
          </p>
        ) : (
          <ul className="flex flex-col divide-y divide-neutral-100 dark:divide-neutral-800">
            {broadcast.failuresByReason.map((failure) => {
              const entry = failure.code !== null ? findWhatsAppError(failure.code) : null;
              return (
                <li
                  key={`${failure.code}-${failure.reason}`}
                  className="flex gap-3 py-2 text-sm"
                  data-testid="failure-reason"
                >
                  <span className="w-12 shrink-0 text-right font-semibold text-red-600 tabular-nums">
                    {number.format(failure.count)}
                  </span>
                  <span className="min-w-0">
                    <span className="block">{entry ? entry[locale] : failure.reason}</span>
                    {failure.code !== null ? (
                      <span className="text-xs text-neutral-500">
                        {t('broadcasts.funnel.code', { code: failure.code })}
                      </span>
                    ) : null}
                  </span>
                </li>
              );
            })}
          </ul>
        )}
      </Card>
    </div>
  );
}
