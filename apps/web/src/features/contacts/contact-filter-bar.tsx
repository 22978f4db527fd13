import type { ContactFilters, OptInState } from '@charla/contracts';
import { X } from 'lucide-react';
import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Input, Select } from '../../ui/input';
import { ConditionForm, needsValue } from './condition-form';
import { useAttributeDefinitions } from './contacts.api';

type Props = { filters: ContactFilters; onChange: (filters: ContactFilters) => void };

/** Tag, consent and attribute conditions over the contact list (all must hold). */
export function ContactFilterBar({ filters, onChange }: Props) {
  const { t } = useTranslation();
  const definitions = useAttributeDefinitions();
  const [tag, setTag] = useState('');
  const small = 'h-8 px-2 text-xs';
  const labelOf = (key: string) => definitions.data?.find((d) => d.key === key)?.label ?? key;

  const addTag = (event: FormEvent) => {
    event.preventDefault();
    const value = tag.trim();
    if (value && !filters.tags?.includes(value))
      onChange({ ...filters, tags: [...(filters.tags ?? []), value] });
    setTag('');
  };
  const removeAt = (i: number) =>
    onChange({ ...filters, attributes: (filters.attributes ?? []).filter((_, j) => j !== i) });

  return (
    <div className="flex flex-col gap-2" data-testid="contact-filters">
      <div className="flex flex-wrap items-center gap-1.5">
        <form onSubmit={addTag} className="flex items-center gap-1">
          <Input
            className={`${small} w-36!`}
            value={tag}
            onChange={(e) => setTag(e.target.value)}
            placeholder={t('views.contactFilters.tag')}
            aria-label={t('views.contactFilters.tag')}
            data-testid="contact-filter-tag"
          />
        </form>
        <Select
          className={`${small} w-52!`}
          value={filters.optIn ?? ''}
          onChange={(e) =>
            onChange({ ...filters, optIn: (e.target.value || undefined) as OptInState | undefined })
          }
          aria-label={t('contacts.optIn')}
          data-testid="contact-filter-optin"
        >
          <option value="">{t('views.contactFilters.anyOptIn')}</option>
          {(['opted_in', 'opted_out', 'unknown'] as const).map((s) => (
            <option key={s} value={s}>
              {t(`contacts.optInState.${s}`)}
            </option>
          ))}
        </Select>
        {definitions.data?.length ? (
          <ConditionForm
            definitions={definitions.data}
            onAdd={(c) => onChange({ ...filters, attributes: [...(filters.attributes ?? []), c] })}
          />
        ) : null}
      </div>
      {filters.tags?.length || filters.attributes?.length ? (
        <div className="flex flex-wrap items-center gap-1.5" data-testid="contact-filter-chips">
          {(filters.tags ?? []).map((x) => (
            <Chip
              key={`tag-${x}`}
              text={t('views.contactFilters.tagChip', { tag: x })}
              onRemove={() => onChange({ ...filters, tags: filters.tags?.filter((y) => y !== x) })}
            />
          ))}
          {(filters.attributes ?? []).map((c, i) => (
            <Chip
              key={`${c.key}-${c.op}-${String(c.value)}`}
              text={`${labelOf(c.key)} ${t(`views.ops.${c.op}`)}${needsValue(c.op) ? ` ${String(c.value)}` : ''}`}
              onRemove={() => removeAt(i)}
            />
          ))}
        </div>
      ) : null}
    </div>
  );
}

function Chip({ text, onRemove }: { text: string; onRemove: () => void }) {
  const { t } = useTranslation();
  return (
    <span className="inline-flex h-7 items-center gap-1 rounded-full bg-neutral-100 pr-1 pl-2.5 text-xs font-medium text-neutral-700 dark:bg-neutral-800 dark:text-neutral-200">
      {text}
      <button
        type="button"
        onClick={onRemove}
        aria-label={t('views.contactFilters.remove', { what: text })}
        className="rounded-full p-0.5 hover:bg-neutral-200 dark:hover:bg-neutral-700"
      >
        <X aria-hidden className="size-3" />
      </button>
    </span>
  );
}
