import type { Member, Role } from '@charla/contracts';
import { MoreHorizontal } from 'lucide-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useErrorMessage } from '../../lib/use-error-message';
import { Alert } from '../../ui/alert';
import { Dialog, DialogContent } from '../../ui/dialog';
import {
  DropdownMenu,
  DropdownMenuContent,
  DropdownMenuItem,
  DropdownMenuSeparator,
  DropdownMenuTrigger,
} from '../../ui/dropdown-menu';
import {
  useChangeRole,
  useMakeResetLink,
  useRemoveMember,
  useSetActive,
  useTransferOwnership,
} from './access.api';
import { ConfirmDialog } from './confirm-dialog';
import { InvitationLink } from './invite-dialog';

type Pending = { kind: 'remove' | 'deactivate' | 'transfer' } | { kind: 'role'; role: Role } | null;

/**
 * The row menu of Settings > Members for owners and admins: change role, deactivate or
 * reactivate, remove, make a reset link, transfer ownership (owners). What the caller may not
 * do is not offered; the server checks it all again.
 */
export function MemberActions({ member, myRole, isMe }: { member: Member; myRole: Role; isMe: boolean }) {
  const { t } = useTranslation();
  const [pending, setPending] = useState<Pending>(null);
  const changeRole = useChangeRole();
  const setActive = useSetActive();
  const remove = useRemoveMember();
  const transfer = useTransferOwnership();
  const resetLink = useMakeResetLink();
  const [isLinkOpen, setIsLinkOpen] = useState(false);

  const isOwnerOnly = member.role === 'owner' && myRole !== 'owner';
  // Your own password and sessions are on My account; you cannot demote, deactivate or remove yourself here.
  if (isOwnerOnly || isMe) return null;
  const roles: Role[] = (myRole === 'owner' ? ['owner', 'admin', 'agent'] : ['admin', 'agent']).filter(
    (r) => r !== member.role,
  ) as Role[];
  const name = member.name;

  const mutations = { remove, deactivate: setActive, transfer, role: changeRole };
  const current = pending ? mutations[pending.kind] : null;
  const onClose = () => {
    setPending(null);
    current?.reset();
  };
  const onConfirm = () => {
    if (!pending) return;
    const done = { onSuccess: () => setPending(null) };
    if (pending.kind === 'remove') remove.mutate(member.userId, done);
    if (pending.kind === 'deactivate') setActive.mutate({ userId: member.userId, active: false }, done);
    if (pending.kind === 'transfer') transfer.mutate(member.userId, done);
    if (pending.kind === 'role') changeRole.mutate({ userId: member.userId, role: pending.role }, done);
  };
  const texts = pending
    ? pending.kind === 'role'
      ? {
          title: t('access.confirm.roleTitle', { name, role: t(`roles.${pending.role}`) }),
          body: t('access.confirm.roleBody'),
          submit: t('access.confirm.roleSubmit'),
        }
      : {
          title: t(`access.confirm.${pending.kind}Title`, { name }),
          body: t(`access.confirm.${pending.kind}Body`, { name }),
          submit: t(`access.confirm.${pending.kind}Submit`),
        }
    : null;

  return (
    <>
      <DropdownMenu>
        <DropdownMenuTrigger
          className="rounded-md p-1.5 text-neutral-500 hover:bg-neutral-100 hover:text-neutral-800 dark:hover:bg-neutral-800"
          aria-label={t('access.actions', { name })}
          data-testid={`member-actions-${member.email}`}
        >
          <MoreHorizontal aria-hidden className="size-4" />
        </DropdownMenuTrigger>
        <DropdownMenuContent align="end">
          {roles.map((role) => (
            <DropdownMenuItem
              key={role}
              onSelect={() => setPending({ kind: 'role', role })}
              data-testid={`member-make-${role}`}
            >
              {t(`access.makeRole.${role}`)}
            </DropdownMenuItem>
          ))}
          {myRole === 'owner' && member.role !== 'owner' && !member.deactivatedAt ? (
            <DropdownMenuItem onSelect={() => setPending({ kind: 'transfer' })} data-testid="member-transfer">
              {t('access.transfer')}
            </DropdownMenuItem>
          ) : null}
          <DropdownMenuItem
            onSelect={() => resetLink.mutate(member.userId, { onSettled: () => setIsLinkOpen(true) })}
            data-testid="member-reset-link"
          >
            {t('access.resetLink')}
          </DropdownMenuItem>
          <DropdownMenuSeparator />
          {member.deactivatedAt ? (
            <DropdownMenuItem
              onSelect={() => setActive.mutate({ userId: member.userId, active: true })}
              data-testid="member-reactivate"
            >
              {t('access.reactivate')}
            </DropdownMenuItem>
          ) : (
            <DropdownMenuItem
              onSelect={() => setPending({ kind: 'deactivate' })}
              data-testid="member-deactivate"
            >
              {t('access.deactivate')}
            </DropdownMenuItem>
          )}
          <DropdownMenuItem
            onSelect={() => setPending({ kind: 'remove' })}
            className="text-red-700 dark:text-red-400"
            data-testid="member-remove"
          >
            {t('access.remove')}
          </DropdownMenuItem>
        </DropdownMenuContent>
      </DropdownMenu>
      {texts ? (
        <ConfirmDialog
          open
          onOpenChange={(open) => (open ? null : onClose())}
          {...texts}
          tone={pending?.kind === 'role' || pending?.kind === 'transfer' ? 'primary' : 'danger'}
          isPending={current?.isPending ?? false}
          error={current?.error}
          onConfirm={onConfirm}
        />
      ) : null}
      <Dialog
        open={isLinkOpen}
        onOpenChange={(open) => {
          setIsLinkOpen(open);
          if (!open) resetLink.reset();
        }}
      >
        <DialogContent
          title={t('access.reset.title', { name })}
          description={resetLink.data ? t('access.reset.share', { name }) : undefined}
        >
          {resetLink.data ? (
            <div className="flex flex-col gap-3">
              {resetLink.data.emailed ? (
                <Alert tone="info">{t('access.reset.emailed', { email: member.email })}</Alert>
              ) : null}
              <InvitationLink url={resetLink.data.url} />
            </div>
          ) : (
            <ResetError error={resetLink.error} />
          )}
        </DialogContent>
      </Dialog>
    </>
  );
}

function ResetError({ error }: { error: unknown }) {
  const errorMessage = useErrorMessage();
  return error ? <Alert tone="error">{errorMessage(error)}</Alert> : null;
}
