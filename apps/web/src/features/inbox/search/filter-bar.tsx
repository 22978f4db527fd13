import type { ConversationFilters } from '@charla/contracts';
import { useTranslation } from 'react-i18next';
import { cn } from '../../../lib/cn';
import { Select } from '../../../ui/input';
import { useChannels } from '../../settings/settings.api';
import { useLabels } from '../labels/labels.api';
import { SavedViewsBar } from '../views/saved-views-bar';
import { hasFilters } from './conversation-filters';

type FilterBarProps = { filters: ConversationFilters; onChange: (filters: ConversationFilters) => void };

const STATUSES = ['open', 'pending', 'resolved', 'snoozed'] as const;

/** Compact filters over the conversation list; each one narrows it (AND). */
export function FilterBar({ filters, onChange }: FilterBarProps) {
  const { t } = useTranslation();
  const channels = useChannels();
  const labels = useLabels();
  const set = (patch: Partial<ConversationFilters>) => onChange({ ...filters, ...patch });
  // Wide enough for the longest label in either language; the bar wraps rather than cutting words.
  const small = 'h-8 w-auto min-w-[8.5rem] flex-1 px-2 text-xs';
  const isUnread = filters.unread === 'true';
  const isFromAd = filters.fromAd === 'true';
  const toggle = (isOn: boolean) =>
    cn(
      'h-8 shrink-0 rounded-lg border px-2.5 text-xs font-medium transition-colors',
      isOn
        ? 'border-brand-600 bg-brand-600 text-white'
        : 'border-neutral-300 text-neutral-700 hover:bg-neutral-50 dark:border-neutral-700 dark:text-neutral-200 dark:hover:bg-neutral-800',
    );

  return (
    <div className="flex flex-col gap-2">
      <fieldset className="flex flex-wrap items-center gap-1.5" aria-label={t('inbox.filters.label')}>
        <Select
          className={small}
          value={filters.status ?? ''}
          onChange={(e) => set({ status: (e.target.value || undefined) as ConversationFilters['status'] })}
          aria-label={t('inbox.filters.status')}
          data-testid="filter-status"
        >
          <option value="">{t('inbox.filters.anyStatus')}</option>
          {STATUSES.map((status) => (
            <option key={status} value={status}>
              {t(`inbox.filters.statuses.${status}`)}
            </option>
          ))}
        </Select>
        <Select
          className={small}
          value={filters.channel ?? ''}
          onChange={(e) => set({ channel: e.target.value || undefined })}
          aria-label={t('inbox.filters.channel')}
          data-testid="filter-channel"
        >
          <option value="">{t('inbox.filters.anyChannel')}</option>
          {(channels.data ?? []).map((channel) => (
            <option key={channel.id} value={channel.id}>
              {channel.status === 'disconnected'
                ? t('numberDisconnect.inboxOption', { name: channel.name })
                : channel.name}
            </option>
          ))}
        </Select>
        <Select
          className={small}
          value={filters.window ?? ''}
          onChange={(e) => set({ window: (e.target.value || undefined) as ConversationFilters['window'] })}
          aria-label={t('inbox.filters.window')}
          data-testid="filter-window"
        >
          <option value="">{t('inbox.filters.anyWindow')}</option>
          <option value="open">{t('inbox.filters.windowOpen')}</option>
          <option value="closed">{t('inbox.filters.windowClosed')}</option>
        </Select>
        {labels.data?.length ? (
          <Select
            className={small}
            value={filters.label ?? ''}
            onChange={(e) => set({ label: e.target.value || undefined })}
            aria-label={t('labels.filter')}
            data-testid="filter-label"
          >
            <option value="">{t('labels.anyLabel')}</option>
            {labels.data.map((label) => (
              <option key={label.id} value={label.id}>
                {label.name}
              </option>
            ))}
          </Select>
        ) : null}
        <button
          type="button"
          aria-pressed={isUnread}
          onClick={() => set({ unread: isUnread ? undefined : 'true' })}
          data-testid="filter-unread"
          className={cn(
            'h-8 shrink-0 rounded-lg border px-2.5 text-xs font-medium transition-colors',
            isUnread
              ? 'border-brand-600 bg-brand-600 text-white'
              : 'border-neutral-300 text-neutral-700 hover:bg-neutral-50 dark:border-neutral-700 dark:text-neutral-200 dark:hover:bg-neutral-800',
          )}
        >
          {t('inbox.filters.unread')}
        </button>
        <button
          type="button"
          aria-pressed={isFromAd}
          onClick={() => set({ fromAd: isFromAd ? undefined : 'true' })}
          data-testid="filter-from-ad"
          className={toggle(isFromAd)}
        >
          {t('messageChanges.fromAdsFilter')}
        </button>
        {hasFilters(filters) ? (
          <button
            type="button"
            onClick={() => onChange({})}
            className="h-8 shrink-0 px-1.5 text-xs font-medium text-brand-700 hover:underline dark:text-brand-400"
          >
            {t('inbox.filters.clear')}
          </button>
        ) : null}
      </fieldset>
      <SavedViewsBar kind="conversations" filters={filters} onPick={onChange} />
    </div>
  );
}
