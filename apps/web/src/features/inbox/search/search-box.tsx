import { Search, X } from 'lucide-react';
import { useTranslation } from 'react-i18next';
import { Input } from '../../../ui/input';

type SearchBoxProps = { value: string; onChange: (value: string) => void };

export function SearchBox({ value, onChange }: SearchBoxProps) {
  const { t } = useTranslation();
  return (
    <div className="relative">
      <Search
        aria-hidden
        className="pointer-events-none absolute top-1/2 left-3 size-4 -translate-y-1/2 text-neutral-400"
      />
      <Input
        type="search"
        value={value}
        onChange={(event) => onChange(event.target.value)}
        onKeyDown={(event) => {
          if (event.key === 'Escape') onChange('');
        }}
        placeholder={t('inbox.search.placeholder')}
        aria-label={t('inbox.search.label')}
        maxLength={200}
        className="h-9 pr-9 pl-9 [&::-webkit-search-cancel-button]:hidden"
        data-testid="inbox-search"
      />
      {value ? (
        <button
          type="button"
          onClick={() => onChange('')}
          aria-label={t('inbox.search.clear')}
          className="absolute top-1/2 right-2 -translate-y-1/2 rounded p-1 text-neutral-400 hover:text-neutral-700 dark:hover:text-neutral-200"
        >
          <X className="size-4" />
        </button>
      ) : null}
    </div>
  );
}
