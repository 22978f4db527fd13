import type { Invitation, PendingInvitation } from '@charla/contracts';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { formatDate } from '../../lib/format';
import { useErrorMessage } from '../../lib/use-error-message';
import { Alert } from '../../ui/alert';
import { Badge } from '../../ui/badge';
import { Button } from '../../ui/button';
import { Card } from '../../ui/card';
import { Dialog, DialogContent } from '../../ui/dialog';
import { usePendingInvitations, useRenewInvitation, useRevokeInvitation } from './access.api';
import { InvitationLink } from './invite-dialog';

/** Invitations nobody accepted yet: revoke one, or replace its link (the old one stops working). */
export function PendingInvitations() {
  const { t, i18n } = useTranslation();
  const invitations = usePendingInvitations(true);
  const revoke = useRevokeInvitation();
  const renew = useRenewInvitation();
  const errorMessage = useErrorMessage();
  const [renewed, setRenewed] = useState<Invitation | null>(null);
  const now = Date.now();

  if (!invitations.data) return null;
  const onRevoke = (invitation: PendingInvitation) => {
    if (window.confirm(t('access.invitations.revokeConfirm', { email: invitation.email }))) {
      revoke.mutate(invitation.id);
    }
  };

  return (
    <section className="flex flex-col gap-3" data-testid="pending-invitations">
      <h3 className="text-base font-semibold">{t('access.invitations.title')}</h3>
      {revoke.isError || renew.isError ? (
        <Alert tone="error">{errorMessage(revoke.error ?? renew.error)}</Alert>
      ) : null}
      {invitations.data.length === 0 ? (
        <p className="text-sm text-neutral-500 dark:text-neutral-400">{t('access.invitations.empty')}</p>
      ) : (
        <Card className="divide-y divide-neutral-100 dark:divide-neutral-800">
          {invitations.data.map((invitation) => {
            const isExpired = new Date(invitation.expiresAt).getTime() <= now;
            return (
              <div
                key={invitation.id}
                className="flex flex-wrap items-center justify-between gap-3 px-5 py-3 text-sm"
                data-testid={`invitation-${invitation.email}`}
              >
                <div className="min-w-0">
                  <p className="truncate font-medium">
                    {invitation.email}{' '}
                    <Badge tone="neutral" className="ml-1">
                      {t(`roles.${invitation.role}`)}
                    </Badge>
                  </p>
                  <p className="text-xs text-neutral-500 dark:text-neutral-400">
                    {invitation.invitedBy
                      ? `${t('access.invitations.invitedBy', { name: invitation.invitedBy })} · `
                      : ''}
                    {isExpired ? (
                      <span className="text-amber-700 dark:text-amber-400">
                        {t('access.invitations.expired')}
                      </span>
                    ) : (
                      t('access.invitations.expires', {
                        date: formatDate(invitation.expiresAt, i18n.language),
                      })
                    )}
                  </p>
                </div>
                <div className="flex gap-2">
                  <Button
                    variant="secondary"
                    size="sm"
                    isLoading={renew.isPending && renew.variables === invitation.id}
                    onClick={() => renew.mutate(invitation.id, { onSuccess: setRenewed })}
                    data-testid="invitation-renew"
                  >
                    {t('access.invitations.newLink')}
                  </Button>
                  <Button
                    variant="ghost"
                    size="sm"
                    onClick={() => onRevoke(invitation)}
                    data-testid="invitation-revoke"
                  >
                    {t('access.invitations.revoke')}
                  </Button>
                </div>
              </div>
            );
          })}
        </Card>
      )}
      <Dialog open={renewed !== null} onOpenChange={(open) => (open ? null : setRenewed(null))}>
        {renewed ? (
          <DialogContent
            title={t('access.invitations.newLinkTitle', { email: renewed.email })}
            description={t('access.invitations.newLinkBody')}
          >
            {renewed.emailed ? <Alert tone="info">{t('access.invitations.emailed')}</Alert> : null}
            <InvitationLink url={renewed.url} />
          </DialogContent>
        ) : null}
      </Dialog>
    </section>
  );
}
