import type { WebhookSubscription, WebhookSubscriptionWithSecret } from '@charla/contracts';
import {
  CheckCircle2,
  KeyRound,
  ListChecks,
  MoreHorizontal,
  Pencil,
  Power,
  PowerOff,
  Send,
  Trash2,
} from 'lucide-react';
import { useEffect, useState } from 'react';
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
import { SecretShown } from './secret-shown';
import { WebhookForm } from './webhook-form';
import { useDeleteWebhook, useRotateWebhookSecret, useSendTestEvent, useUpdateWebhook } from './webhooks.api';

export const webhookPath = (id: string) => `/settings/webhooks/${encodeURIComponent(id)}`;

/**
 * What can be done to one webhook, with the dialogs it takes: edit, send a test event, turn off
 * or on, rotate the secret (asked first, the new one then shown once) and delete (asked first).
 * `card`: a link to its deliveries and a menu; `header`: the deliveries page's own buttons.
 */
export function WebhookActions({
  sub,
  variant,
  onDeleted,
}: {
  sub: WebhookSubscription;
  variant: 'card' | 'header';
  onDeleted?: () => void;
}) {
  const { t } = useTranslation();
  const errorMessage = useErrorMessage();
  const update = useUpdateWebhook();
  const sendTest = useSendTestEvent();
  const rotate = useRotateWebhookSecret();
  const remove = useDeleteWebhook();
  const [isEditing, setIsEditing] = useState(false);
  const [isConfirmingRotate, setIsConfirmingRotate] = useState(false);
  const [rotated, setRotated] = useState<WebhookSubscriptionWithSecret | null>(null);
  const [isConfirmingDelete, setIsConfirmingDelete] = useState(false);
  const [testSent, setTestSent] = useState(false);

  useEffect(() => {
    if (!testSent) return;
    const timer = setTimeout(() => setTestSent(false), 6_000);
    return () => clearTimeout(timer);
  }, [testSent]);

  const onTest = () => {
    setTestSent(false);
    sendTest.mutate(sub.id, { onSuccess: () => setTestSent(true) });
  };
  const toggle = () => update.mutate({ id: sub.id, enabled: !sub.enabled });
  const testButton = (
    <Button
      variant="secondary"
      size="sm"
      onClick={onTest}
      isLoading={sendTest.isPending}
      disabled={!sub.enabled}
      title={sub.enabled ? undefined : t('webhooks.actions.testOff')}
      data-testid="webhook-test"
    >
      <Send aria-hidden className="size-4" />
      {t('webhooks.actions.test')}
    </Button>
  );
  const problem = sendTest.error ?? update.error;

  return (
    <div className="flex flex-col items-start gap-2 sm:items-end">
      <div className="flex flex-wrap items-center gap-2 sm:justify-end">
        {variant === 'card' ? (
          <Link
            to={webhookPath(sub.id)}
            className={buttonClasses('secondary', 'sm')}
            data-testid="webhook-deliveries-link"
          >
            <ListChecks aria-hidden className="size-4" />
            {t('webhooks.actions.deliveries')}
          </Link>
        ) : (
          <>
            {testButton}
            <Button
              variant="secondary"
              size="sm"
              onClick={() => setIsEditing(true)}
              data-testid="webhook-edit"
            >
              <Pencil aria-hidden className="size-4" />
              {t('webhooks.actions.edit')}
            </Button>
          </>
        )}
        <DropdownMenu>
          <DropdownMenuTrigger
            className="rounded-md p-1.5 text-neutral-500 hover:bg-neutral-100 hover:text-neutral-800 dark:hover:bg-neutral-800"
            aria-label={t('webhooks.actions.more', { url: sub.url })}
            data-testid="webhook-actions"
          >
            <MoreHorizontal aria-hidden className="size-4" />
          </DropdownMenuTrigger>
          <DropdownMenuContent align="end" className="min-w-52">
            {variant === 'card' ? (
              <>
                <DropdownMenuItem onSelect={() => setIsEditing(true)} data-testid="webhook-menu-edit">
                  <Pencil aria-hidden className="size-4" />
                  {t('webhooks.actions.edit')}
                </DropdownMenuItem>
                <DropdownMenuItem disabled={!sub.enabled} onSelect={onTest} data-testid="webhook-menu-test">
                  <Send aria-hidden className="size-4" />
                  {t('webhooks.actions.test')}
                </DropdownMenuItem>
              </>
            ) : null}
            <DropdownMenuItem onSelect={toggle} data-testid="webhook-toggle">
              {sub.enabled ? (
                <PowerOff aria-hidden className="size-4" />
              ) : (
                <Power aria-hidden className="size-4" />
              )}
              {t(sub.enabled ? 'webhooks.actions.turnOff' : 'webhooks.actions.turnOn')}
            </DropdownMenuItem>
            <DropdownMenuItem onSelect={() => setIsConfirmingRotate(true)} data-testid="webhook-rotate">
              <KeyRound aria-hidden className="size-4" />
              {t('webhooks.actions.rotate')}
            </DropdownMenuItem>
            <DropdownMenuSeparator />
            <DropdownMenuItem
              onSelect={() => setIsConfirmingDelete(true)}
              className="text-red-700 data-[highlighted]:bg-red-50 dark:text-red-400 dark:data-[highlighted]:bg-red-950"
              data-testid="webhook-delete"
            >
              <Trash2 aria-hidden className="size-4" />
              {t('webhooks.actions.delete')}
            </DropdownMenuItem>
          </DropdownMenuContent>
        </DropdownMenu>
      </div>
      {testSent ? (
        <p
          role="status"
          className="max-w-64 text-xs text-emerald-700 sm:text-right dark:text-emerald-400"
          data-testid="webhook-test-sent"
        >
          <CheckCircle2 aria-hidden className="mr-1 inline size-3.5 align-[-3px]" />
          {t('webhooks.testSent')}
        </p>
      ) : null}
      {problem ? (
        <Alert tone="error" className="max-w-xs text-xs">
          {errorMessage(problem)}
        </Alert>
      ) : null}

      <Dialog open={isEditing} onOpenChange={setIsEditing}>
        {isEditing ? <WebhookForm editing={sub} onSaved={() => setIsEditing(false)} /> : null}
      </Dialog>

      <ConfirmDialog
        open={isConfirmingRotate}
        onOpenChange={(open) => {
          if (open) return;
          setIsConfirmingRotate(false);
          rotate.reset();
        }}
        title={t('webhooks.confirmRotate.title')}
        body={t('webhooks.confirmRotate.body')}
        submit={t('webhooks.confirmRotate.submit')}
        tone="primary"
        isPending={rotate.isPending}
        error={rotate.error}
        onConfirm={() =>
          rotate.mutate(sub.id, {
            onSuccess: (answer) => {
              setIsConfirmingRotate(false);
              setRotated(answer);
            },
          })
        }
      />
      <Dialog open={rotated !== null} onOpenChange={(open) => (open ? null : setRotated(null))}>
        {rotated ? <SecretShown sub={rotated} kind="rotated" /> : null}
      </Dialog>

      <ConfirmDialog
        open={isConfirmingDelete}
        onOpenChange={(open) => {
          if (open) return;
          setIsConfirmingDelete(false);
          remove.reset();
        }}
        title={t('webhooks.confirmDelete.title')}
        body={t('webhooks.confirmDelete.body', { url: sub.url })}
        submit={t('webhooks.confirmDelete.submit')}
        isPending={remove.isPending}
        error={remove.error}
        onConfirm={() =>
          remove.mutate(sub.id, {
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
