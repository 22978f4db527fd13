import type { IncomingTrigger, IncomingTriggerWithSecret } from '@charla/contracts';
import { KeyRound, ListChecks, MoreHorizontal, Pencil, Trash2 } from 'lucide-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { useErrorMessage } from '../../../lib/use-error-message';
import { Alert } from '../../../ui/alert';
import { Button, buttonClasses } from '../../../ui/button';
import { Dialog } from '../../../ui/dialog';
import {
  DropdownMenu,
  DropdownMenuContent,
  DropdownMenuItem,
  DropdownMenuSeparator,
  DropdownMenuTrigger,
} from '../../../ui/dropdown-menu';
import { ConfirmDialog } from '../confirm-dialog';
import { useDeleteTrigger, useRotateTriggerSecret, useUpdateTrigger } from './integrations.api';
import { TriggerForm } from './trigger-form';
import { TriggerSwitch, triggerPath } from './trigger-parts';
import { TriggerSecret } from './trigger-secret';

/**
 * What can be done to one trigger, with the dialogs it takes: turn it on or off, edit it, rotate
 * its secret (asked first, the new one then shown once) and delete it (asked first).
 * `card`: a link to its fields and orders and a menu; `header`: the trigger page's own buttons.
 */
export function TriggerActions({
  trigger,
  variant,
  onDeleted,
}: {
  trigger: IncomingTrigger;
  variant: 'card' | 'header';
  onDeleted?: () => void;
}) {
  const { t } = useTranslation();
  const errorMessage = useErrorMessage();
  const update = useUpdateTrigger();
  const rotate = useRotateTriggerSecret();
  const remove = useDeleteTrigger();
  const [isEditing, setIsEditing] = useState(false);
  const [isConfirmingRotate, setIsConfirmingRotate] = useState(false);
  const [rotated, setRotated] = useState<IncomingTriggerWithSecret | null>(null);
  const [isConfirmingDelete, setIsConfirmingDelete] = useState(false);

  return (
    <div className="flex flex-col items-start gap-2 sm:items-end">
      <div className="flex flex-wrap items-center gap-2 sm:justify-end">
        <TriggerSwitch
          name={trigger.name}
          enabled={trigger.enabled}
          disabled={update.isPending}
          onChange={(enabled) => update.mutate({ id: trigger.id, enabled })}
        />
        {variant === 'card' ? (
          <Link
            to={triggerPath(trigger.id)}
            className={buttonClasses('secondary', 'sm')}
            data-testid="trigger-fields-link"
          >
            <ListChecks aria-hidden className="size-4" />
            {t('integrations.actions.fields')}
          </Link>
        ) : (
          <Button variant="secondary" size="sm" onClick={() => setIsEditing(true)} data-testid="trigger-edit">
            <Pencil aria-hidden className="size-4" />
            {t('integrations.actions.edit')}
          </Button>
        )}
        <DropdownMenu>
          <DropdownMenuTrigger
            className="rounded-md p-1.5 text-neutral-500 hover:bg-neutral-100 hover:text-neutral-800 dark:hover:bg-neutral-800"
            aria-label={t('integrations.actions.more', { name: trigger.name })}
            data-testid="trigger-actions"
          >
            <MoreHorizontal aria-hidden className="size-4" />
          </DropdownMenuTrigger>
          <DropdownMenuContent align="end" className="min-w-52">
            {variant === 'card' ? (
              <DropdownMenuItem onSelect={() => setIsEditing(true)} data-testid="trigger-menu-edit">
                <Pencil aria-hidden className="size-4" />
                {t('integrations.actions.edit')}
              </DropdownMenuItem>
            ) : null}
            <DropdownMenuItem onSelect={() => setIsConfirmingRotate(true)} data-testid="trigger-rotate">
              <KeyRound aria-hidden className="size-4" />
              {t('integrations.actions.rotate')}
            </DropdownMenuItem>
            <DropdownMenuSeparator />
            <DropdownMenuItem
              onSelect={() => setIsConfirmingDelete(true)}
              className="text-red-700 data-[highlighted]:bg-red-50 dark:text-red-400 dark:data-[highlighted]:bg-red-950"
              data-testid="trigger-delete"
            >
              <Trash2 aria-hidden className="size-4" />
              {t('integrations.actions.delete')}
            </DropdownMenuItem>
          </DropdownMenuContent>
        </DropdownMenu>
      </div>
      {update.error ? (
        <Alert tone="error" className="max-w-xs text-xs">
          {errorMessage(update.error)}
        </Alert>
      ) : null}

      <Dialog open={isEditing} onOpenChange={setIsEditing}>
        {isEditing ? <TriggerForm editing={trigger} onSaved={() => setIsEditing(false)} /> : null}
      </Dialog>

      <ConfirmDialog
        open={isConfirmingRotate}
        onOpenChange={(open) => {
          if (open) return;
          setIsConfirmingRotate(false);
          rotate.reset();
        }}
        title={t('integrations.confirmRotate.title')}
        body={t('integrations.confirmRotate.body')}
        submit={t('integrations.confirmRotate.submit')}
        tone="primary"
        isPending={rotate.isPending}
        error={rotate.error}
        onConfirm={() =>
          rotate.mutate(trigger.id, {
            onSuccess: (answer) => {
              setIsConfirmingRotate(false);
              setRotated(answer);
            },
          })
        }
      />
      <Dialog open={rotated !== null} onOpenChange={(open) => (open ? null : setRotated(null))}>
        {rotated ? <TriggerSecret trigger={rotated} kind="rotated" /> : null}
      </Dialog>

      <ConfirmDialog
        open={isConfirmingDelete}
        onOpenChange={(open) => {
          if (open) return;
          setIsConfirmingDelete(false);
          remove.reset();
        }}
        title={t('integrations.confirmDelete.title', { name: trigger.name })}
        body={t('integrations.confirmDelete.body')}
        submit={t('integrations.confirmDelete.submit')}
        isPending={remove.isPending}
        error={remove.error}
        onConfirm={() =>
          remove.mutate(trigger.id, {
            onSuccess: () => {
              setIsConfirmingDelete(false);
              onDeleted?.();
            },
          })
        }
      />
    </div>
  );
}
