import type { UseQueryResult } from '@tanstack/react-query';
import type { LucideIcon } from 'lucide-react';
import { Pencil, Plus, Trash2 } from 'lucide-react';
import type { ReactNode } from 'react';
import { useErrorMessage } from '../../lib/use-error-message';
import { Alert } from '../../ui/alert';
import { Button } from '../../ui/button';
import { Card } from '../../ui/card';
import { EmptyState } from '../../ui/empty-state';
import { Spinner } from '../../ui/spinner';

type SectionProps<T> = {
  testId: string;
  title: string;
  subtitle: string;
  /** Owners and admins: the create button and each row's actions; agents get `readOnly`. */
  canManage: boolean;
  readOnly: string;
  create: { label: string; testId: string; onClick: () => void };
  items: UseQueryResult<T[]>;
  empty: { icon: LucideIcon; title: string; body: string };
  /** A failed delete, shown above the list. */
  error: unknown;
  row: (item: T) => ReactNode;
  children?: ReactNode;
};

/** A settings page that lists things the owner and admins manage (labels, canned responses, attributes). */
export function SettingsListSection<T>(props: SectionProps<T>) {
  const errorMessage = useErrorMessage();
  const { items } = props;
  return (
    <section className="flex flex-col gap-4" data-testid={props.testId}>
      <div className="flex flex-wrap items-start justify-between gap-3">
        <div>
          <h2 className="text-lg font-semibold">{props.title}</h2>
          <p className="mt-1 text-sm text-neutral-600 dark:text-neutral-400">{props.subtitle}</p>
        </div>
        {props.canManage ? (
          <Button onClick={props.create.onClick} data-testid={props.create.testId}>
            <Plus aria-hidden className="size-4" />
            {props.create.label}
          </Button>
        ) : null}
      </div>
      {props.canManage ? null : <Alert tone="info">{props.readOnly}</Alert>}
      {props.error ? <Alert tone="error">{errorMessage(props.error)}</Alert> : null}
      {items.isPending ? (
        <div className="flex justify-center py-10 text-brand-600">
          <Spinner />
        </div>
      ) : items.isError ? (
        <Alert tone="error">{errorMessage(items.error)}</Alert>
      ) : items.data.length === 0 ? (
        <EmptyState icon={props.empty.icon} title={props.empty.title} description={props.empty.body} />
      ) : (
        <Card className="divide-y divide-neutral-200 dark:divide-neutral-800">
          {items.data.map(props.row)}
        </Card>
      )}
      {props.children}
    </section>
  );
}

/** Edit and delete buttons of one row; delete asks `confirm` first. */
export function RowActions(props: {
  testPrefix: string;
  editLabel: string;
  deleteLabel: string;
  onEdit: () => void;
  onDelete: () => void;
  confirm: string;
  isDeleting: boolean;
}) {
  return (
    <div className="flex gap-1">
      <Button variant="ghost" size="sm" onClick={props.onEdit} data-testid={`${props.testPrefix}-edit`}>
        <Pencil aria-hidden className="size-4" />
        {props.editLabel}
      </Button>
      <Button
        variant="ghost"
        size="sm"
        onClick={() => {
          if (window.confirm(props.confirm)) props.onDelete();
        }}
        isLoading={props.isDeleting}
        data-testid={`${props.testPrefix}-delete`}
      >
        <Trash2 aria-hidden className="size-4" />
        {props.deleteLabel}
      </Button>
    </div>
  );
}
