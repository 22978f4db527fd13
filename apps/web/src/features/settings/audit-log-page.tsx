import { AUDIT_ACTIONS, type AuditEntry } from '@charla/contracts';
import { Download, ScrollText } from 'lucide-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { clock } from '../../lib/format';
import { useErrorMessage } from '../../lib/use-error-message';
import { Alert } from '../../ui/alert';
import { Button, buttonClasses } from '../../ui/button';
import { Card } from '../../ui/card';
import { EmptyState } from '../../ui/empty-state';
import { Input, Select } from '../../ui/input';
import { Label } from '../../ui/label';
import { Spinner } from '../../ui/spinner';
import { useSession } from '../auth/require-auth';
import { type AuditFilterState, auditExportUrl, NO_AUDIT_FILTERS, useAuditLog } from './audit.api';
import { describeAuditEntry } from './audit-sentence';
import { useMembers } from './settings.api';

/** Settings › Activity log: the owner reads who did what, filters it, and exports it as CSV. */
export function AuditLogPage() {
  const { t } = useTranslation();
  const { role } = useSession();
  if (role !== 'owner') return <Alert tone="info">{t('auditLog.ownerOnly')}</Alert>;
  return <AuditLog />;
}

function AuditLog() {
  const { t, i18n } = useTranslation();
  const [filters, setFilters] = useState<AuditFilterState>(NO_AUDIT_FILTERS);
  const log = useAuditLog(filters);
  const members = useMembers();
  const errorMessage = useErrorMessage();
  const set = (patch: Partial<AuditFilterState>) => setFilters((f) => ({ ...f, ...patch }));
  const lines = log.data?.pages.flatMap((p) => p.items) ?? [];
  const when = new Intl.DateTimeFormat(i18n.language, {
    dateStyle: 'medium',
    timeStyle: 'medium',
    ...clock(i18n.language),
  });
  const filtered = JSON.stringify(filters) !== JSON.stringify(NO_AUDIT_FILTERS);

  return (
    <section className="flex flex-col gap-4">
      <div className="flex flex-wrap items-start justify-between gap-3">
        <div className="max-w-2xl">
          <h2 className="text-lg font-semibold">{t('auditLog.title')}</h2>
          <p className="mt-1 text-sm text-neutral-600 dark:text-neutral-400">{t('auditLog.subtitle')}</p>
        </div>
        <a
          href={auditExportUrl(filters)}
          download
          className={buttonClasses('secondary')}
          data-testid="audit-export"
        >
          <Download aria-hidden className="size-4" />
          {t('auditLog.export')}
        </a>
      </div>

      <div className="grid gap-3 sm:grid-cols-4" data-testid="audit-filters">
        <div className="flex flex-col gap-1.5">
          <Label htmlFor="audit-action">{t('auditLog.filters.action')}</Label>
          <Select id="audit-action" value={filters.action} onChange={(e) => set({ action: e.target.value })}>
            <option value="">{t('auditLog.filters.anyAction')}</option>
            {AUDIT_ACTIONS.map((code) => (
              <option key={code} value={code}>
                {t(`auditLog.actions.${code}`)}
              </option>
            ))}
          </Select>
        </div>
        <div className="flex flex-col gap-1.5">
          <Label htmlFor="audit-member">{t('auditLog.filters.member')}</Label>
          <Select
            id="audit-member"
            value={filters.memberId}
            onChange={(e) => set({ memberId: e.target.value })}
          >
            <option value="">{t('auditLog.filters.anyMember')}</option>
            {(members.data ?? []).map((m) => (
              <option key={m.userId} value={m.userId}>
                {m.name}
              </option>
            ))}
          </Select>
        </div>
        <div className="flex flex-col gap-1.5">
          <Label htmlFor="audit-from">{t('auditLog.filters.from')}</Label>
          <Input
            id="audit-from"
            type="date"
            value={filters.from}
            onChange={(e) => set({ from: e.target.value })}
          />
        </div>
        <div className="flex flex-col gap-1.5">
          <Label htmlFor="audit-to">{t('auditLog.filters.to')}</Label>
          <Input id="audit-to" type="date" value={filters.to} onChange={(e) => set({ to: e.target.value })} />
        </div>
      </div>
      {filtered ? (
        <div>
          <Button variant="ghost" size="sm" onClick={() => setFilters(NO_AUDIT_FILTERS)}>
            {t('auditLog.filters.clear')}
          </Button>
        </div>
      ) : null}

      {log.isPending ? (
        <div className="flex justify-center py-10 text-brand-600">
          <Spinner />
        </div>
      ) : log.isError ? (
        <Alert tone="error">{errorMessage(log.error)}</Alert>
      ) : lines.length === 0 ? (
        <EmptyState icon={ScrollText} title={t('auditLog.empty')} />
      ) : (
        <Card className="overflow-x-auto">
          <table className="w-full text-left text-sm" data-testid="audit-table">
            <thead className="border-b border-neutral-200 text-xs text-neutral-500 dark:border-neutral-800 dark:text-neutral-400">
              <tr>
                <th scope="col" className="px-4 py-3 font-medium whitespace-nowrap">
                  {t('auditLog.columns.when')}
                </th>
                <th scope="col" className="hidden px-4 py-3 font-medium sm:table-cell">
                  {t('auditLog.columns.who')}
                </th>
                <th scope="col" className="px-4 py-3 font-medium">
                  {t('auditLog.columns.what')}
                </th>
                <th scope="col" className="hidden px-4 py-3 font-medium md:table-cell">
                  {t('auditLog.columns.address')}
                </th>
              </tr>
            </thead>
            <tbody className="divide-y divide-neutral-100 dark:divide-neutral-800">
              {lines.map((line) => (
                <AuditRow key={line.id} line={line} when={when.format(new Date(line.at))} />
              ))}
            </tbody>
          </table>
        </Card>
      )}
      {log.hasNextPage ? (
        <div className="flex justify-center">
          <Button
            variant="secondary"
            onClick={() => void log.fetchNextPage()}
            isLoading={log.isFetchingNextPage}
          >
            {t('auditLog.loadMore')}
          </Button>
        </div>
      ) : null}
    </section>
  );
}

function AuditRow({ line, when }: { line: AuditEntry; when: string }) {
  const { t } = useTranslation();
  const { sentence, changes } = describeAuditEntry(line, (key, values) => t(key, values ?? {}) as string);
  return (
    <tr data-testid="audit-line" data-action={line.action}>
      <td className="px-4 py-3 align-top text-xs whitespace-nowrap text-neutral-500 dark:text-neutral-400">
        <time dateTime={line.at}>{when}</time>
      </td>
      <td className="hidden px-4 py-3 align-top font-medium whitespace-nowrap sm:table-cell">
        {line.actor.name ?? (line.actor.id ? t('auditLog.someone') : t('auditLog.charla'))}
      </td>
      <td className="px-4 py-3 align-top">
        <p className="text-neutral-900 dark:text-neutral-100">{sentence}</p>
        {changes.length > 0 ? (
          <ul className="mt-1 flex flex-col gap-0.5 text-xs text-neutral-500 dark:text-neutral-400">
            {changes.map((c) => (
              <li key={c}>{c}</li>
            ))}
          </ul>
        ) : null}
        {line.ip ? (
          <p className="mt-1 text-xs text-neutral-500 md:hidden dark:text-neutral-400">{line.ip}</p>
        ) : null}
      </td>
      <td className="hidden px-4 py-3 align-top font-mono text-xs text-neutral-500 md:table-cell dark:text-neutral-400">
        {line.ip ?? '—'}
      </td>
    </tr>
  );
}
