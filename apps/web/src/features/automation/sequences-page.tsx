import type { Sequence } from '@charla/contracts';
import { ListOrdered, Pencil, Plus, Trash2 } from 'lucide-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { useErrorMessage } from '../../lib/use-error-message';
import { Alert } from '../../ui/alert';
import { Badge } from '../../ui/badge';
import { Button, buttonClasses } from '../../ui/button';
import { Card } from '../../ui/card';
import { EmptyState } from '../../ui/empty-state';
import { Spinner } from '../../ui/spinner';
import { canManageMembers, useSession } from '../auth/require-auth';
import { ConfirmDialog } from '../settings/confirm-dialog';
import { AutomationTabs } from './automation-tabs';
import { useDeleteSequence, useSequences } from './sequences.api';

/**
 * Automation › Sequences: each drip sequence with how many contacts are in it, finished it, or
 * were stopped by a reply or an opt-out. Owners and admins change them; agents read them.
 */
export function SequencesPage() {
  const { t } = useTranslation();
  const canEdit = canManageMembers(useSession().role);
  const sequences = useSequences();
  const errorMessage = useErrorMessage();
  const [deleting, setDeleting] = useState<Sequence | null>(null);
  const remove = useDeleteSequence();
  return (
    <div
      className="flex min-h-0 flex-1 flex-col gap-4 overflow-y-auto p-4 md:p-6"
      data-testid="sequences-page"
    >
      <AutomationTabs />
      <div className="flex flex-wrap items-start justify-between gap-3">
        <div className="min-w-0">
          <h1 className="text-xl font-semibold">{t('sequences.title')}</h1>
          <p className="mt-0.5 max-w-2xl text-sm text-neutral-600 dark:text-neutral-400">
            {t('sequences.subtitle')}
          </p>
        </div>
        {canEdit ? (
          <Link
            to="/automation/sequences/new"
            className={buttonClasses('primary')}
            data-testid="sequence-new"
          >
            <Plus aria-hidden className="size-4" />
            {t('sequences.new')}
          </Link>
        ) : (
          <p className="text-sm text-neutral-500 dark:text-neutral-400">{t('sequences.readOnly')}</p>
        )}
      </div>
      {sequences.isPending ? (
        <div className="flex justify-center py-10 text-brand-600">
          <Spinner />
        </div>
      ) : sequences.isError ? (
        <Alert tone="error">{errorMessage(sequences.error)}</Alert>
      ) : sequences.data.length === 0 ? (
        <EmptyState icon={ListOrdered} title={t('sequences.empty')} />
      ) : (
        <ul className="flex flex-col gap-3" data-testid="sequences-list">
          {sequences.data.map((s) => (
            <SequenceCard key={s.id} sequence={s} canEdit={canEdit} onDelete={() => setDeleting(s)} />
          ))}
        </ul>
      )}
      <ConfirmDialog
        open={deleting !== null}
        onOpenChange={(open) => (open ? null : setDeleting(null))}
        title={t('sequences.deleteTitle', { name: deleting?.name ?? '' })}
        body={t('sequences.deleteBody')}
        submit={t('rules.delete')}
        isPending={remove.isPending}
        error={remove.error}
        onConfirm={() => deleting && remove.mutate(deleting.id, { onSuccess: () => setDeleting(null) })}
      />
    </div>
  );
}

function SequenceCard(props: { sequence: Sequence; canEdit: boolean; onDelete(): void }) {
  const { t } = useTranslation();
  const { sequence: s } = props;
  const counts = [
    ['active', s.counts.active],
    ['finished', s.counts.finished],
    ['replied', s.counts.replied],
    ['optedOut', s.counts.optedOut],
  ] as const;
  return (
    <li>
      <Card className="flex flex-col gap-3 p-4" data-testid={`sequence-${s.id}`}>
        <div className="flex flex-wrap items-center gap-2">
          <h2 className="truncate font-medium" data-testid="sequence-name">
            {s.name}
          </h2>
          <Badge tone="neutral">{t('sequences.steps', { count: s.steps.length })}</Badge>
          {s.enabled ? null : <Badge tone="neutral">{t('sequences.off')}</Badge>}
        </div>
        <dl className="grid grid-cols-2 gap-2 sm:grid-cols-4" data-testid="sequence-counts">
          {counts.map(([key, value]) => (
            <div key={key} className="rounded-lg bg-neutral-50 px-3 py-2 dark:bg-neutral-900">
              <dt className="text-xs text-neutral-500 dark:text-neutral-400">
                {t(`sequences.counts.${key}`)}
              </dt>
              <dd className="text-lg font-semibold tabular-nums">{value}</dd>
            </div>
          ))}
        </dl>
        <div className="flex flex-wrap items-center justify-end gap-1 border-t border-neutral-100 pt-3 dark:border-neutral-800">
          <Link
            to={`/automation/sequences/${s.id}`}
            className={buttonClasses('ghost', 'sm')}
            aria-label={t('sequences.edit', { name: s.name })}
            data-testid="sequence-edit"
          >
            <Pencil aria-hidden className="size-4" />
            {t('rules.edit')}
          </Link>
          {props.canEdit ? (
            <Button
              variant="ghost"
              size="sm"
              onClick={props.onDelete}
              aria-label={t('sequences.remove', { name: s.name })}
            >
              <Trash2 aria-hidden className="size-4" />
              {t('rules.delete')}
            </Button>
          ) : null}
        </div>
      </Card>
    </li>
  );
}
