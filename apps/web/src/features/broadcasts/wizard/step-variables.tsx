import type { UploadedMedia, VariableSource } from '@charla/contracts';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { formatPhone } from '../../../lib/phone-number';
import { Alert } from '../../../ui/alert';
import { Field } from '../../../ui/field';
import { Input, Select } from '../../../ui/input';
import {
  type HeaderFileTexts,
  HeaderSampleField,
  type SampleFormat,
} from '../../templates/header-sample-field';
import {
  getSource,
  skippingSlots,
  type VariableSlot,
  variableSlots,
  withSource,
} from '../template-variables';
import type { StepProps } from './wizard-state';

type Props = StepProps & { sampleIndex: number; onSample: (index: number) => void };

const TEXT = '__text__';

const HEADER_FILE_TEXTS: HeaderFileTexts = {
  choose: 'broadcasts.variables.headerFile.choose',
  uploading: 'broadcasts.variables.headerFile.uploading',
  attached: 'broadcasts.variables.headerFile.attached',
  failed: 'broadcasts.variables.headerFile.failed',
};

/** For each variable: a contact attribute (with a fallback) or a fixed text. */
export function StepVariables({ state, change, ctx, sampleIndex, onSample }: Props) {
  const { t } = useTranslation();
  /** The file picked here, so its name and size show (a saved broadcast only has its id). */
  const [picked, setPicked] = useState<UploadedMedia | null>(null);
  const template = ctx.template;
  if (!template || !state.variables) return null;
  const variables = state.variables;
  const slots = variableSlots(template);
  const skipping = skippingSlots(variables, slots);
  const sample = ctx.preview?.sample ?? [];
  const mediaHeader =
    template.header && template.header.format !== 'text' && template.header.format !== 'location';
  const exampleMediaId =
    template.header && 'exampleMediaId' in template.header ? template.header.exampleMediaId : null;

  return (
    <div className="flex flex-col gap-5">
      {slots.length === 0 ? (
        <Alert>{t('broadcasts.variables.none')}</Alert>
      ) : (
        <p className="text-sm text-neutral-600 dark:text-neutral-400">{t('broadcasts.variables.intro')}</p>
      )}
      {mediaHeader ? (
        <div className="flex flex-col gap-2" data-testid="broadcast-header-file">
          <Alert tone={variables.headerMediaId ? 'info' : 'warning'}>
            {!variables.headerMediaId
              ? t('broadcasts.variables.mediaMissing')
              : variables.headerMediaId === exampleMediaId
                ? t('broadcasts.variables.mediaExample')
                : t('broadcasts.variables.mediaOwn')}
          </Alert>
          <HeaderSampleField
            format={template.header!.format as SampleFormat}
            mediaId={variables.headerMediaId}
            sample={picked}
            onUploaded={(uploaded) => {
              setPicked(uploaded);
              change({ variables: { ...variables, headerMediaId: uploaded.id } });
            }}
            error={null}
            isReadOnly={false}
            texts={HEADER_FILE_TEXTS}
          />
        </div>
      ) : null}
      {slots.map((slot) => (
        <SlotEditor
          key={slot.path}
          slot={slot}
          source={getSource(variables, slot.path)}
          csvColumns={state.audience.kind === 'csv' ? (state.csv?.columns ?? []) : []}
          definitions={ctx.definitions.map((d) => ({ key: d.key, label: d.label }))}
          onChange={(source) => change({ variables: withSource(variables, slot.path, source) })}
        />
      ))}
      {skipping.length > 0 ? <Alert tone="warning">{t('broadcasts.variables.skipWarning')}</Alert> : null}
      {sample.length > 1 ? (
        <Field id="variables-sample" label={t('broadcasts.variables.sample')}>
          <Select
            id="variables-sample"
            value={sampleIndex}
            onChange={(e) => onSample(Number(e.target.value))}
          >
            {sample.map((s, index) => (
              <option key={s.phone} value={index}>
                {s.name ? `${s.name} · ${formatPhone(s.phone)}` : formatPhone(s.phone)}
              </option>
            ))}
          </Select>
        </Field>
      ) : null}
    </div>
  );
}

function isKnownKey(key: string, definitions: { key: string }[], csvColumns: string[]): boolean {
  return (
    key === 'name' ||
    key === 'first_name' ||
    key === 'phone' ||
    definitions.some((d) => d.key === key) ||
    csvColumns.includes(key)
  );
}

function SlotEditor(props: {
  slot: VariableSlot;
  source: VariableSource | null;
  definitions: { key: string; label: string }[];
  csvColumns: string[];
  onChange: (source: VariableSource) => void;
}) {
  const { t } = useTranslation();
  const { slot, source, onChange } = props;
  const id = `variable-${slot.path.replace(/\W/g, '-')}`;
  const where =
    slot.part === 'header'
      ? t('broadcasts.variables.inHeader')
      : slot.part === 'body'
        ? t('broadcasts.variables.inBody')
        : t('broadcasts.variables.inButton', { n: Number(slot.path.split('.')[1] ?? 0) + 1 });
  const selected = !source || source.source === 'text' ? TEXT : source.key;
  const isEmptyText = source?.source === 'text' && source.value.trim() === '';

  return (
    <fieldset
      className="flex flex-col gap-3 rounded-lg border border-neutral-200 p-3 dark:border-neutral-800"
      data-testid="variable-slot"
    >
      <legend className="px-1 text-sm">
        <code className="rounded bg-neutral-100 px-1.5 py-0.5 font-mono text-xs dark:bg-neutral-800">{`{{${slot.name}}}`}</code>{' '}
        <span className="text-neutral-500 dark:text-neutral-400">
          {where}
          {slot.example ? ` · ${t('broadcasts.variables.example', { example: slot.example })}` : ''}
        </span>
      </legend>
      <div className="grid gap-3 sm:grid-cols-2">
        <Field id={`${id}-source`} label={t('broadcasts.variables.source')}>
          <Select
            id={`${id}-source`}
            data-testid="variable-source"
            value={selected}
            onChange={(e) => {
              const value = e.target.value;
              if (value === TEXT)
                onChange({ source: 'text', value: source?.source === 'text' ? source.value : '' });
              else
                onChange({
                  source: 'attribute',
                  key: value,
                  fallback: source?.source === 'attribute' ? source.fallback : '',
                });
            }}
          >
            <optgroup label={t('broadcasts.variables.contact')}>
              <option value="name">{t('broadcasts.variables.sources.name')}</option>
              <option value="first_name">{t('broadcasts.variables.sources.first_name')}</option>
              <option value="phone">{t('broadcasts.variables.sources.phone')}</option>
              {props.definitions.map((d) => (
                <option key={d.key} value={d.key}>
                  {d.label}
                </option>
              ))}
            </optgroup>
            {source?.source === 'attribute' &&
            !isKnownKey(source.key, props.definitions, props.csvColumns) ? (
              // A column of an earlier upload, when editing a saved broadcast.
              <option value={source.key}>{source.key}</option>
            ) : null}
            {props.csvColumns.length > 0 ? (
              <optgroup label={t('broadcasts.variables.csvColumns')}>
                {props.csvColumns.map((column) => (
                  <option key={column} value={column}>
                    {column}
                  </option>
                ))}
              </optgroup>
            ) : null}
            <option value={TEXT}>{t('broadcasts.variables.sources.text')}</option>
          </Select>
        </Field>
        {source?.source === 'attribute' ? (
          <Field
            id={`${id}-fallback`}
            label={t('broadcasts.variables.fallback')}
            hint={t('broadcasts.variables.fallbackHint')}
          >
            <Input
              id={`${id}-fallback`}
              data-testid="variable-fallback"
              value={source.fallback}
              maxLength={1024}
              onChange={(e) => onChange({ ...source, fallback: e.target.value })}
            />
          </Field>
        ) : (
          <Field
            id={`${id}-text`}
            label={t('broadcasts.variables.text')}
            error={isEmptyText ? t('broadcasts.variables.textRequired') : null}
          >
            <Input
              id={`${id}-text`}
              data-testid="variable-text"
              value={source?.source === 'text' ? source.value : ''}
              maxLength={1024}
              aria-invalid={isEmptyText}
              aria-describedby={isEmptyText ? `${id}-text-error` : undefined}
              placeholder={slot.example ?? ''}
              onChange={(e) => onChange({ source: 'text', value: e.target.value })}
            />
          </Field>
        )}
      </div>
    </fieldset>
  );
}
