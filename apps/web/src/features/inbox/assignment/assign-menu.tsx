import type { AssignConversationRequest, Conversation } from '@charla/contracts';
import { ArrowRightLeft, ChevronDown, UserRound, Users, UserX } from 'lucide-react';
import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { cn } from '../../../lib/cn';
import { Button, buttonClasses } from '../../../ui/button';
import { Dialog, DialogContent } from '../../../ui/dialog';
import {
  DropdownMenu,
  DropdownMenuContent,
  DropdownMenuItem,
  DropdownMenuLabel,
  DropdownMenuSeparator,
  DropdownMenuTrigger,
} from '../../../ui/dropdown-menu';
import { Field } from '../../../ui/field';
import { Select, Textarea } from '../../../ui/input';
import { useMembers } from '../../settings/settings.api';
import { useTeams } from '../../settings/teams.api';
import { useAssignConversation } from './assignment.api';

type AssignMenuProps = { conversation: Conversation; onError: (e: unknown) => void };

export function AssignMenu({ conversation, onError }: AssignMenuProps) {
  const { t } = useTranslation();
  const members = useMembers();
  const teams = useTeams();
  const assign = useAssignConversation(conversation.id);
  const [isTransferOpen, setIsTransferOpen] = useState(false);
  const { assignee, team } = conversation;
  const label =
    assignee && team
      ? `${assignee.name} · ${team.name}`
      : (assignee?.name ?? team?.name ?? t('assignment.assign.nobody'));

  const send = (body: AssignConversationRequest, onDone?: () => void) =>
    assign.mutate(body, { onError, onSuccess: onDone });

  return (
    <>
      <DropdownMenu>
        <DropdownMenuTrigger
          className={cn(buttonClasses('secondary', 'sm'), 'max-w-56 gap-1.5')}
          data-testid="assign-menu"
          data-assignee={assignee?.id ?? ''}
          aria-label={t('assignment.assign.label')}
          disabled={assign.isPending}
        >
          {team && !assignee ? (
            <Users aria-hidden className="size-3.5 shrink-0" />
          ) : (
            <UserRound aria-hidden className="size-3.5 shrink-0" />
          )}
          <span className="truncate">{label}</span>
          <ChevronDown aria-hidden className="size-3.5 shrink-0" />
        </DropdownMenuTrigger>
        <DropdownMenuContent align="end" className="max-h-[70vh] overflow-y-auto">
          <DropdownMenuLabel>{t('assignment.assign.agents')}</DropdownMenuLabel>
          {(members.data ?? []).map((member) => (
            <DropdownMenuItem
              key={member.userId}
              data-testid={`assign-agent-${member.userId}`}
              disabled={assignee?.id === member.userId}
              onSelect={() => send({ assigneeUserId: member.userId })}
            >
              <UserRound aria-hidden className="size-3.5 text-neutral-500" />
              <span className="truncate">{member.name}</span>
            </DropdownMenuItem>
          ))}
          {(teams.data ?? []).length > 0 ? (
            <>
              <DropdownMenuSeparator />
              <DropdownMenuLabel>{t('assignment.assign.teams')}</DropdownMenuLabel>
              {(teams.data ?? []).map((item) => (
                <DropdownMenuItem
                  key={item.id}
                  data-testid={`assign-team-${item.id}`}
                  disabled={team?.id === item.id}
                  onSelect={() => send({ teamId: item.id })}
                >
                  <Users aria-hidden className="size-3.5 text-neutral-500" />
                  <span className="truncate">{item.name}</span>
                </DropdownMenuItem>
              ))}
            </>
          ) : null}
          <DropdownMenuSeparator />
          <DropdownMenuItem
            data-testid="assign-nobody"
            disabled={!assignee && !team}
            onSelect={() => send({ assigneeUserId: null, teamId: null })}
          >
            <UserX aria-hidden className="size-3.5 text-neutral-500" />
            {t('assignment.assign.unassign')}
          </DropdownMenuItem>
          <DropdownMenuItem data-testid="assign-transfer" onSelect={() => setIsTransferOpen(true)}>
            <ArrowRightLeft aria-hidden className="size-3.5 text-neutral-500" />
            {t('assignment.transfer.open')}
          </DropdownMenuItem>
        </DropdownMenuContent>
      </DropdownMenu>
      <Dialog open={isTransferOpen} onOpenChange={setIsTransferOpen}>
        {isTransferOpen ? (
          <TransferDialog
            conversation={conversation}
            isPending={assign.isPending}
            onSubmit={(body) => send(body, () => setIsTransferOpen(false))}
          />
        ) : null}
      </Dialog>
    </>
  );
}

function TransferDialog({
  conversation,
  isPending,
  onSubmit,
}: {
  conversation: Conversation;
  isPending: boolean;
  onSubmit: (body: AssignConversationRequest) => void;
}) {
  const { t } = useTranslation();
  const members = useMembers();
  const teams = useTeams();
  const [userId, setUserId] = useState(conversation.assignee?.id ?? '');
  const [teamId, setTeamId] = useState(conversation.team?.id ?? '');
  const [note, setNote] = useState('');

  const submit = (event: FormEvent) => {
    event.preventDefault();
    const trimmed = note.trim();
    onSubmit({
      assigneeUserId: userId || null,
      teamId: teamId || null,
      ...(trimmed ? { note: trimmed } : {}),
    });
  };

  return (
    <DialogContent title={t('assignment.transfer.title')} description={t('assignment.transfer.body')}>
      <form className="flex flex-col gap-4" onSubmit={submit}>
        <Field id="transfer-agent" label={t('assignment.transfer.agent')}>
          <Select
            id="transfer-agent"
            value={userId}
            onChange={(event) => setUserId(event.target.value)}
            data-testid="transfer-agent"
          >
            <option value="">{t('assignment.assign.nobody')}</option>
            {(members.data ?? []).map((member) => (
              <option key={member.userId} value={member.userId}>
                {member.name}
              </option>
            ))}
          </Select>
        </Field>
        <Field id="transfer-team" label={t('assignment.transfer.team')}>
          <Select
            id="transfer-team"
            value={teamId}
            onChange={(event) => setTeamId(event.target.value)}
            data-testid="transfer-team"
          >
            <option value="">{t('assignment.assign.noTeam')}</option>
            {(teams.data ?? []).map((team) => (
              <option key={team.id} value={team.id}>
                {team.name}
              </option>
            ))}
          </Select>
        </Field>
        <Field
          id="transfer-note"
          label={t('assignment.transfer.note')}
          hint={t('assignment.transfer.noteHint')}
        >
          <Textarea
            id="transfer-note"
            value={note}
            maxLength={1000}
            rows={3}
            onChange={(event) => setNote(event.target.value)}
            data-testid="transfer-note"
          />
        </Field>
        <div className="flex justify-end">
          <Button type="submit" isLoading={isPending} data-testid="transfer-submit">
            {t('assignment.transfer.submit')}
          </Button>
        </div>
      </form>
    </DialogContent>
  );
}
