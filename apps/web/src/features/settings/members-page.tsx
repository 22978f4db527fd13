import { useTranslation } from 'react-i18next';
import { formatDate } from '../../lib/format';
import { useErrorMessage } from '../../lib/use-error-message';
import { Alert } from '../../ui/alert';
import { Avatar } from '../../ui/avatar';
import { Badge } from '../../ui/badge';
import { Card } from '../../ui/card';
import { Spinner } from '../../ui/spinner';
import { canManageMembers, useSession } from '../auth/require-auth';
import { InviteDialog } from './invite-dialog';
import { MemberActions } from './member-actions';
import { PendingInvitations } from './pending-invitations';
import { useMembers } from './settings.api';

export function MembersPage() {
  const { t, i18n } = useTranslation();
  const { role, user } = useSession();
  const members = useMembers();
  const canManage = canManageMembers(role);
  const errorMessage = useErrorMessage();

  return (
    <section className="flex flex-col gap-4">
      <div className="flex flex-wrap items-start justify-between gap-3">
        <div>
          <h2 className="text-lg font-semibold">{t('settings.members.title')}</h2>
          <p className="mt-1 text-sm text-neutral-600 dark:text-neutral-400">
            {t('settings.members.subtitle')}
          </p>
        </div>
        {canManage ? <InviteDialog /> : null}
      </div>
      {members.isPending ? (
        <div className="flex justify-center py-10 text-brand-600">
          <Spinner />
        </div>
      ) : members.isError ? (
        <Alert tone="error">{errorMessage(members.error)}</Alert>
      ) : (
        <Card className="overflow-x-auto">
          <table className="w-full text-left text-sm" data-testid="members-table">
            <thead className="border-b border-neutral-200 text-xs text-neutral-500 dark:border-neutral-800 dark:text-neutral-400">
              <tr>
                <th scope="col" className="px-5 py-3 font-medium">
                  {t('settings.members.name')}
                </th>
                <th scope="col" className="px-5 py-3 font-medium">
                  {t('settings.members.role')}
                </th>
                <th scope="col" className="hidden px-5 py-3 font-medium sm:table-cell">
                  {t('settings.members.joined')}
                </th>
                {canManage ? (
                  <th scope="col" className="w-12 px-3 py-3">
                    <span className="sr-only">{t('access.actions', { name: '' })}</span>
                  </th>
                ) : null}
              </tr>
            </thead>
            <tbody className="divide-y divide-neutral-100 dark:divide-neutral-800">
              {members.data.map((member) => (
                <tr
                  key={member.userId}
                  data-testid={`member-row-${member.email}`}
                  className={member.deactivatedAt ? 'opacity-60' : undefined}
                >
                  <td className="px-5 py-3">
                    <div className="flex items-center gap-3">
                      <Avatar label={member.name} seed={member.userId} className="size-9 text-xs" />
                      <div className="min-w-0">
                        <p className="truncate font-medium">
                          {member.name}
                          {member.userId === user.id ? (
                            <span className="ml-1.5 text-xs font-normal text-neutral-500">
                              {t('settings.members.you')}
                            </span>
                          ) : null}
                        </p>
                        <p className="truncate text-xs text-neutral-500 dark:text-neutral-400">
                          {member.email}
                        </p>
                      </div>
                    </div>
                  </td>
                  <td className="px-5 py-3">
                    <div className="flex flex-wrap gap-1.5">
                      <Badge tone={member.role === 'owner' ? 'brand' : 'neutral'}>
                        {t(`roles.${member.role}`)}
                      </Badge>
                      {member.deactivatedAt ? <Badge tone="amber">{t('access.deactivated')}</Badge> : null}
                    </div>
                  </td>
                  <td className="hidden px-5 py-3 text-neutral-600 sm:table-cell dark:text-neutral-400">
                    {formatDate(member.joinedAt, i18n.language)}
                  </td>
                  {canManage ? (
                    <td className="px-3 py-3 text-right">
                      <MemberActions member={member} myRole={role} isMe={member.userId === user.id} />
                    </td>
                  ) : null}
                </tr>
              ))}
            </tbody>
          </table>
        </Card>
      )}
      {canManage ? <PendingInvitations /> : null}
    </section>
  );
}
