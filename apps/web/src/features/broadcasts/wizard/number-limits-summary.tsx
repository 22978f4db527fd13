import type { Channel } from '@charla/contracts';
import { Gauge } from 'lucide-react';
import { useTranslation } from 'react-i18next';
import { useErrorMessage } from '../../../lib/use-error-message';
import { Alert } from '../../../ui/alert';
import { DEFAULT_RATE_PER_SECOND, planSend, roundDuration } from '../broadcast-pace';
import { useNumberLimits } from '../broadcasts.api';

/** The pace the channel list states when the limits cannot be read (else the default 80/s). */
function fallbackRate(channel: Channel | null): number {
  const rate = (channel as { ratePerSecond?: unknown } | null)?.ratePerSecond;
  return typeof rate === 'number' && rate > 0 ? rate : DEFAULT_RATE_PER_SECOND;
}

/**
 * The review's account of the number: its WhatsApp tier, what is left of today's allowance, the
 * pace and how long the send takes, and a warning when the audience is more than what is left.
 */
export function NumberLimitsSummary({
  channel,
  recipients,
}: {
  channel: Channel | null;
  recipients: number;
}) {
  const { t, i18n } = useTranslation();
  const errorMessage = useErrorMessage();
  const limits = useNumberLimits(channel?.id ?? null);
  const number = new Intl.NumberFormat(i18n.language);
  const data = limits.data;
  const rate = data?.effectiveRatePerSecond ?? fallbackRate(channel);
  const plan = planSend(recipients, { remaining: data?.remaining ?? null, effectiveRatePerSecond: rate });
  const duration = roundDuration(plan.seconds);
  const durationText = t(`broadcasts.durationShort.${duration.unit}`, {
    n: number.format(duration.value),
  });
  const row = 'text-neutral-500 dark:text-neutral-400';

  return (
    <div className="mt-4 flex flex-col gap-3" data-testid="number-limits">
      <h4 className="text-xs font-semibold uppercase tracking-wide text-neutral-500">
        {t('broadcasts.schedule.limits')}
      </h4>
      {data ? (
        <dl className="grid grid-cols-[auto_1fr] gap-x-4 gap-y-2 text-sm">
          <dt className={row}>{t('broadcasts.schedule.tier')}</dt>
          <dd data-testid="limits-tier">
            {data.tier === null
              ? t('broadcasts.schedule.tierUnknown')
              : data.allowance === null
                ? t('broadcasts.schedule.tierUnlimited')
                : t('broadcasts.schedule.tierValue', { n: number.format(data.allowance) })}
          </dd>
          <dt className={row}>{t('broadcasts.schedule.remaining')}</dt>
          <dd className="tabular-nums" data-testid="limits-remaining">
            {data.allowance === null || data.remaining === null
              ? t('broadcasts.schedule.remainingUnlimited')
              : t('broadcasts.schedule.remainingValue', {
                  left: number.format(data.remaining),
                  n: number.format(data.allowance),
                })}
          </dd>
          <dt className={row}>{t('broadcasts.schedule.throughput')}</dt>
          <dd className="tabular-nums">
            {data.throughput === null
              ? t('broadcasts.schedule.throughputOwn', { rate: number.format(rate) })
              : t('broadcasts.schedule.throughputValue', {
                  rate: number.format(rate),
                  max: number.format(data.throughput),
                })}
          </dd>
        </dl>
      ) : null}
      {limits.isError ? (
        <Alert tone="warning">
          {t('broadcasts.schedule.limitsError', { message: errorMessage(limits.error) })}
        </Alert>
      ) : null}
      <p className="flex gap-2 text-sm text-neutral-700 dark:text-neutral-300" data-testid="summary-pace">
        <Gauge aria-hidden className="mt-0.5 size-4 shrink-0 text-brand-600" />
        {t('broadcasts.schedule.paceShort', { duration: durationText, rate: number.format(rate) })}
      </p>
      {plan.waiting > 0 && data?.remaining != null ? (
        <Alert tone="warning" className="text-sm">
          <span data-testid="limits-over">
            {t('broadcasts.schedule.overLimit', {
              audience: number.format(recipients),
              left: number.format(data.remaining),
              waiting: number.format(plan.waiting),
            })}
          </span>
        </Alert>
      ) : (
        <p className="text-xs text-neutral-500 dark:text-neutral-400">{t('broadcasts.schedule.limitNote')}</p>
      )}
    </div>
  );
}
