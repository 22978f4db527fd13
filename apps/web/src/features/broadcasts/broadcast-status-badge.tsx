import type { BroadcastStatus } from '@charla/contracts';
import { useTranslation } from 'react-i18next';
import { Badge, type BadgeTone } from '../../ui/badge';

const tones: Record<BroadcastStatus, BadgeTone> = {
  draft: 'neutral',
  scheduled: 'blue',
  preparing: 'brand',
  sending: 'brand',
  paused: 'amber',
  waiting_limit: 'amber',
  completed: 'green',
  cancelled: 'neutral',
  failed: 'red',
};

export function BroadcastStatusBadge({ status }: { status: BroadcastStatus }) {
  const { t } = useTranslation();
  return (
    <Badge tone={tones[status]} data-testid="broadcast-status" data-status={status}>
      {status === 'sending' || status === 'preparing' ? (
        <span aria-hidden className="size-1.5 animate-pulse rounded-full bg-current" />
      ) : null}
      {t(`broadcasts.status.${status}`)}
    </Badge>
  );
}
