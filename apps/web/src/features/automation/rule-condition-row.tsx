import type { RuleCondition } from '@charla/contracts';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { fieldError } from '../../lib/use-error-message';
import { Field } from '../../ui/field';
import { Input, Select } from '../../ui/input';
import { splitKeywords } from './rule-draft';
import { RuleRow } from './rule-row';
import { useRuleNames } from './use-rule-names';

/** One condition of a rule: what it checks, and its settings. */
export function RuleConditionRow(props: {
  index: number;
  condition: RuleCondition;
  error: unknown;
  onChange(c: RuleCondition): void;
  onRemove(): void;
}) {
  const { t } = useTranslation();
  const { condition: c, index } = props;
  const id = (name: string) => `condition-${index}-${name}`;
  const problem = (path: string) => fieldError(props.error, `conditions.${index}${path}`);
  const yesNo = (
    value: boolean,
    onChange: (v: boolean) => void,
    yes = t('rules.editor.yes'),
    no = t('rules.editor.no'),
  ) => (
    <Select
      aria-label={t(`rules.condition.${c.type}`)}
      value={value ? 'yes' : 'no'}
      onChange={(e) => onChange(e.target.value === 'yes')}
      className="sm:max-w-xs"
    >
      <option value="yes">{yes}</option>
      <option value="no">{no}</option>
    </Select>
  );
  return (
    <RuleRow
      title={t(`rules.condition.${c.type}`)}
      onRemove={props.onRemove}
      testId={`rule-condition-${index}`}
    >
      {c.type === 'keywords' ? (
        <KeywordFields condition={c} index={index} onChange={props.onChange} error={props.error} />
      ) : null}
      {c.type === 'business_hours' ? (
        <HoursFields condition={c} index={index} onChange={props.onChange} />
      ) : null}
      {c.type === 'assigned' ? yesNo(c.assigned, (assigned) => props.onChange({ ...c, assigned })) : null}
      {c.type === 'agents_online' ? yesNo(c.online, (online) => props.onChange({ ...c, online })) : null}
      {c.type === 'marketing_opt_in'
        ? yesNo(c.optedIn, (optedIn) => props.onChange({ ...c, optedIn }))
        : null}
      {c.type === 'contact_tag' ? (
        <div className="grid gap-3 sm:grid-cols-2">
          <Field id={id('tag')} label={t('rules.editor.tag')} error={problem('.tag')}>
            <Input
              id={id('tag')}
              value={c.tag}
              onChange={(e) => props.onChange({ ...c, tag: e.target.value })}
            />
          </Field>
          <div className="flex items-end">
            {yesNo(
              c.has,
              (has) => props.onChange({ ...c, has }),
              t('rules.editor.has'),
              t('rules.editor.lacks'),
            )}
          </div>
        </div>
      ) : null}
      {c.type === 'contact_attribute' ? (
        <div className="grid gap-3 sm:grid-cols-2">
          <Field id={id('key')} label={t('rules.editor.attributeKey')} error={problem('.key')}>
            <Input
              id={id('key')}
              value={c.key}
              onChange={(e) => props.onChange({ ...c, key: e.target.value })}
            />
          </Field>
          <Field
            id={id('equals')}
            label={t('rules.editor.attributeEquals')}
            hint={t('rules.editor.attributeEqualsHint')}
          >
            <Input
              id={id('equals')}
              value={c.equals}
              onChange={(e) => props.onChange({ ...c, equals: e.target.value })}
            />
          </Field>
        </div>
      ) : null}
    </RuleRow>
  );
}

function KeywordFields(props: {
  condition: Extract<RuleCondition, { type: 'keywords' }>;
  index: number;
  error: unknown;
  onChange(c: RuleCondition): void;
}) {
  const { t } = useTranslation();
  const c = props.condition;
  // The text as typed (commas and all); the list is what is kept.
  const [text, setText] = useState(c.keywords.join(', '));
  const id = `condition-${props.index}`;
  return (
    <div className="grid gap-3 sm:grid-cols-2">
      <div className="sm:col-span-2">
        <Field
          id={`${id}-keywords`}
          label={t('rules.editor.keywords')}
          hint={t('rules.editor.keywordsHint')}
          error={fieldError(props.error, `conditions.${props.index}.keywords`)}
        >
          <Input
            id={`${id}-keywords`}
            value={text}
            onChange={(e) => {
              setText(e.target.value);
              props.onChange({ ...c, keywords: splitKeywords(e.target.value) });
            }}
            data-testid="rule-keywords"
          />
        </Field>
      </div>
      <Field id={`${id}-mode`} label={t('rules.editor.mode')}>
        <Select
          id={`${id}-mode`}
          value={c.mode}
          onChange={(e) => props.onChange({ ...c, mode: e.target.value as typeof c.mode })}
          data-testid="rule-keyword-mode"
        >
          {(['contains', 'exact', 'fuzzy'] as const).map((mode) => (
            <option key={mode} value={mode}>
              {t(`rules.mode.${mode}`)}
            </option>
          ))}
        </Select>
      </Field>
      {c.mode === 'fuzzy' ? (
        <Field
          id={`${id}-threshold`}
          label={`${t('rules.editor.threshold')} (${Math.round(c.threshold * 100)} %)`}
        >
          <input
            id={`${id}-threshold`}
            type="range"
            min={50}
            max={100}
            step={5}
            value={Math.round(c.threshold * 100)}
            onChange={(e) => props.onChange({ ...c, threshold: Number(e.target.value) / 100 })}
            className="accent-brand-600"
          />
        </Field>
      ) : null}
    </div>
  );
}

function HoursFields(props: {
  condition: Extract<RuleCondition, { type: 'business_hours' }>;
  index: number;
  onChange(c: RuleCondition): void;
}) {
  const { t } = useTranslation();
  const { teams } = useRuleNames();
  const c = props.condition;
  const id = `condition-${props.index}`;
  return (
    <div className="grid gap-3 sm:grid-cols-2">
      <Field id={`${id}-open`} label={t('rules.editor.hours')}>
        <Select
          id={`${id}-open`}
          value={c.open ? 'open' : 'closed'}
          onChange={(e) => props.onChange({ ...c, open: e.target.value === 'open' })}
          data-testid="rule-hours-open"
        >
          <option value="closed">{t('rules.editor.closedNow')}</option>
          <option value="open">{t('rules.editor.openNow')}</option>
        </Select>
      </Field>
      <Field id={`${id}-team`} label={t('rules.editor.calendarOf')}>
        <Select
          id={`${id}-team`}
          value={c.teamId ?? ''}
          onChange={(e) => props.onChange({ ...c, teamId: e.target.value || null })}
        >
          <option value="">{t('rules.editor.workspaceCalendar')}</option>
          {teams.map((team) => (
            <option key={team.id} value={team.id}>
              {team.name}
            </option>
          ))}
        </Select>
      </Field>
    </div>
  );
}
