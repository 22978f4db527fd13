import type { Team } from '@charla/contracts';
import { Pencil, Plus, Trash2, Users } from 'lucide-react';
import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { fieldError, useErrorMessage } from '../../lib/use-error-message';
import { Alert } from '../../ui/alert';
import { Button } from '../../ui/button';
import { Card } from '../../ui/card';
import { Dialog, DialogContent } from '../../ui/dialog';
import { EmptyState } from '../../ui/empty-state';
import { Field } from '../../ui/field';
import { Input } from '../../ui/input';
import { Spinner } from '../../ui/spinner';
import { canManageMembers, useSession } from '../auth/require-auth';
import { useMembers } from './settings.api';
import { useDeleteTeam, useSaveTeam, useTeams } from './teams.api';

/** Teams: everyone sees them; the owner and admins create, rename, change members and delete. */
export function TeamsPage() {
  const { t } = useTranslation();
  const { role } = useSession();
  const canManage = canManageMembers(role);
  const teams = useTeams();
  const members = useMembers();
  const remove = useDeleteTeam();
  const errorMessage = useErrorMessage();
  const [editing, setEditing] = useState<Team | 'new' | null>(null);
  const nameOf = (userId: string) => members.data?.find((m) => m.userId === userId)?.name ?? '…';

  const onDelete = (team: Team) => {
    if (window.confirm(t('settings.teams.deleteConfirm', { name: team.name }))) remove.mutate(team.id);
  };

  return (
    <section className="flex flex-col gap-4" data-testid="teams-page">
      <div className="flex flex-wrap items-start justify-between gap-3">
        <div>
          <h2 className="text-lg font-semibold">{t('settings.teams.title')}</h2>
          <p className="mt-1 text-sm text-neutral-600 dark:text-neutral-400">
            {t('settings.teams.subtitle')}
          </p>
        </div>
        {canManage ? (
          <Button onClick={() => setEditing('new')} data-testid="team-create">
            <Plus aria-hidden className="size-4" />
            {t('settings.teams.create')}
          </Button>
        ) : null}
      </div>
      {canManage ? null : <Alert tone="info">{t('settings.teams.readOnly')}</Alert>}
      {remove.isError ? <Alert tone="error">{errorMessage(remove.error)}</Alert> : null}
      {teams.isPending ? (
        <div className="flex justify-center py-10 text-brand-600">
          <Spinner />
        </div>
      ) : teams.isError ? (
        <Alert tone="error">{errorMessage(teams.error)}</Alert>
      ) : teams.data.length === 0 ? (
        <EmptyState icon={Users} title={t('settings.teams.empty')} />
      ) : (
        <Card className="divide-y divide-neutral-200 dark:divide-neutral-800">
          {teams.data.map((team) => (
            <div key={team.id} className="flex flex-wrap items-center gap-3 px-4 py-3" data-testid="team-row">
              <div className="min-w-0 flex-1">
                <p className="font-medium" data-testid="team-name">
                  {team.name}
                </p>
                <p className="truncate text-xs text-neutral-500 dark:text-neutral-400">
                  {t('settings.teams.membersCount', { count: team.memberIds.length })}
                  {team.memberIds.length > 0 ? ` · ${team.memberIds.map(nameOf).join(', ')}` : ''}
                </p>
              </div>
              {canManage ? (
                <div className="flex gap-1">
                  <Button variant="ghost" size="sm" onClick={() => setEditing(team)} data-testid="team-edit">
                    <Pencil aria-hidden className="size-4" />
                    {t('settings.teams.edit')}
                  </Button>
                  <Button
                    variant="ghost"
                    size="sm"
                    onClick={() => onDelete(team)}
                    isLoading={remove.isPending && remove.variables === team.id}
                    data-testid="team-delete"
                  >
                    <Trash2 aria-hidden className="size-4" />
                    {t('settings.teams.delete')}
                  </Button>
                </div>
              ) : null}
            </div>
          ))}
        </Card>
      )}
      <Dialog open={editing !== null} onOpenChange={(open) => (open ? null : setEditing(null))}>
        {editing !== null ? (
          <TeamDialog team={editing === 'new' ? null : editing} onDone={() => setEditing(null)} />
        ) : null}
      </Dialog>
    </section>
  );
}

function TeamDialog({ team, onDone }: { team: Team | null; onDone: () => void }) {
  const { t } = useTranslation();
  const members = useMembers();
  const save = useSaveTeam();
  const errorMessage = useErrorMessage();
  const [name, setName] = useState(team?.name ?? '');
  const [memberIds, setMemberIds] = useState<string[]>(team?.memberIds ?? []);

  const toggle = (userId: string) =>
    setMemberIds((ids) => (ids.includes(userId) ? ids.filter((id) => id !== userId) : [...ids, userId]));

  const submit = (event: FormEvent) => {
    event.preventDefault();
    save.mutate({ id: team?.id ?? null, body: { name: name.trim(), memberIds } }, { onSuccess: onDone });
  };

  const nameError = fieldError(save.error, 'name');
  return (
    <DialogContent title={team ? t('settings.teams.editTitle') : t('settings.teams.createTitle')}>
      <form className="flex flex-col gap-4" onSubmit={submit}>
        <Field id="team-name" label={t('settings.teams.name')} error={nameError}>
          <Input
            id="team-name"
            value={name}
            maxLength={60}
            required
            onChange={(event) => setName(event.target.value)}
            data-testid="team-name-input"
          />
        </Field>
        <fieldset className="flex flex-col gap-1.5">
          <legend className="mb-1.5 text-sm font-medium">{t('settings.teams.members')}</legend>
          {(members.data ?? []).map((member) => (
            <label key={member.userId} className="flex items-center gap-2 text-sm">
              <input
                type="checkbox"
                checked={memberIds.includes(member.userId)}
                onChange={() => toggle(member.userId)}
                data-testid={`team-member-${member.userId}`}
              />
              {member.name}
              <span className="text-xs text-neutral-500">{t(`roles.${member.role}`)}</span>
            </label>
          ))}
        </fieldset>
        {save.isError && !nameError ? <Alert tone="error">{errorMessage(save.error)}</Alert> : null}
        <div className="flex justify-end">
          <Button type="submit" isLoading={save.isPending} data-testid="team-save">
            {t('settings.teams.save')}
          </Button>
        </div>
      </form>
    </DialogContent>
  );
}
