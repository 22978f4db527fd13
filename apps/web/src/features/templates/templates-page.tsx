import type { Template } from '@charla/contracts';
import { FileText, Plus, RefreshCw, Search } from 'lucide-react';
import { useDeferredValue, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate } from 'react-router';
import { cn } from '../../lib/cn';
import { formatListTime } from '../../lib/format';
import { useErrorMessage } from '../../lib/use-error-message';
import { useNow } from '../../lib/use-now';
import { Alert } from '../../ui/alert';
import { Button, buttonClasses } from '../../ui/button';
import { Card } from '../../ui/card';
import { EmptyState } from '../../ui/empty-state';
import { Input } from '../../ui/input';
import { Spinner } from '../../ui/spinner';
import { canManageMembers, useSession } from '../auth/require-auth';
import { countByFilter, filterTemplates, type StatusFilter, statusFilters } from './template-filters';
import { languageName } from './template-languages';
import { QualityIndicator, RejectionReason, TemplateStatusBadge } from './template-status';
import { useSyncTemplates, useTemplates } from './templates.api';
import { useWaba } from './use-waba';
import { WabaSelect } from './waba-select';

export function TemplatesPage() {
  const { t } = useTranslation();
  const { role } = useSession();
  const canManage = canManageMembers(role);
  const errorMessage = useErrorMessage();
  const { wabas, waba, setWaba, isPending: isLoadingWabas, error: wabaError } = useWaba();
  const templates = useTemplates(waba?.id ?? null);
  const sync = useSyncTemplates();
  const [search, setSearch] = useState('');
  const query = useDeferredValue(search);
  const [filter, setFilter] = useState<StatusFilter>('all');
  const all = templates.data ?? [];
  const counts = countByFilter(all);
  const shown = filterTemplates(all, filter, query);
  const newHref = waba ? `/templates/new?waba=${encodeURIComponent(waba.id)}` : '/templates/new';

  return (
    <section
      className="flex min-h-0 flex-1 flex-col gap-4 overflow-y-auto p-4 md:p-6"
      data-testid="templates-page"
    >
      <div className="flex flex-wrap items-start justify-between gap-3">
        <div className="min-w-0">
          <h1 className="text-xl font-semibold">{t('templates.list.title')}</h1>
          <p className="mt-0.5 max-w-2xl text-sm text-neutral-600 dark:text-neutral-400">
            {t('templates.list.subtitle')}
          </p>
        </div>
        <div className="flex flex-wrap items-center gap-2">
          {waba ? <WabaSelect wabas={wabas} value={waba.id} onChange={setWaba} /> : null}
          {canManage && waba ? (
            <>
              <Button
                variant="secondary"
                onClick={() => sync.mutate(waba.id)}
                isLoading={sync.isPending}
                title={t('templates.list.syncHelp')}
                data-testid="templates-sync"
              >
                {sync.isPending ? null : <RefreshCw aria-hidden className="size-4" />}
                {t('templates.list.sync')}
              </Button>
              <Link to={newHref} className={buttonClasses('primary')} data-testid="template-new">
                <Plus aria-hidden className="size-4" />
                {t('templates.list.new')}
              </Link>
            </>
          ) : null}
        </div>
      </div>
      {!canManage ? (
        <p className="text-sm text-neutral-500 dark:text-neutral-400" data-testid="templates-read-only">
          {t('templates.list.readOnly')}
        </p>
      ) : null}
      {sync.isError ? <Alert tone="error">{errorMessage(sync.error)}</Alert> : null}
      {isLoadingWabas || (waba && templates.isPending) ? (
        <div className="flex justify-center py-10 text-brand-600">
          <Spinner />
        </div>
      ) : wabaError ? (
        <Alert tone="error">{errorMessage(wabaError)}</Alert>
      ) : !waba ? (
        <Card>
          <EmptyState
            icon={FileText}
            title={t('templates.list.noAccountTitle')}
            description={t('templates.list.noAccountBody')}
            action={
              canManage ? (
                <Link to="/settings/channels" className={buttonClasses('secondary')}>
                  {t('templates.list.goToChannels')}
                </Link>
              ) : undefined
            }
          />
        </Card>
      ) : templates.isError ? (
        <Alert tone="error">{errorMessage(templates.error)}</Alert>
      ) : all.length === 0 ? (
        <Card>
          <EmptyState
            icon={FileText}
            title={t('templates.list.emptyTitle')}
            description={
              <>
                <p>{t('templates.list.emptyBody')}</p>
                <p className="mt-2">{t('templates.list.emptyWindow')}</p>
              </>
            }
            action={
              canManage ? (
                <Link to={newHref} className={buttonClasses('primary')}>
                  <Plus aria-hidden className="size-4" />
                  {t('templates.list.createFirst')}
                </Link>
              ) : undefined
            }
          />
        </Card>
      ) : (
        <>
          <div className="flex flex-col gap-3 lg:flex-row lg:items-center">
            <div className="relative w-full lg:max-w-xs">
              <label htmlFor="templates-search" className="sr-only">
                {t('templates.list.search')}
              </label>
              <Search
                aria-hidden
                className="absolute top-1/2 left-3 size-4 -translate-y-1/2 text-neutral-400"
              />
              <Input
                id="templates-search"
                type="search"
                value={search}
                onChange={(event) => setSearch(event.target.value)}
                placeholder={t('templates.list.search')}
                className="pl-9"
                data-testid="templates-search"
              />
            </div>
            <fieldset className="-mx-4 flex min-w-0 gap-1.5 overflow-x-auto px-4 pb-1 lg:mx-0 lg:px-0 lg:pb-0">
              <legend className="sr-only">{t('templates.list.filterLabel')}</legend>
              {statusFilters.map((value) => (
                <button
                  key={value}
                  type="button"
                  aria-pressed={filter === value}
                  onClick={() => setFilter(value)}
                  data-testid={`templates-filter-${value}`}
                  className={cn(
                    'flex shrink-0 items-center gap-1.5 rounded-full border px-3 py-1 text-sm transition-colors',
                    filter === value
                      ? 'border-brand-600 bg-brand-50 font-medium text-brand-800 dark:bg-brand-950 dark:text-brand-200'
                      : 'border-neutral-200 bg-white text-neutral-700 hover:bg-neutral-50 dark:border-neutral-700 dark:bg-neutral-900 dark:text-neutral-300',
                  )}
                >
                  {t(`templates.filter.${value}`)}
                  <span className="text-xs text-neutral-500 tabular-nums">{counts[value]}</span>
                </button>
              ))}
            </fieldset>
          </div>
          {shown.length === 0 ? (
            <p className="py-8 text-center text-sm text-neutral-500">{t('templates.list.noMatch')}</p>
          ) : (
            <TemplateTable templates={shown} />
          )}
        </>
      )}
    </section>
  );
}

function TemplateTable({ templates }: { templates: Template[] }) {
  const { t } = useTranslation();
  const now = useNow(60_000);
  const th = 'px-4 py-3 font-medium';
  return (
    <Card className="overflow-hidden">
      <table className="w-full table-fixed text-left text-sm">
        <thead className="border-b border-neutral-200 text-xs text-neutral-500 dark:border-neutral-800 dark:text-neutral-400">
          <tr>
            <th scope="col" className={cn(th, 'w-auto')}>
              {t('templates.list.name')}
            </th>
            <th scope="col" className={cn(th, 'hidden w-40 lg:table-cell')}>
              {t('templates.list.language')}
            </th>
            <th scope="col" className={cn(th, 'hidden w-36 md:table-cell')}>
              {t('templates.list.category')}
            </th>
            <th scope="col" className={cn(th, 'w-32 sm:w-48')}>
              {t('templates.list.status')}
            </th>
            <th scope="col" className={cn(th, 'hidden w-32 xl:table-cell')}>
              {t('templates.list.quality')}
            </th>
            <th scope="col" className={cn(th, 'hidden w-32 sm:table-cell')}>
              {t('templates.list.updated')}
            </th>
          </tr>
        </thead>
        <tbody className="divide-y divide-neutral-100 dark:divide-neutral-800">
          {templates.map((template) => (
            <TemplateRow key={template.id} template={template} now={now} />
          ))}
        </tbody>
      </table>
    </Card>
  );
}

function TemplateRow({ template, now }: { template: Template; now: Date }) {
  const { t, i18n } = useTranslation();
  const navigate = useNavigate();
  const href = `/templates/${encodeURIComponent(template.id)}`;
  const td = 'px-4 py-3 align-top';
  return (
    <tr
      className="cursor-pointer hover:bg-neutral-50 dark:hover:bg-neutral-800/50"
      onClick={() => navigate(href)}
      data-testid="template-row"
      data-name={template.name}
    >
      <td className={td}>
        <Link
          to={href}
          className="block truncate font-medium text-neutral-900 hover:underline dark:text-neutral-100"
          onClick={(event) => event.stopPropagation()}
        >
          {template.name}
        </Link>
        <p className="mt-0.5 truncate text-xs text-neutral-500 dark:text-neutral-400">{template.body}</p>
        <p className="mt-1 text-xs text-neutral-500 md:hidden">
          {t(`templates.category.${template.category}.label`)} ·{' '}
          {languageName(template.language, i18n.language)}
        </p>
      </td>
      <td className={cn(td, 'hidden lg:table-cell')}>
        <span className="block truncate">{languageName(template.language, i18n.language)}</span>
        <span className="text-xs text-neutral-500">{template.language}</span>
      </td>
      <td className={cn(td, 'hidden md:table-cell')}>{t(`templates.category.${template.category}.label`)}</td>
      <td className={td}>
        <TemplateStatusBadge status={template.status} />
        {template.rejection && (template.status === 'rejected' || template.status === 'paused') ? (
          <p className="mt-1 line-clamp-3 text-xs text-red-700 dark:text-red-400">
            <RejectionReason rejection={template.rejection} isShort />
          </p>
        ) : null}
      </td>
      <td className={cn(td, 'hidden xl:table-cell')}>
        <QualityIndicator quality={template.quality} />
      </td>
      <td className={cn(td, 'hidden text-neutral-600 sm:table-cell dark:text-neutral-400')}>
        {formatListTime(template.updatedAt, now, i18n.language)}
      </td>
    </tr>
  );
}
