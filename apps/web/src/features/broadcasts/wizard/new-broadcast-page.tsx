import type { BroadcastAudience } from '@charla/contracts';
import { ArrowLeft, ArrowRight, Check } from 'lucide-react';
import { useDeferredValue, useEffect, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useSearchParams } from 'react-router';
import { cn } from '../../../lib/cn';
import { formatPhone } from '../../../lib/phone-number';
import { useErrorMessage } from '../../../lib/use-error-message';
import { useNow } from '../../../lib/use-now';
import { Alert } from '../../../ui/alert';
import { Button } from '../../../ui/button';
import { Card } from '../../../ui/card';
import { Spinner } from '../../../ui/spinner';
import { useSession } from '../../auth/require-auth';
import { useAttributeDefinitions } from '../../contacts/contacts.api';
import { useChannels } from '../../settings/settings.api';
import { useTemplates, wabaIdOf } from '../../templates/templates.api';
import { buildAudience } from '../audience-conditions';
import { useAudiencePreview, useBroadcast } from '../broadcasts.api';
import { TemplatePreview } from '../template-preview';
import { previewValues, variableSlots } from '../template-variables';
import { useWorkspaceTimeZone } from '../use-workspace-time-zone';
import { StepAudience } from './step-audience';
import { StepSchedule } from './step-schedule';
import { StepTemplate } from './step-template';
import { StepTest } from './step-test';
import { StepVariables } from './step-variables';
import {
  blockedReason,
  initialWizard,
  STEPS,
  type StepProps,
  type WizardContext,
  type WizardState,
  wizardFromBroadcast,
} from './wizard-state';

/** Five steps on one page; the state lives here so going back never loses anything. */
export function NewBroadcastPage() {
  const { t } = useTranslation();
  const { workspace } = useSession();
  const [state, setState] = useState<WizardState>(initialWizard);
  const [stepIndex, setStepIndex] = useState(0);
  const [sampleIndex, setSampleIndex] = useState(0);
  const errorMessage = useErrorMessage();
  const editId = useSearchParams()[0].get('edit');
  const editing = useBroadcast(editId ?? '', editId !== null);
  const [loadedId, setLoadedId] = useState<string | null>(null);
  const change = (patch: Partial<WizardState>) => setState((current) => ({ ...current, ...patch }));
  const channels = useChannels();
  const channel = channels.data?.find((c) => c.id === state.channelId) ?? null;
  const templates = useTemplates(channel ? wabaIdOf(channel) : null, 'approved');
  const template = templates.data?.find((x) => x.id === state.templateId && x.status === 'approved') ?? null;
  const definitions = useAttributeDefinitions().data ?? [];
  const timeZone = useWorkspaceTimeZone();
  const now = useNow(30_000);
  useEffect(() => {
    // Filled once from the saved broadcast; later refetches must not undo the user's edits.
    if (!editing.data || loadedId === editing.data.id) return;
    setState(wizardFromBroadcast(editing.data, timeZone));
    setLoadedId(editing.data.id);
  }, [editing.data, loadedId, timeZone]);

  const built = buildAudience(state.audience, definitions);
  // The audience object is rebuilt on every render; its JSON keeps the request (and the query) stable.
  const audienceJson = 'audience' in built ? JSON.stringify(built.audience) : null;
  const previewRequest = useDeferredValue(
    useMemo(
      () =>
        audienceJson && state.channelId
          ? {
              channelId: state.channelId,
              audience: JSON.parse(audienceJson) as BroadcastAudience,
              ...(state.templateId ? { templateId: state.templateId } : {}),
            }
          : null,
      [audienceJson, state.channelId, state.templateId],
    ),
  );
  const preview = useAudiencePreview(previewRequest);
  const ctx: WizardContext = {
    template,
    definitions,
    preview: previewRequest && preview.data && !preview.isPlaceholderData ? preview.data : null,
    timeZone,
    now,
  };
  const step = STEPS[stepIndex] ?? 'template';
  const blocked = blockedReason(step, state, ctx);
  const props: StepProps = { state, change, ctx, editId };

  const sample = ctx.preview?.sample[sampleIndex] ?? ctx.preview?.sample[0] ?? null;
  const labelOf = (key: string) =>
    key === 'name'
      ? t('broadcasts.variables.sources.name')
      : key === 'first_name'
        ? t('broadcasts.variables.sources.first_name')
        : key === 'phone'
          ? t('broadcasts.variables.sources.phone')
          : (definitions.find((d) => d.key === key)?.label ?? key);
  const values =
    template && state.variables
      ? previewValues(state.variables, variableSlots(template), step === 'template' ? null : sample, labelOf)
      : null;

  if (editId && loadedId !== editId) {
    return (
      <div className="flex flex-1 items-center justify-center p-6 text-brand-600">
        {editing.isError ? <Alert tone="error">{errorMessage(editing.error)}</Alert> : <Spinner />}
      </div>
    );
  }

  return (
    <div className="flex min-h-0 flex-1 flex-col" data-testid="broadcast-wizard">
      <div className="flex-1 overflow-y-auto">
        <div className="mx-auto flex w-full max-w-6xl flex-col gap-4 p-4 md:p-6">
          <div className="flex flex-col gap-1">
            <Link
              to="/broadcasts"
              className="inline-flex items-center gap-1 text-sm text-neutral-600 hover:text-neutral-900 dark:text-neutral-400"
            >
              <ArrowLeft aria-hidden className="size-4" />
              {t('broadcasts.title')}
            </Link>
            <h1 className="text-xl font-semibold">
              {editId ? t('broadcasts.wizard.editTitle') : t('broadcasts.wizard.title')}
            </h1>
          </div>
          <Stepper current={stepIndex} onPick={setStepIndex} state={state} ctx={ctx} />
          <div className="grid grid-cols-1 gap-4 lg:grid-cols-[minmax(0,1fr)_22rem]">
            <Card className="p-4 md:p-6" data-testid={`wizard-step-${step}`}>
              <h2 className="mb-4 text-lg font-semibold">{t(`broadcasts.wizard.headings.${step}`)}</h2>
              {step === 'template' ? (
                <StepTemplate
                  {...props}
                  channels={(channels.data ?? []).filter((c) => c.status !== 'disconnected')}
                  templates={templates}
                />
              ) : null}
              {step === 'audience' ? (
                <StepAudience {...props} preview={preview} hasRequest={previewRequest !== null} />
              ) : null}
              {step === 'variables' ? (
                <StepVariables {...props} sampleIndex={sampleIndex} onSample={setSampleIndex} />
              ) : null}
              {step === 'test' ? <StepTest {...props} /> : null}
              {step === 'schedule' ? <StepSchedule {...props} channel={channel} /> : null}
            </Card>
            {template && values ? (
              <aside className="flex flex-col gap-2 lg:sticky lg:top-0 lg:self-start">
                <p className="text-sm font-medium text-neutral-700 dark:text-neutral-300">
                  {step === 'template' || !sample
                    ? t('broadcasts.preview.title')
                    : t('broadcasts.preview.for', { name: sample.name ?? formatPhone(sample.phone) })}
                </p>
                <TemplatePreview
                  template={template}
                  values={values}
                  businessName={channel?.name ?? workspace.name}
                />
              </aside>
            ) : null}
          </div>
        </div>
      </div>
      <footer className="flex flex-wrap items-center justify-between gap-2 border-t border-neutral-200 bg-white px-4 py-3 md:px-6 dark:border-neutral-800 dark:bg-neutral-900">
        <Button variant="ghost" onClick={() => setStepIndex(stepIndex - 1)} disabled={stepIndex === 0}>
          <ArrowLeft aria-hidden className="size-4" />
          {t('broadcasts.wizard.back')}
        </Button>
        {blocked ? (
          <p
            className="order-last w-full text-sm text-neutral-600 sm:order-none sm:w-auto dark:text-neutral-400"
            data-testid="wizard-blocked"
          >
            {t(`broadcasts.wizard.blocked.${blocked}`)}
          </p>
        ) : null}
        {stepIndex < STEPS.length - 1 ? (
          <Button
            onClick={() => setStepIndex(stepIndex + 1)}
            disabled={blocked !== null}
            data-testid="wizard-next"
          >
            {step === 'test' ? t('broadcasts.wizard.skipOrNext') : t('broadcasts.wizard.next')}
            <ArrowRight aria-hidden className="size-4" />
          </Button>
        ) : (
          <span />
        )}
      </footer>
    </div>
  );
}

function Stepper(props: {
  current: number;
  onPick: (index: number) => void;
  state: WizardState;
  ctx: WizardContext;
}) {
  const { t } = useTranslation();
  const { current, onPick, state, ctx } = props;
  // A step is reachable when every step before it is complete.
  const reachable = (index: number) =>
    STEPS.slice(0, index).every((s) => blockedReason(s, state, ctx) === null);
  return (
    <nav aria-label={t('broadcasts.wizard.stepsLabel')}>
      <p className="text-sm text-neutral-600 sm:hidden dark:text-neutral-400">
        {t('broadcasts.wizard.stepOf', { n: current + 1, total: STEPS.length })} ·{' '}
        <span className="font-medium text-neutral-900 dark:text-neutral-100">
          {t(`broadcasts.wizard.steps.${STEPS[current] ?? 'template'}`)}
        </span>
      </p>
      <ol className="mt-2 flex gap-1 sm:mt-0 sm:gap-2">
        {STEPS.map((s, index) => {
          const isDone = index < current;
          const isCurrent = index === current;
          return (
            <li key={s} className="flex-1">
              <button
                type="button"
                onClick={() => onPick(index)}
                data-testid={`wizard-goto-${s}`}
                disabled={!reachable(index)}
                aria-current={isCurrent ? 'step' : undefined}
                className={cn(
                  'flex w-full flex-col gap-1.5 text-left disabled:cursor-not-allowed',
                  !isCurrent && 'enabled:hover:opacity-80',
                )}
              >
                <span
                  className={cn(
                    'h-1.5 w-full rounded-full',
                    isCurrent || isDone ? 'bg-brand-600' : 'bg-neutral-200 dark:bg-neutral-800',
                  )}
                />
                <span
                  className={cn(
                    'hidden items-center gap-1 text-xs font-medium sm:flex',
                    isCurrent
                      ? 'text-brand-700 dark:text-brand-300'
                      : 'text-neutral-500 dark:text-neutral-400',
                  )}
                >
                  {isDone ? (
                    <Check aria-hidden className="size-3.5" />
                  ) : (
                    <span aria-hidden>{index + 1}.</span>
                  )}
                  {t(`broadcasts.wizard.steps.${s}`)}
                </span>
              </button>
            </li>
          );
        })}
      </ol>
    </nav>
  );
}
