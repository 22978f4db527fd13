import type { AudiencePreview } from '@charla/contracts';
import type { UseQueryResult } from '@tanstack/react-query';
import { Bookmark, FileSpreadsheet, ListFilter } from 'lucide-react';
import { useTranslation } from 'react-i18next';
import { cn } from '../../../lib/cn';
import { useErrorMessage } from '../../../lib/use-error-message';
import { Alert } from '../../../ui/alert';
import { Field } from '../../../ui/field';
import { Select } from '../../../ui/input';
import type { AudienceDraft } from '../audience-conditions';
import { useContactViews } from '../broadcasts.api';
import { AudienceFilters } from './audience-filters';
import { AudienceSummary } from './audience-summary';
import { CsvAudience } from './csv-audience';
import type { StepProps } from './wizard-state';

type Props = StepProps & { preview: UseQueryResult<AudiencePreview>; hasRequest: boolean };

const kinds = [
  { kind: 'filters', icon: ListFilter },
  { kind: 'view', icon: Bookmark },
  { kind: 'csv', icon: FileSpreadsheet },
] as const;

export function StepAudience({ state, change, ctx, preview, hasRequest }: Props) {
  const { t } = useTranslation();
  const setAudience = (patch: Partial<AudienceDraft>) =>
    change({ audience: { ...state.audience, ...patch } });

  return (
    <div className="flex flex-col gap-5">
      <div role="tablist" aria-label={t('broadcasts.audience.kindLabel')} className="grid grid-cols-3 gap-2">
        {kinds.map(({ kind, icon: Icon }) => {
          const isSelected = state.audience.kind === kind;
          return (
            <button
              key={kind}
              type="button"
              role="tab"
              aria-selected={isSelected}
              data-testid={`audience-kind-${kind}`}
              onClick={() => setAudience({ kind })}
              className={cn(
                'flex flex-col items-center gap-1 rounded-lg border px-2 py-3 text-center text-xs font-medium sm:flex-row sm:justify-center sm:text-sm',
                isSelected
                  ? 'border-brand-600 bg-brand-50 text-brand-800 ring-1 ring-brand-600 dark:bg-brand-950 dark:text-brand-200'
                  : 'border-neutral-200 text-neutral-700 hover:bg-neutral-50 dark:border-neutral-800 dark:text-neutral-300 dark:hover:bg-neutral-800/50',
              )}
            >
              <Icon aria-hidden className="size-4" />
              {t(`broadcasts.audience.kinds.${kind}`)}
            </button>
          );
        })}
      </div>
      {state.audience.kind === 'filters' ? (
        <AudienceFilters audience={state.audience} definitions={ctx.definitions} onChange={setAudience} />
      ) : null}
      {state.audience.kind === 'view' ? (
        <ViewPicker viewId={state.audience.viewId} onChange={(viewId) => setAudience({ viewId })} />
      ) : null}
      {state.audience.kind === 'csv' ? (
        <CsvAudience
          upload={state.csv}
          onUploaded={(csv) => change({ csv, audience: { ...state.audience, uploadId: csv.uploadId } })}
        />
      ) : null}
      <AudienceSummary
        preview={preview}
        hasRequest={hasRequest}
        isMarketing={ctx.template?.category === 'marketing'}
      />
    </div>
  );
}

function ViewPicker(props: { viewId: string | null; onChange: (viewId: string | null) => void }) {
  const { t } = useTranslation();
  const views = useContactViews();
  const errorMessage = useErrorMessage();
  if (views.isError) return <Alert tone="error">{errorMessage(views.error)}</Alert>;
  if (views.data && views.data.length === 0) return <Alert>{t('broadcasts.audience.noViews')}</Alert>;
  return (
    <Field id="audience-view" label={t('broadcasts.audience.view')} hint={t('broadcasts.audience.viewHint')}>
      <Select
        id="audience-view"
        data-testid="audience-view"
        value={props.viewId ?? ''}
        onChange={(e) => props.onChange(e.target.value || null)}
      >
        <option value="">{t('broadcasts.audience.pickView')}</option>
        {(views.data ?? []).map((view) => (
          <option key={view.id} value={view.id}>
            {view.name}
            {view.shared ? ` · ${t('broadcasts.audience.shared')}` : ''}
          </option>
        ))}
      </Select>
    </Field>
  );
}
