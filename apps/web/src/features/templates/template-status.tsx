import type { Template, TemplateQuality, TemplateStatus } from '@charla/contracts';
import { useTranslation } from 'react-i18next';
import { Badge, type BadgeTone } from '../../ui/badge';
import { describeRejection } from './rejection-reason';

const statusTones: Record<TemplateStatus, BadgeTone> = {
  draft: 'neutral',
  pending: 'amber',
  approved: 'green',
  rejected: 'red',
  paused: 'amber',
  disabled: 'red',
  in_appeal: 'blue',
  pending_deletion: 'neutral',
  deleted: 'neutral',
  limit_exceeded: 'red',
  archived: 'neutral',
};

const dotColors: Record<BadgeTone, string> = {
  neutral: 'bg-neutral-400',
  brand: 'bg-brand-500',
  green: 'bg-emerald-500',
  red: 'bg-red-500',
  blue: 'bg-sky-500',
  amber: 'bg-amber-500',
};

export function TemplateStatusBadge({ status }: { status: TemplateStatus }) {
  const { t } = useTranslation();
  const tone = statusTones[status];
  return (
    <Badge tone={tone} data-testid="template-status" data-status={status}>
      <span aria-hidden className={`size-1.5 rounded-full ${dotColors[tone]}`} />
      {t(`templates.status.${status}`)}
    </Badge>
  );
}

const qualityColors: Record<TemplateQuality, string> = {
  green: 'bg-emerald-500',
  yellow: 'bg-amber-400',
  red: 'bg-red-500',
  unknown: 'bg-neutral-300 dark:bg-neutral-600',
};

export function QualityIndicator({ quality }: { quality: TemplateQuality }) {
  const { t } = useTranslation();
  return (
    <span
      className="inline-flex items-center gap-1.5 text-xs text-neutral-600 dark:text-neutral-400"
      data-testid="template-quality"
      title={t('templates.quality.help')}
    >
      <span aria-hidden className={`size-2.5 rounded-full ${qualityColors[quality]}`} />
      {t(`templates.quality.${quality}`)}
    </span>
  );
}

/** Meta's reason code explained with what to do, and Meta's own words as the detail. */
export function RejectionReason({
  rejection,
  isShort = false,
}: {
  rejection: NonNullable<Template['rejection']>;
  /** In a list: only the explanation; Meta's own words move to the tooltip. */
  isShort?: boolean;
}) {
  const { t, i18n } = useTranslation();
  const text = describeRejection(rejection, t, (key) => i18n.exists(key));
  if (isShort) {
    return (
      <span data-testid="template-rejection" title={text.metaText ?? undefined}>
        {text.reason}
      </span>
    );
  }
  return (
    <span data-testid="template-rejection" className="flex flex-col gap-1">
      <span>{text.reason}</span>
      {text.fix ? <span data-testid="template-rejection-fix">{text.fix}</span> : null}
      {text.metaText ? (
        <span className="text-xs opacity-80" data-testid="template-rejection-meta">
          {t('templates.rejection.metaSaid')} <q lang="en">{text.metaText}</q>
        </span>
      ) : null}
    </span>
  );
}

/** Rejected, paused and drafts can be edited; approved ones too (Meta re-reviews them). */
export function canEditTemplate(status: TemplateStatus): boolean {
  return ['draft', 'rejected', 'paused', 'approved'].includes(status);
}
