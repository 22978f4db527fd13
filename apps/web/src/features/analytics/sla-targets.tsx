import type { SlaTarget } from '@charla/contracts';
import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { fieldError, useErrorMessage } from '../../lib/use-error-message';
import { Alert } from '../../ui/alert';
import { Button } from '../../ui/button';
import { Input } from '../../ui/input';
import { Label } from '../../ui/label';
import { Spinner } from '../../ui/spinner';
import { formatMinutes } from './report-format';
import { ReportSection } from './report-section';
import { useSetSlaTarget, useSlaTargets } from './reports.api';

/** The workspace's targets, then each team's; each row is saved on its own. */
export function SlaTargetsEditor() {
  const { t } = useTranslation();
  const targets = useSlaTargets();
  const errorMessage = useErrorMessage();
  return (
    <ReportSection
      title={t('reports.sla.targets.title')}
      hint={t('reports.sla.targets.hint')}
      testId="sla-targets"
    >
      {targets.isPending ? (
        <div className="flex justify-center py-6 text-brand-600">
          <Spinner />
        </div>
      ) : targets.isError ? (
        <Alert tone="error" className="mx-4 mb-4">
          {errorMessage(targets.error)}
        </Alert>
      ) : (
        <div className="divide-y divide-neutral-100 border-t border-neutral-200 dark:divide-neutral-800 dark:border-neutral-800">
          {targets.data.map((target) => (
            <TargetRow key={target.teamId ?? 'workspace'} target={target} />
          ))}
        </div>
      )}
    </ReportSection>
  );
}

type FieldId = 'firstResponseMinutes' | 'resolutionMinutes';
const FIELDS: FieldId[] = ['firstResponseMinutes', 'resolutionMinutes'];

const toText = (minutes: number | null) => (minutes === null ? '' : String(minutes));
const toMinutes = (text: string) => (text.trim() === '' ? null : Number(text));

function TargetRow({ target }: { target: SlaTarget }) {
  const { t, i18n } = useTranslation();
  const save = useSetSlaTarget();
  const errorMessage = useErrorMessage();
  const [values, setValues] = useState<Record<FieldId, string>>({
    firstResponseMinutes: toText(target.firstResponseMinutes),
    resolutionMinutes: toText(target.resolutionMinutes),
  });
  const isDirty = FIELDS.some((f) => values[f] !== toText(target[f]));
  const name = target.teamName ?? t('reports.sla.workspace');
  const rowId = target.teamId ?? 'workspace';
  const fieldProblem = (f: FieldId) =>
    save.isError && fieldError(save.error, f) ? t('reports.sla.targets.invalid') : null;
  const hasFieldProblem = FIELDS.some((f) => fieldProblem(f) !== null);

  const onSubmit = (e: FormEvent) => {
    e.preventDefault();
    save.mutate({
      teamId: target.teamId,
      firstResponseMinutes: toMinutes(values.firstResponseMinutes),
      resolutionMinutes: toMinutes(values.resolutionMinutes),
    });
  };

  return (
    // The server's answer names the field; the browser's own bubble would not say the range.
    <form
      noValidate
      onSubmit={onSubmit}
      className="grid gap-3 px-4 py-3 sm:grid-cols-[minmax(0,1fr)_11rem_11rem_auto] sm:items-start"
      data-testid="sla-target-row"
      data-team={target.teamName ?? ''}
    >
      <div className="flex min-w-0 flex-col gap-0.5 sm:pt-7">
        <p className="truncate text-sm font-medium">{name}</p>
        <p className="text-xs text-neutral-500 dark:text-neutral-400">
          {t(target.teamId === null ? 'reports.sla.targets.workspaceHint' : 'reports.sla.targets.teamHint')}
        </p>
      </div>
      {FIELDS.map((f) => {
        const id = `sla-${rowId}-${f}`;
        const problem = fieldProblem(f);
        const minutes = toMinutes(values[f]);
        const helper =
          minutes !== null && Number.isInteger(minutes) && minutes > 0
            ? formatMinutes(minutes, i18n.language)
            : t('reports.sla.targets.none');
        return (
          <div key={f} className="flex flex-col gap-1.5">
            <Label htmlFor={id}>{t(`reports.sla.targets.${f}`)}</Label>
            <Input
              id={id}
              type="number"
              inputMode="numeric"
              min={1}
              max={43_200}
              step={1}
              value={values[f]}
              placeholder="—"
              aria-invalid={problem !== null}
              aria-describedby={`${id}-help`}
              data-testid={`sla-target-${f}`}
              onChange={(e) => {
                // An error is about what was sent: it goes once the value changes.
                if (save.isError) save.reset();
                setValues((v) => ({ ...v, [f]: e.target.value }));
              }}
            />
            <p
              id={`${id}-help`}
              className={
                problem
                  ? 'text-xs text-red-600 dark:text-red-400'
                  : 'text-xs text-neutral-500 dark:text-neutral-400'
              }
              data-testid={problem ? `sla-target-${f}-error` : undefined}
            >
              {problem ?? helper}
            </p>
          </div>
        );
      })}
      <div className="flex items-center gap-3 sm:flex-col sm:items-end sm:pt-6">
        <Button
          type="submit"
          variant={isDirty ? 'primary' : 'secondary'}
          size="sm"
          disabled={!isDirty && !save.isError}
          isLoading={save.isPending}
          data-testid="sla-target-save"
        >
          {t('reports.sla.targets.save')}
        </Button>
        {save.isSuccess && !isDirty ? (
          <span className="text-xs text-emerald-700 dark:text-emerald-400" data-testid="sla-target-saved">
            {t('reports.sla.targets.saved')}
          </span>
        ) : null}
      </div>
      {save.isError && !hasFieldProblem ? (
        <p className="text-xs text-red-600 sm:col-span-4 dark:text-red-400">{errorMessage(save.error)}</p>
      ) : null}
    </form>
  );
}
