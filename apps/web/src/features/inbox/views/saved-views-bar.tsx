import type { SavedView, SavedViewKind } from '@charla/contracts';
import { BookmarkPlus, MoreHorizontal, Pencil, RefreshCw, Trash2, Users } from 'lucide-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { cn } from '../../../lib/cn';
import { useErrorMessage } from '../../../lib/use-error-message';
import { Dialog } from '../../../ui/dialog';
import {
  DropdownMenu,
  DropdownMenuContent,
  DropdownMenuItem,
  DropdownMenuTrigger,
} from '../../../ui/dropdown-menu';
import { ViewDialog } from './view-dialog';
import { sameFilters, useDeleteView, useSavedViews, useUpdateView } from './views.api';

type Props<F extends object> = {
  kind: SavedViewKind;
  filters: F;
  onPick: (filters: F) => void;
};

/**
 * The saved views of a list as one-click chips, plus "Save this view". The chip whose filters
 * are the current ones is marked; its menu renames, updates or deletes it (when the caller may).
 */
export function SavedViewsBar<F extends object>({ kind, filters, onPick }: Props<F>) {
  const { t } = useTranslation();
  const views = useSavedViews(kind);
  const remove = useDeleteView(kind);
  const update = useUpdateView(kind);
  const errorMessage = useErrorMessage();
  const [dialog, setDialog] = useState<{ view: SavedView | null } | null>(null);
  const hasFilters = !sameFilters(filters, {});

  return (
    <div className="flex flex-col gap-1">
      <div className="flex flex-wrap items-center gap-1.5" data-testid={`saved-views-${kind}`}>
        {(views.data ?? []).map((view) => {
          const active = sameFilters(view.filters, filters);
          return (
            <span
              key={view.id}
              className={cn(
                'inline-flex h-7 max-w-full items-center rounded-full border text-xs font-medium',
                active
                  ? 'border-brand-600 bg-brand-50 text-brand-800 dark:bg-brand-950 dark:text-brand-200'
                  : 'border-neutral-300 text-neutral-700 dark:border-neutral-700 dark:text-neutral-200',
              )}
            >
              <button
                type="button"
                className="flex min-w-0 items-center gap-1 truncate rounded-full px-2.5 py-1 hover:underline"
                aria-pressed={active}
                onClick={() => onPick(view.filters as F)}
                data-testid="saved-view"
                data-view={view.name}
                title={view.shared ? t('views.sharedHint') : t('views.personalHint')}
              >
                {view.shared ? <Users aria-hidden className="size-3 shrink-0" /> : null}
                <span className="truncate">{view.name}</span>
              </button>
              {active && view.editable ? (
                <DropdownMenu>
                  <DropdownMenuTrigger
                    className="-ml-1 mr-0.5 rounded-full p-1 hover:bg-brand-100 dark:hover:bg-brand-900"
                    aria-label={t('views.manage', { name: view.name })}
                    data-testid="saved-view-menu"
                  >
                    <MoreHorizontal aria-hidden className="size-3.5" />
                  </DropdownMenuTrigger>
                  <DropdownMenuContent align="start">
                    <DropdownMenuItem onSelect={() => setDialog({ view })} data-testid="saved-view-rename">
                      <Pencil aria-hidden className="size-4" />
                      {t('views.rename')}
                    </DropdownMenuItem>
                    <DropdownMenuItem
                      onSelect={() =>
                        update.mutate({ id: view.id, body: { filters: filters as Record<string, unknown> } })
                      }
                    >
                      <RefreshCw aria-hidden className="size-4" />
                      {t('views.update')}
                    </DropdownMenuItem>
                    <DropdownMenuItem
                      data-testid="saved-view-delete"
                      onSelect={() => {
                        if (window.confirm(t('views.deleteConfirm', { name: view.name })))
                          remove.mutate(view.id);
                      }}
                    >
                      <Trash2 aria-hidden className="size-4" />
                      {t('views.delete')}
                    </DropdownMenuItem>
                  </DropdownMenuContent>
                </DropdownMenu>
              ) : null}
            </span>
          );
        })}
        {hasFilters && !(views.data ?? []).some((v) => sameFilters(v.filters, filters)) ? (
          <button
            type="button"
            onClick={() => setDialog({ view: null })}
            className="inline-flex h-7 items-center gap-1 rounded-full px-2 text-xs font-medium text-brand-700 hover:bg-brand-50 dark:text-brand-400 dark:hover:bg-brand-950"
            data-testid="save-view"
          >
            <BookmarkPlus aria-hidden className="size-3.5" />
            {t('views.save')}
          </button>
        ) : null}
      </div>
      {remove.isError || update.isError ? (
        <p role="alert" className="text-xs text-red-600 dark:text-red-400">
          {errorMessage(remove.error ?? update.error)}
        </p>
      ) : null}
      <Dialog open={dialog !== null} onOpenChange={(open) => (open ? null : setDialog(null))}>
        {dialog ? (
          <ViewDialog kind={kind} view={dialog.view} filters={filters} onDone={() => setDialog(null)} />
        ) : null}
      </Dialog>
    </div>
  );
}
