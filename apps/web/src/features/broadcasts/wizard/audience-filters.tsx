import type { ContactAttributeDefinition } from '@charla/contracts';
import { Plus, Trash2, X } from 'lucide-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Button } from '../../../ui/button';
import { Field } from '../../../ui/field';
import { Input, Select } from '../../../ui/input';
import {
  type AudienceDraft,
  buildCondition,
  type ConditionDraft,
  needsValue,
  newCondition,
  OPS_BY_TYPE,
  parseTags,
} from '../audience-conditions';

type Props = {
  audience: AudienceDraft;
  definitions: ContactAttributeDefinition[];
  onChange: (patch: Partial<AudienceDraft>) => void;
};

/** Tags (any of them) and attribute conditions (all of them). */
export function AudienceFilters({ audience, definitions, onChange }: Props) {
  const { t } = useTranslation();
  const [tagText, setTagText] = useState('');
  const addTags = () => {
    const tags = parseTags(tagText);
    if (tags.length === 0) return;
    onChange({ tags: [...new Set([...audience.tags, ...tags])] });
    setTagText('');
  };
  const setCondition = (index: number, condition: ConditionDraft | null) => {
    const conditions = [...audience.conditions];
    if (condition) conditions[index] = condition;
    else conditions.splice(index, 1);
    onChange({ conditions });
  };
  const firstDefinition = definitions[0];

  return (
    <div className="flex flex-col gap-5">
      <Field
        id="audience-tags"
        label={t('broadcasts.audience.tags')}
        hint={t('broadcasts.audience.tagsHint')}
      >
        <div className="flex gap-2">
          <Input
            id="audience-tags"
            data-testid="audience-tag-input"
            value={tagText}
            placeholder={t('broadcasts.audience.tagsPlaceholder')}
            onChange={(e) => setTagText(e.target.value)}
            onKeyDown={(e) => {
              if (e.key === 'Enter' || e.key === ',') {
                e.preventDefault();
                addTags();
              }
            }}
            onBlur={addTags}
          />
          <Button
            variant="secondary"
            onClick={addTags}
            disabled={tagText.trim() === ''}
            data-testid="audience-tag-add"
          >
            {t('broadcasts.audience.addTag')}
          </Button>
        </div>
      </Field>
      {audience.tags.length > 0 ? (
        <ul className="-mt-3 flex flex-wrap gap-1.5" aria-label={t('broadcasts.audience.tags')}>
          {audience.tags.map((tag) => (
            <li
              key={tag}
              data-testid="audience-tag"
              className="inline-flex items-center gap-1 rounded-full bg-brand-50 py-0.5 pr-1 pl-2.5 text-sm text-brand-800 ring-1 ring-brand-200 ring-inset dark:bg-brand-950 dark:text-brand-200 dark:ring-brand-800"
            >
              {tag}
              <button
                type="button"
                className="rounded-full p-0.5 hover:bg-brand-100 dark:hover:bg-brand-900"
                aria-label={t('broadcasts.audience.removeTag', { tag })}
                onClick={() => onChange({ tags: audience.tags.filter((x) => x !== tag) })}
              >
                <X aria-hidden className="size-3.5" />
              </button>
            </li>
          ))}
        </ul>
      ) : null}
      <div className="flex flex-col gap-2">
        <p className="text-sm font-medium text-neutral-800 dark:text-neutral-200">
          {t('broadcasts.audience.conditions')}
        </p>
        {audience.conditions.length > 1 || (audience.conditions.length > 0 && audience.tags.length > 0) ? (
          <p className="text-xs text-neutral-500 dark:text-neutral-400">
            {t('broadcasts.audience.allMustHold')}
          </p>
        ) : null}
        {audience.conditions.map((condition, index) => (
          <ConditionRow
            // biome-ignore lint/suspicious/noArrayIndexKey: rows are edited in place, never reordered
            key={index}
            index={index}
            condition={condition}
            definitions={definitions}
            onChange={(next) => setCondition(index, next)}
          />
        ))}
        {firstDefinition ? (
          <Button
            variant="secondary"
            size="sm"
            className="self-start"
            data-testid="audience-add-condition"
            onClick={() => onChange({ conditions: [...audience.conditions, newCondition(firstDefinition)] })}
          >
            <Plus aria-hidden className="size-4" />
            {t('broadcasts.audience.addCondition')}
          </Button>
        ) : (
          <p className="text-xs text-neutral-500 dark:text-neutral-400">
            {t('broadcasts.audience.noAttributes')}
          </p>
        )}
      </div>
    </div>
  );
}

function ConditionRow(props: {
  index: number;
  condition: ConditionDraft;
  definitions: ContactAttributeDefinition[];
  onChange: (condition: ConditionDraft | null) => void;
}) {
  const { t } = useTranslation();
  const { index, condition, definitions, onChange } = props;
  const definition = definitions.find((d) => d.key === condition.key);
  const built = buildCondition(condition, definitions);
  const problem =
    'problem' in built && (condition.raw.trim() !== '' || built.problem !== 'missing_value')
      ? built.problem
      : null;
  const id = `condition-${index}`;
  const type = definition?.type ?? 'text';
  return (
    <div
      className="flex flex-col gap-1 rounded-lg border border-neutral-200 p-2 dark:border-neutral-800"
      data-testid="audience-condition"
    >
      <div className="grid grid-cols-[1fr_auto] gap-2 sm:grid-cols-[minmax(0,1fr)_minmax(0,1fr)_minmax(0,1fr)_auto]">
        <Select
          aria-label={t('broadcasts.audience.attribute')}
          value={condition.key}
          className="col-span-1"
          onChange={(e) => {
            const next = definitions.find((d) => d.key === e.target.value);
            if (next) onChange(newCondition(next));
          }}
        >
          {definitions.map((d) => (
            <option key={d.key} value={d.key}>
              {d.label}
            </option>
          ))}
        </Select>
        <Button
          variant="ghost"
          size="icon"
          className="sm:order-last"
          aria-label={t('broadcasts.audience.removeCondition')}
          onClick={() => onChange(null)}
        >
          <Trash2 aria-hidden className="size-4" />
        </Button>
        <Select
          aria-label={t('broadcasts.audience.operator')}
          value={condition.op}
          className={needsValue(condition.op) ? '' : 'col-span-2 sm:col-span-2'}
          onChange={(e) => onChange({ ...condition, op: e.target.value as ConditionDraft['op'] })}
        >
          {OPS_BY_TYPE[type].map((op) => (
            <option key={op} value={op}>
              {t(`broadcasts.audience.ops.${type === 'date' ? `date_${op}` : op}`)}
            </option>
          ))}
        </Select>
        {needsValue(condition.op) ? (
          <ValueInput
            id={id}
            type={type}
            options={definition?.options ?? []}
            value={condition.raw}
            invalid={problem !== null}
            onChange={(raw) => onChange({ ...condition, raw })}
          />
        ) : null}
      </div>
      {problem ? (
        <p id={`${id}-error`} className="text-xs text-red-600 dark:text-red-400">
          {t(`broadcasts.audience.problems.${problem}`)}
        </p>
      ) : null}
    </div>
  );
}

function ValueInput(props: {
  id: string;
  type: ContactAttributeDefinition['type'];
  options: string[];
  value: string;
  invalid: boolean;
  onChange: (value: string) => void;
}) {
  const { t } = useTranslation();
  const common = {
    id: props.id,
    'aria-label': t('broadcasts.audience.value'),
    'aria-invalid': props.invalid,
    'aria-describedby': props.invalid ? `${props.id}-error` : undefined,
    value: props.value,
    className: 'col-span-2 sm:col-span-1',
  };
  if (props.type === 'boolean')
    return (
      <Select {...common} onChange={(e) => props.onChange(e.target.value)}>
        <option value="true">{t('broadcasts.audience.yes')}</option>
        <option value="false">{t('broadcasts.audience.no')}</option>
      </Select>
    );
  if (props.type === 'list')
    return (
      <Select {...common} onChange={(e) => props.onChange(e.target.value)}>
        {props.options.map((option) => (
          <option key={option} value={option}>
            {option}
          </option>
        ))}
      </Select>
    );
  return (
    <Input
      {...common}
      type={props.type === 'number' ? 'text' : props.type === 'date' ? 'date' : 'text'}
      inputMode={props.type === 'number' ? 'decimal' : undefined}
      onChange={(e) => props.onChange(e.target.value)}
    />
  );
}
