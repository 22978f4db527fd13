import type { AudiencePreview } from '@charla/contracts';
import type { UseQueryResult } from '@tanstack/react-query';
import { Users } from 'lucide-react';
import { useTranslation } from 'react-i18next';
import { formatPhone } from '../../../lib/phone-number';
import { useErrorMessage } from '../../../lib/use-error-message';
import { Alert } from '../../../ui/alert';
import { Spinner } from '../../../ui/spinner';

/**
 * "X will receive it · Y opted out · Z invalid · duplicates", recounted as the audience changes;
 * for a marketing template, a warning about the contacts whose consent is unknown.
 */
export function AudienceSummary(props: {
  preview: UseQueryResult<AudiencePreview>;
  hasRequest: boolean;
  isMarketing: boolean;
}) {
  const { t, i18n } = useTranslation();
  const errorMessage = useErrorMessage();
  const { preview, hasRequest, isMarketing } = props;
  const number = new Intl.NumberFormat(i18n.language);
  if (!hasRequest)
    return (
      <p className="text-sm text-neutral-500 dark:text-neutral-400">{t('broadcasts.audience.defineFirst')}</p>
    );
  if (preview.isError) return <Alert tone="error">{errorMessage(preview.error)}</Alert>;
  const data = preview.data;
  const isCounting = preview.isFetching;
  return (
    <section
      aria-live="polite"
      data-testid="audience-summary"
      data-counting={isCounting ? 'true' : 'false'}
      className="rounded-xl border border-neutral-200 bg-neutral-50 p-4 dark:border-neutral-800 dark:bg-neutral-900/60"
    >
      {!data ? (
        <div className="flex items-center gap-2 text-sm text-neutral-600">
          <Spinner className="size-4" />
          {t('broadcasts.audience.counting')}
        </div>
      ) : (
        <div className="flex flex-col gap-3">
          <div className="flex items-center gap-3">
            <span className="flex size-10 items-center justify-center rounded-full bg-brand-100 text-brand-700 dark:bg-brand-950 dark:text-brand-300">
              <Users aria-hidden className="size-5" />
            </span>
            <p className="text-base">
              <strong className="text-2xl font-semibold tabular-nums" data-testid="audience-eligible">
                {number.format(data.eligible)}
              </strong>{' '}
              {t('broadcasts.audience.willReceive', { count: data.eligible })}
            </p>
            {isCounting ? <Spinner className="ml-auto size-4 text-brand-600" /> : null}
          </div>
          <ul className="flex flex-col gap-1 text-sm text-neutral-700 sm:flex-row sm:flex-wrap sm:gap-x-4 dark:text-neutral-300">
            <li data-testid="audience-opted-out">
              {t('broadcasts.audience.optedOut', { count: data.optedOut, n: number.format(data.optedOut) })}
            </li>
            <li data-testid="audience-invalid">
              {t('broadcasts.audience.invalid', { count: data.invalid, n: number.format(data.invalid) })}
            </li>
            <li data-testid="audience-duplicates">
              {t('broadcasts.audience.duplicates', {
                count: data.duplicates,
                n: number.format(data.duplicates),
              })}
            </li>
          </ul>
          {data.sample.length > 0 ? (
            <p className="text-xs text-neutral-500 dark:text-neutral-400" data-testid="audience-sample">
              {t('broadcasts.audience.sample')}{' '}
              {data.sample
                .slice(0, 5)
                .map((s) => s.name ?? formatPhone(s.phone))
                .join(', ')}
              {data.eligible > 5 ? '…' : ''}
            </p>
          ) : null}
          {isMarketing && data.unknownConsent > 0 ? (
            <Alert tone="warning">
              <span data-testid="audience-unknown-consent" data-count={data.unknownConsent}>
                {t(
                  data.optedInOnly
                    ? 'broadcasts.audience.unknownConsentLeftOut'
                    : 'broadcasts.audience.unknownConsent',
                  { count: data.unknownConsent, n: number.format(data.unknownConsent) },
                )}
              </span>
            </Alert>
          ) : null}
          {data.eligible === 0 ? <Alert tone="warning">{t('broadcasts.audience.nobody')}</Alert> : null}
        </div>
      )}
    </section>
  );
}
