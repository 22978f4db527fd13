import type { Contact } from '@charla/contracts';
import { GitMerge, Search } from 'lucide-react';
import { useDeferredValue, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { formatPhone } from '../../lib/phone-number';
import { Button } from '../../ui/button';
import { Dialog, DialogContent, DialogTrigger } from '../../ui/dialog';
import { Input } from '../../ui/input';
import { Spinner } from '../../ui/spinner';
import { useFilteredContacts } from './contact-filters';
import { MergePreviewStep, nameOf } from './merge-preview';

/** "Merge with…": pick the duplicate, see what is kept, confirm. The duplicate is deleted; nothing of it is lost. */
export function MergeDialog({ target }: { target: Contact }) {
  const { t } = useTranslation();
  const [open, setOpen] = useState(false);
  const [sourceId, setSourceId] = useState<string | null>(null);
  return (
    <Dialog
      open={open}
      onOpenChange={(next) => {
        setOpen(next);
        if (!next) setSourceId(null);
      }}
    >
      <DialogTrigger asChild>
        <Button type="button" variant="secondary" size="sm" data-testid="merge-open">
          <GitMerge aria-hidden className="size-4" />
          {t('merge.open')}
        </Button>
      </DialogTrigger>
      <DialogContent title={t('merge.title', { name: nameOf(target) })} size="xl">
        {sourceId ? (
          <MergePreviewStep
            target={target}
            sourceId={sourceId}
            onBack={() => setSourceId(null)}
            onDone={() => setOpen(false)}
          />
        ) : (
          <PickStep target={target} onPick={setSourceId} />
        )}
      </DialogContent>
    </Dialog>
  );
}

function PickStep({ target, onPick }: { target: Contact; onPick: (id: string) => void }) {
  const { t } = useTranslation();
  const [search, setSearch] = useState('');
  const q = useDeferredValue(search.trim());
  const contacts = useFilteredContacts({ q: q || undefined });
  const items = (contacts.data?.pages.flatMap((p) => p.items) ?? []).filter((c) => c.id !== target.id);
  return (
    <div className="flex flex-col gap-3">
      <p className="text-sm text-neutral-600 dark:text-neutral-400">{t('merge.pickHint')}</p>
      <div className="relative">
        <Search className="absolute top-1/2 left-3 size-4 -translate-y-1/2 text-neutral-400" aria-hidden />
        <Input
          type="search"
          autoFocus
          value={search}
          onChange={(e) => setSearch(e.target.value)}
          placeholder={t('contacts.search')}
          aria-label={t('contacts.search')}
          className="pl-9"
          data-testid="merge-search"
        />
      </div>
      {contacts.isPending ? (
        <Spinner />
      ) : (
        <ul className="flex max-h-72 flex-col divide-y divide-neutral-100 overflow-y-auto dark:divide-neutral-800">
          {items.slice(0, 20).map((c) => (
            <li key={c.id}>
              <button
                type="button"
                onClick={() => onPick(c.id)}
                className="flex w-full items-center justify-between gap-3 rounded-lg px-2 py-2 text-left text-sm hover:bg-neutral-100 dark:hover:bg-neutral-800"
                data-testid="merge-candidate"
              >
                <span className="min-w-0 truncate font-medium">{nameOf(c)}</span>
                <span className="shrink-0 text-neutral-500 tabular-nums">
                  {formatPhone(c.phone ?? c.waId ?? '')}
                </span>
              </button>
            </li>
          ))}
          {items.length === 0 ? (
            <li className="py-3 text-sm text-neutral-500">{t('merge.noCandidates')}</li>
          ) : null}
        </ul>
      )}
    </div>
  );
}
