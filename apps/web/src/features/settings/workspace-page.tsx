import type { ConversationVisibility, WorkspaceSettings } from '@charla/contracts';
import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useErrorMessage } from '../../lib/use-error-message';
import { Alert } from '../../ui/alert';
import { Card } from '../../ui/card';
import { CountrySelect } from '../../ui/country-select';
import { Field } from '../../ui/field';
import { Input, Select } from '../../ui/input';
import { SaveRow } from '../../ui/save-row';
import { Spinner } from '../../ui/spinner';
import { TimeZoneSelect } from '../../ui/time-zone-select';
import { canManageMembers, useSession } from '../auth/require-auth';
import { CsatFields } from './csat-fields';
import { OptOutFields } from './opt-out-fields';
import { useTeams, useUpdateWorkspaceSettings, useWorkspaceSettings } from './teams.api';

/** Conversation visibility and automatic assignment; read-only for agents. */
export function WorkspacePage() {
  const { t } = useTranslation();
  const settings = useWorkspaceSettings();
  const errorMessage = useErrorMessage();
  const [isSaved, setIsSaved] = useState(false);

  return (
    <section className="flex flex-col gap-4" data-testid="workspace-page">
      <div>
        <h2 className="text-lg font-semibold">{t('settings.workspace.title')}</h2>
        <p className="mt-1 text-sm text-neutral-600 dark:text-neutral-400">
          {t('settings.workspace.subtitle')}
        </p>
      </div>
      {settings.isPending ? (
        <div className="flex justify-center py-10 text-brand-600">
          <Spinner />
        </div>
      ) : settings.isError ? (
        <Alert tone="error">{errorMessage(settings.error)}</Alert>
      ) : (
        // A save replaces the settings, and the form starts again from them: whether it was saved
        // is kept here, or the new form would never say so.
        <WorkspaceForm
          key={JSON.stringify(settings.data)}
          settings={settings.data}
          isSaved={isSaved}
          onSavedChange={setIsSaved}
        />
      )}
    </section>
  );
}

function WorkspaceForm({
  settings,
  isSaved,
  onSavedChange,
}: {
  settings: WorkspaceSettings;
  isSaved: boolean;
  onSavedChange(saved: boolean): void;
}) {
  const { t } = useTranslation();
  const { role } = useSession();
  const canManage = canManageMembers(role);
  const teams = useTeams();
  const update = useUpdateWorkspaceSettings();
  const errorMessage = useErrorMessage();
  const [draft, setDraft] = useState(settings);
  const change = (patch: Partial<WorkspaceSettings>) => {
    onSavedChange(false);
    setDraft((current) => ({ ...current, ...patch }));
  };

  const submit = (event: FormEvent) => {
    event.preventDefault();
    onSavedChange(false);
    update.mutate(draft, { onSuccess: () => onSavedChange(true) });
  };

  const visibilities: { value: ConversationVisibility; label: string }[] = [
    { value: 'all', label: t('settings.workspace.visibilityAll') },
    { value: 'assigned', label: t('settings.workspace.visibilityAssigned') },
  ];

  return (
    <Card className="p-5">
      {canManage ? null : (
        <Alert tone="info" className="mb-4">
          {t('settings.workspace.readOnly')}
        </Alert>
      )}
      <form onSubmit={submit}>
        <fieldset disabled={!canManage || update.isPending} className="flex flex-col gap-5">
          <fieldset className="flex flex-col gap-2">
            <legend className="mb-2 text-sm font-medium">{t('settings.workspace.visibility')}</legend>
            {visibilities.map(({ value, label }) => (
              <label key={value} className="flex items-center gap-2 text-sm">
                <input
                  type="radio"
                  name="conversationVisibility"
                  value={value}
                  checked={draft.conversationVisibility === value}
                  onChange={() => change({ conversationVisibility: value })}
                  data-testid={`visibility-${value}`}
                />
                {label}
              </label>
            ))}
          </fieldset>
          <div className="flex flex-col gap-1">
            <label className="flex items-center gap-2 text-sm font-medium">
              <input
                type="checkbox"
                checked={draft.autoAssign}
                onChange={(event) => change({ autoAssign: event.target.checked })}
                data-testid="auto-assign"
              />
              {t('settings.workspace.autoAssign')}
            </label>
            <p className="pl-6 text-xs text-neutral-500 dark:text-neutral-400">
              {t('settings.workspace.autoAssignHint')}
            </p>
          </div>
          {draft.autoAssign ? (
            <div className="grid gap-4 pl-6 sm:grid-cols-2">
              <Field id="auto-assign-team" label={t('settings.workspace.autoAssignTeam')}>
                <Select
                  id="auto-assign-team"
                  value={draft.autoAssignTeamId ?? ''}
                  onChange={(event) => change({ autoAssignTeamId: event.target.value || null })}
                  data-testid="auto-assign-team"
                >
                  <option value="">{t('settings.workspace.anyMember')}</option>
                  {(teams.data ?? []).map((team) => (
                    <option key={team.id} value={team.id}>
                      {team.name}
                    </option>
                  ))}
                </Select>
              </Field>
              <Field id="auto-assign-cap" label={t('settings.workspace.cap')}>
                <Input
                  id="auto-assign-cap"
                  type="number"
                  min={1}
                  max={1000}
                  required
                  value={draft.autoAssignCap}
                  onChange={(event) => change({ autoAssignCap: Number(event.target.value) })}
                  data-testid="auto-assign-cap"
                />
              </Field>
            </div>
          ) : null}
          <Field
            id="workspace-timezone"
            label={t('settings.workspace.timezone')}
            hint={t('settings.workspace.timezoneHint')}
          >
            <TimeZoneSelect
              id="workspace-timezone"
              value={draft.timezone}
              onChange={(timezone) => change({ timezone })}
              data-testid="workspace-timezone"
              className="sm:max-w-md"
            />
          </Field>
          <Field
            id="workspace-country"
            label={t('settings.workspace.defaultCountry')}
            hint={t('settings.workspace.defaultCountryHint')}
          >
            <CountrySelect
              id="workspace-country"
              value={draft.defaultCountry}
              onChange={(defaultCountry) => change({ defaultCountry })}
              noneLabel={t('settings.workspace.noCountry')}
              data-testid="workspace-country"
              className="sm:max-w-md"
            />
          </Field>
          <OptOutFields value={draft} onChange={change} />
          <CsatFields value={draft} onChange={change} />
          {update.isError ? <Alert tone="error">{errorMessage(update.error)}</Alert> : null}
          {canManage ? (
            <SaveRow
              label={t('settings.workspace.save')}
              savedLabel={t('settings.workspace.saved')}
              isSaved={isSaved}
              isPending={update.isPending}
              testId="workspace"
            />
          ) : null}
        </fieldset>
      </form>
    </Card>
  );
}
