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
import { useRules, useSaveRule } from './automation.api';
import { EditorSaveBar } from './editor-save-bar';
import { RuleActionRow } from './rule-action-row';
import { RuleConditionRow } from './rule-condition-row';
import {
  ACTION_TYPES,
  CONDITION_TYPES,
  draftOf,
  emptyDraft,
  newAction,
  newCondition,
  type RuleDraft,
} from './rule-draft';
import { RuleTriggerFields } from './rule-trigger-fields';

/** Automation › a rule: its trigger, conditions and actions, saved as one. */
export function RuleEditorPage() {
  const { t } = useTranslation();
  const { ruleId } = useParams();
  const me = useSession();
  const rules = useRules();
  const existing = ruleId ? rules.data?.find((r) => r.id === ruleId) : undefined;
  const [draft, setDraft] = useState<RuleDraft | null>(ruleId ? null : emptyDraft());
  useEffect(() => {
    if (existing && draft === null) setDraft(draftOf(existing));
  }, [existing, draft]);

  if (!canManageMembers(me.role)) return <Alert tone="info">{t('rules.readOnly')}</Alert>;
  return (
    <div className="flex min-h-0 flex-1 flex-col gap-4 overflow-y-auto p-4 md:p-6" data-testid="rule-editor">
      <div>
        <Link
          to="/automation"
          className="inline-flex items-center gap-1 text-sm text-neutral-600 hover:text-neutral-900 dark:text-neutral-400 dark:hover:text-neutral-100"
        >
          <ArrowLeft aria-hidden className="size-4" />
          {t('rules.editor.back')}
        </Link>
        <h1 className="mt-2 text-xl font-semibold">
          {ruleId ? t('rules.editor.editTitle') : t('rules.editor.newTitle')}
        </h1>
      </div>
      {draft ? (
        <RuleForm ruleId={ruleId ?? null} draft={draft} setDraft={setDraft} />
      ) : rules.isPending ? (
        <div className="flex justify-center py-10 text-brand-600">
          <Spinner />
        </div>
      ) : (
        <Alert tone="error">{t('rules.editor.notFound')}</Alert>
      )}
    </div>
  );
}

function RuleForm({
  ruleId,
  draft,
  setDraft,
}: {
  ruleId: string | null;
  draft: RuleDraft;
  setDraft: (d: RuleDraft) => void;
}) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const save = useSaveRule();
  const channels = useChannels();
  const update = (patch: Partial<RuleDraft>) => setDraft({ ...draft, ...patch });
  const error = save.error;
  // The account of the rule's first number (of any number when it names none) offers its templates.
  const wabaId =
    channels.data?.find((c) => draft.channelIds.length === 0 || draft.channelIds.includes(c.id))?.wabaId ??
    null;

  const submit = (event: FormEvent) => {
    event.preventDefault();
    save.mutate({ id: ruleId, body: draft }, { onSuccess: () => navigate('/automation') });
  };

  return (
    <form onSubmit={submit} className="flex max-w-3xl flex-col gap-4" noValidate>
      <Card className="flex flex-col gap-4 p-4">
        <div className="grid gap-4 sm:grid-cols-[1fr_auto] sm:items-end">
          <Field id="rule-name" label={t('rules.editor.name')} error={fieldError(error, 'name')}>
            <Input
              id="rule-name"
              value={draft.name}
              placeholder={t('rules.editor.namePlaceholder')}
              onChange={(e) => update({ name: e.target.value })}
              data-testid="rule-name-input"
              maxLength={120}
            />
          </Field>
          <label className="flex items-center gap-2 pb-2 text-sm">
            <input
              type="checkbox"
              checked={draft.enabled}
              onChange={(e) => update({ enabled: e.target.checked })}
              data-testid="rule-enabled"
            />
            {t('rules.editor.enabled')}
          </label>
        </div>
        {(channels.data?.length ?? 0) > 1 ? (
          <fieldset className="flex flex-col gap-1.5">
            <legend className="mb-1.5 text-sm font-medium">{t('rules.editor.numbers')}</legend>
            <label className="flex items-center gap-2 text-sm">
              <input
                type="checkbox"
                checked={draft.channelIds.length === 0}
                onChange={() => update({ channelIds: [] })}
              />
              {t('rules.editor.allNumbers')}
            </label>
            {channels.data?.map((channel) => (
              <label key={channel.id} className="flex items-center gap-2 text-sm">
                <input
                  type="checkbox"
                  checked={draft.channelIds.includes(channel.id)}
                  onChange={(e) =>
                    update({
                      channelIds: e.target.checked
                        ? [...draft.channelIds, channel.id]
                        : draft.channelIds.filter((id) => id !== channel.id),
                    })
                  }
                />
                {channel.name} · {channel.displayPhoneNumber}
              </label>
            ))}
          </fieldset>
        ) : null}
      </Card>

      <Section title={t('rules.editor.trigger')}>
        <RuleTriggerFields
          trigger={draft.trigger}
          onChange={(trigger) => update({ trigger })}
          error={error}
        />
      </Section>

      <Section title={t('rules.editor.conditions')}>
        {draft.conditions.length === 0 ? (
          <p className="text-sm text-neutral-500 dark:text-neutral-400">{t('rules.editor.noConditions')}</p>
        ) : null}
        {draft.conditions.map((condition, i) => (
          <RuleConditionRow
            // biome-ignore lint/suspicious/noArrayIndexKey: rows have no id; they are edited in place
            key={i}
            index={i}
            condition={condition}
            error={error}
            onChange={(c) => update({ conditions: draft.conditions.map((x, j) => (j === i ? c : x)) })}
            onRemove={() => update({ conditions: draft.conditions.filter((_, j) => j !== i) })}
          />
        ))}
        <AddRow
          label={t('rules.editor.addCondition')}
          options={CONDITION_TYPES.map((type) => ({ value: type, label: t(`rules.condition.${type}`) }))}
          onAdd={(type) => update({ conditions: [...draft.conditions, newCondition(type as never)] })}
          testId="rule-add-condition"
        />
      </Section>

      <Section title={t('rules.editor.actions')}>
        {fieldError(error, 'actions') ? (
          <p className="text-xs text-red-600 dark:text-red-400">{fieldError(error, 'actions')}</p>
        ) : null}
        {draft.actions.map((action, i) => (
          <RuleActionRow
            // biome-ignore lint/suspicious/noArrayIndexKey: rows have no id; they are edited in place
            key={i}
            index={i}
            action={action}
            wabaId={wabaId}
            channelIds={draft.channelIds}
            error={error}
            onChange={(a) => update({ actions: draft.actions.map((x, j) => (j === i ? a : x)) })}
            onRemove={() => update({ actions: draft.actions.filter((_, j) => j !== i) })}
          />
        ))}
        <AddRow
          label={t('rules.editor.addAction')}
          options={ACTION_TYPES.map((type) => ({ value: type, label: t(`rules.action.${type}`) }))}
          onAdd={(type) => update({ actions: [...draft.actions, newAction(type as never)] })}
          testId="rule-add-action"
        />
      </Section>

      <Card className="p-4">
        <Field
          id="rule-cooldown"
          label={t('rules.editor.cooldown')}
          hint={t('rules.editor.cooldownHint')}
          error={fieldError(error, 'cooldownMinutes')}
        >
          <Input
            id="rule-cooldown"
            type="number"
            min={0}
            className="sm:max-w-40"
            value={draft.cooldownMinutes}
            onChange={(e) => update({ cooldownMinutes: Math.max(0, Number(e.target.value) || 0) })}
          />
        </Field>
      </Card>

      <EditorSaveBar
        save={save}
        label={t('rules.editor.save')}
        savedLabel={t('rules.editor.saved')}
        testId="rule"
      />
    </form>
  );
}

function Section({ title, children }: { title: string; children: React.ReactNode }) {
  return (
    <Card className="flex flex-col gap-3 p-4">
      <h2 className="font-medium">{title}</h2>
      {children}
    </Card>
  );
}

/** A select of what to add and its button. */
function AddRow(props: {
  label: string;
  options: { value: string; label: string }[];
  onAdd(value: string): void;
  testId: string;
}) {
  const [value, setValue] = useState(props.options[0]?.value ?? '');
  return (
    <div className="flex flex-wrap items-center gap-2 border-t border-dashed border-neutral-200 pt-3 dark:border-neutral-800">
      <Select
        aria-label={props.label}
        value={value}
        onChange={(e) => setValue(e.target.value)}
        className="sm:max-w-xs"
        data-testid={`${props.testId}-type`}
      >
        {props.options.map((o) => (
          <option key={o.value} value={o.value}>
            {o.label}
          </option>
        ))}
      </Select>
      <Button type="button" variant="secondary" onClick={() => props.onAdd(value)} data-testid={props.testId}>
        <Plus aria-hidden className="size-4" />
        {props.label}
      </Button>
    </div>
  );
}
