import type { SequenceInput } from '@charla/contracts';
import { ArrowLeft, Plus } from 'lucide-react';
import { type FormEvent, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate, useParams } from 'react-router';
import { fieldError } from '../../lib/use-error-message';
import { Alert } from '../../ui/alert';
import { Button } from '../../ui/button';
import { Card } from '../../ui/card';
import { Field } from '../../ui/field';
import { Input, Select } from '../../ui/input';
import { Spinner } from '../../ui/spinner';
import { canManageMembers, useSession } from '../auth/require-auth';
import { useChannels } from '../settings/settings.api';
import { useTemplates } from '../templates/templates.api';
import { EditorSaveBar } from './editor-save-bar';
import { SequenceEnrolCard } from './sequence-enrol-card';
import { SequenceStepRow, type StepDraft } from './sequence-step-row';
import { useSaveSequence, useSequences } from './sequences.api';

type Draft = Required<Pick<SequenceInput, 'name' | 'channelId' | 'enabled' | 'window'>> & {
  steps: StepDraft[];
};

const newStep = (): StepDraft => ({ delay: { amount: 1, unit: 'days' }, message: null, template: null });
const localZone = () => Intl.DateTimeFormat().resolvedOptions().timeZone || 'UTC';
const WEEKDAYS = [1, 2, 3, 4, 5, 6, 7] as const;

/** Automation › a sequence: its number, allowed days and hours, and steps; then who is in it. */
export function SequenceEditorPage() {
  const { t } = useTranslation();
  const { sequenceId } = useParams();
  const canEdit = canManageMembers(useSession().role);
  const sequences = useSequences();
  const channels = useChannels();
  const existing = sequenceId ? sequences.data?.find((s) => s.id === sequenceId) : undefined;
  const [draft, setDraft] = useState<Draft | null>(null);
  useEffect(() => {
    if (draft) return;
    if (existing) setDraft(existing);
    else if (!sequenceId && channels.data)
      setDraft({
        name: '',
        channelId: channels.data[0]?.id ?? '',
        enabled: true,
        window: { timeZone: localZone(), weekdays: [1, 2, 3, 4, 5], from: '09:00', to: '19:00' },
        steps: [newStep()],
      });
  }, [existing, draft, sequenceId, channels.data]);

  return (
    <div
      className="flex min-h-0 flex-1 flex-col gap-4 overflow-y-auto p-4 md:p-6"
      data-testid="sequence-editor"
    >
      <div>
        <Link
          to="/automation/sequences"
          className="inline-flex items-center gap-1 text-sm text-neutral-600 hover:text-neutral-900 dark:text-neutral-400 dark:hover:text-neutral-100"
        >
          <ArrowLeft aria-hidden className="size-4" />
          {t('sequences.editor.back')}
        </Link>
        <h1 className="mt-2 text-xl font-semibold">
          {sequenceId ? t('sequences.editor.editTitle') : t('sequences.editor.newTitle')}
        </h1>
      </div>
      {!canEdit ? <Alert tone="info">{t('sequences.readOnly')}</Alert> : null}
      {draft ? (
        <SequenceForm sequenceId={sequenceId ?? null} draft={draft} setDraft={setDraft} canEdit={canEdit} />
      ) : sequences.isPending || channels.isPending ? (
        <div className="flex justify-center py-10 text-brand-600">
          <Spinner />
        </div>
      ) : (
        <Alert tone="error">{t('sequences.editor.notFound')}</Alert>
      )}
      {sequenceId && draft ? <SequenceEnrolCard sequenceId={sequenceId} canEdit={canEdit} /> : null}
    </div>
  );
}

function SequenceForm(props: {
  sequenceId: string | null;
  draft: Draft;
  setDraft(d: Draft): void;
  canEdit: boolean;
}) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const save = useSaveSequence();
  const channels = useChannels();
  const { draft } = props;
  const waba = channels.data?.find((c) => c.id === draft.channelId)?.wabaId ?? null;
  const templates = useTemplates(waba, 'approved');
  const update = (patch: Partial<Draft>) => props.setDraft({ ...draft, ...patch });
  const window = (patch: Partial<Draft['window']>) => update({ window: { ...draft.window, ...patch } });
  const error = save.error;

  const submit = (event: FormEvent) => {
    event.preventDefault();
    save.mutate(
      { id: props.sequenceId, body: draft },
      { onSuccess: (saved) => (props.sequenceId ? null : navigate(`/automation/sequences/${saved.id}`)) },
    );
  };

  return (
    <form onSubmit={submit} className="flex max-w-3xl flex-col gap-4" noValidate>
      <fieldset disabled={!props.canEdit} className="flex flex-col gap-4">
        <Card className="flex flex-col gap-4 p-4">
          <div className="grid gap-4 sm:grid-cols-[1fr_auto] sm:items-end">
            <Field id="sequence-name" label={t('sequences.editor.name')} error={fieldError(error, 'name')}>
              <Input
                id="sequence-name"
                value={draft.name}
                placeholder={t('sequences.editor.namePlaceholder')}
                onChange={(e) => update({ name: e.target.value })}
                data-testid="sequence-name-input"
                maxLength={120}
              />
            </Field>
            <label className="flex items-center gap-2 pb-2 text-sm">
              <input
                type="checkbox"
                checked={draft.enabled}
                onChange={(e) => update({ enabled: e.target.checked })}
              />
              {t('sequences.editor.enabled')}
            </label>
          </div>
          <Field
            id="sequence-number"
            label={t('sequences.editor.number')}
            error={fieldError(error, 'channelId')}
          >
            <Select
              id="sequence-number"
              value={draft.channelId}
              onChange={(e) => update({ channelId: e.target.value })}
            >
              {(channels.data ?? []).map((c) => (
                <option key={c.id} value={c.id}>
                  {c.name} · {c.displayPhoneNumber}
                </option>
              ))}
            </Select>
          </Field>
          <fieldset className="flex flex-col gap-2">
            <legend className="mb-1.5 text-sm font-medium">{t('sequences.editor.window')}</legend>
            <div className="flex flex-wrap gap-3" data-testid="sequence-weekdays">
              {WEEKDAYS.map((d) => (
                <label key={d} className="flex items-center gap-1.5 text-sm">
                  <input
                    type="checkbox"
                    checked={draft.window.weekdays.includes(d)}
                    onChange={(e) =>
                      window({
                        weekdays: e.target.checked
                          ? [...draft.window.weekdays, d].sort()
                          : draft.window.weekdays.filter((x) => x !== d),
                      })
                    }
                  />
                  {t(`businessHours.days.${d - 1}`)}
                </label>
              ))}
            </div>
            {fieldError(error, 'window.weekdays') ? (
              <p className="text-xs text-red-600 dark:text-red-400">{fieldError(error, 'window.weekdays')}</p>
            ) : null}
            <div className="grid gap-3 sm:grid-cols-3">
              <Field
                id="sequence-from"
                label={t('sequences.editor.from')}
                error={fieldError(error, 'window.from')}
              >
                <Input
                  id="sequence-from"
                  type="time"
                  value={draft.window.from}
                  onChange={(e) => window({ from: e.target.value })}
                />
              </Field>
              <Field id="sequence-to" label={t('sequences.editor.to')} error={fieldError(error, 'window.to')}>
                <Input
                  id="sequence-to"
                  type="time"
                  value={draft.window.to}
                  onChange={(e) => window({ to: e.target.value })}
                />
              </Field>
              <Field
                id="sequence-zone"
                label={t('sequences.editor.timeZone')}
                error={fieldError(error, 'window.timeZone')}
              >
                <Input
                  id="sequence-zone"
                  value={draft.window.timeZone}
                  onChange={(e) => window({ timeZone: e.target.value })}
                />
              </Field>
            </div>
          </fieldset>
        </Card>
        <Card className="flex flex-col gap-3 p-4">
          <h2 className="font-medium">{t('sequences.editor.steps')}</h2>
          {fieldError(error, 'steps') ? (
            <p className="text-xs text-red-600 dark:text-red-400">{fieldError(error, 'steps')}</p>
          ) : null}
          {draft.steps.map((step, i) => (
            <SequenceStepRow
              // biome-ignore lint/suspicious/noArrayIndexKey: steps have no id; their place is who they are
              key={i}
              index={i}
              step={step}
              templates={templates.data ?? []}
              channelId={draft.channelId}
              error={error}
              onChange={(s) => update({ steps: draft.steps.map((x, k) => (k === i ? s : x)) })}
              onRemove={() => update({ steps: draft.steps.filter((_, k) => k !== i) })}
            />
          ))}
          <div>
            <Button
              type="button"
              variant="secondary"
              onClick={() => update({ steps: [...draft.steps, newStep()] })}
              data-testid="sequence-add-step"
            >
              <Plus aria-hidden className="size-4" />
              {t('sequences.editor.addStep')}
            </Button>
          </div>
        </Card>
        <EditorSaveBar
          save={save}
          label={t('sequences.editor.save')}
          savedLabel={t('sequences.editor.saved')}
          testId="sequence"
          canSave={props.canEdit}
        />
      </fieldset>
    </form>
  );
}
