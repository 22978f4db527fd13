import type { Contact, ContactFilters } from '@charla/contracts';
import { Download, Search, Users } from 'lucide-react';
import { useDeferredValue, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { cn } from '../../lib/cn';
import { formatPhone } from '../../lib/phone-number';
import { useErrorMessage } from '../../lib/use-error-message';
import { Alert } from '../../ui/alert';
import { Badge } from '../../ui/badge';
import { Button, buttonClasses } from '../../ui/button';
import { Card } from '../../ui/card';
import { EmptyState } from '../../ui/empty-state';
import { Input } from '../../ui/input';
import { Spinner } from '../../ui/spinner';
import { SavedViewsBar } from '../inbox/views/saved-views-bar';
import { ContactFilterBar } from './contact-filter-bar';
import { useFilteredContacts } from './contact-filters';
import { ContactPanel } from './contact-panel';
import { ImportDialog } from './import-dialog';
import { NewContactDialog } from './new-contact-dialog';

export function ContactsPage() {
  const { t } = useTranslation();
  const [search, setSearch] = useState('');
  const q = useDeferredValue(search.trim());
  const [filters, setFilters] = useState<ContactFilters>({});
  const contacts = useFilteredContacts({ ...filters, q: q || undefined });
  // A saved view carries its own search text: picking one puts it in the box.
  const pickFilters = (next: ContactFilters) => {
    const { q: nextQ, ...rest } = next;
    setSearch(nextQ ?? '');
    setFilters(rest);
  };
  const errorMessage = useErrorMessage();
  const [selectedId, setSelectedId] = useState<string | null>(null);
  const items = contacts.data?.pages.flatMap((p) => p.items) ?? [];
  const total = contacts.data?.pages[0]?.total ?? 0;

  return (
    <div className="flex min-h-0 flex-1">
      <section className="flex min-w-0 flex-1 flex-col gap-4 overflow-y-auto p-4 md:p-6">
        <div className="flex flex-wrap items-center justify-between gap-3">
          <div>
            <h1 className="text-xl font-semibold">{t('contacts.title')}</h1>
            <p className="text-sm text-neutral-600 dark:text-neutral-400" data-testid="contacts-count">
              {t('contacts.count', { count: total })}
            </p>
          </div>
          <div className="flex flex-wrap gap-2">
            <NewContactDialog onOpenContact={setSelectedId} />
            <a
              href="/api/contacts/export.csv"
              download="contacts.csv"
              data-testid="export-contacts"
              className={buttonClasses('secondary')}
            >
              <Download className="size-4" aria-hidden />
              {t('contacts.export')}
            </a>
            <ImportDialog />
          </div>
        </div>
        <div className="relative max-w-md">
          <label htmlFor="contacts-search" className="sr-only">
            {t('contacts.search')}
          </label>
          <Search className="absolute top-1/2 left-3 size-4 -translate-y-1/2 text-neutral-400" aria-hidden />
          <Input
            id="contacts-search"
            type="search"
            value={search}
            onChange={(e) => setSearch(e.target.value)}
            placeholder={t('contacts.search')}
            data-testid="contacts-search"
            className="pl-9"
          />
        </div>
        <ContactFilterBar filters={filters} onChange={setFilters} />
        <SavedViewsBar kind="contacts" filters={{ ...filters, q: q || undefined }} onPick={pickFilters} />
        {contacts.isPending ? (
          <div className="flex justify-center py-10 text-brand-600">
            <Spinner />
          </div>
        ) : contacts.isError ? (
          <Alert tone="error">{errorMessage(contacts.error)}</Alert>
        ) : items.length === 0 && (q || Object.keys(filters).some((k) => k !== 'q')) ? (
          <EmptyState icon={Users} title={t('views.noMatches')} description={t('views.noMatchesBody')} />
        ) : items.length === 0 ? (
          <EmptyState icon={Users} title={t('contacts.emptyTitle')} description={t('contacts.emptyBody')} />
        ) : (
          <Card className="overflow-x-auto">
            <table className="w-full text-left text-sm">
              <thead className="border-b border-neutral-200 text-xs text-neutral-500 dark:border-neutral-800 dark:text-neutral-400">
                <tr>
                  <th scope="col" className="px-4 py-3 font-medium">
                    {t('contacts.name')}
                  </th>
                  <th scope="col" className="px-4 py-3 font-medium">
                    {t('contacts.phone')}
                  </th>
                  <th scope="col" className="hidden px-4 py-3 font-medium md:table-cell">
                    {t('contacts.tags')}
                  </th>
                  <th scope="col" className="hidden px-4 py-3 font-medium sm:table-cell">
                    {t('contacts.optIn')}
                  </th>
                </tr>
              </thead>
              <tbody className="divide-y divide-neutral-100 dark:divide-neutral-800">
                {items.map((c) => (
                  <ContactRow
                    key={c.id}
                    contact={c}
                    isSelected={c.id === selectedId}
                    onSelect={() => setSelectedId(c.id)}
                  />
                ))}
              </tbody>
            </table>
          </Card>
        )}
        {contacts.hasNextPage ? (
          <Button
            variant="secondary"
            className="self-center"
            isLoading={contacts.isFetchingNextPage}
            onClick={() => void contacts.fetchNextPage()}
          >
            {t('contacts.more')}
          </Button>
        ) : null}
      </section>
      {selectedId ? (
        <ContactPanel key={selectedId} id={selectedId} onClose={() => setSelectedId(null)} />
      ) : null}
    </div>
  );
}

function ContactRow(props: { contact: Contact; isSelected: boolean; onSelect: () => void }) {
  const { t } = useTranslation();
  const { contact: c } = props;
  return (
    <tr
      data-testid="contact-row"
      tabIndex={0}
      onClick={props.onSelect}
      onKeyDown={(e) => {
        if (e.key === 'Enter' || e.key === ' ') props.onSelect();
      }}
      className={cn(
        'cursor-pointer hover:bg-neutral-50 dark:hover:bg-neutral-800/50',
        props.isSelected && 'bg-brand-50 dark:bg-brand-950',
      )}
    >
      <td className="px-4 py-3 font-medium">{c.name ?? c.profileName ?? '—'}</td>
      <td className="px-4 py-3 whitespace-nowrap tabular-nums">
        {c.phone || c.waId ? formatPhone(c.phone ?? c.waId ?? '') : '—'}
      </td>
      <td className="hidden px-4 py-3 md:table-cell">
        <div className="flex flex-wrap gap-1">
          {c.tags.map((tag) => (
            <Badge key={tag}>{tag}</Badge>
          ))}
        </div>
      </td>
      <td className="hidden px-4 py-3 sm:table-cell">
        <Badge tone={c.optIn.state === 'opted_in' ? 'brand' : 'neutral'}>
          {t(`contacts.optInState.${c.optIn.state}`)}
        </Badge>
      </td>
    </tr>
  );
}
