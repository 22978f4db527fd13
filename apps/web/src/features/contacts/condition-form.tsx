import type { AttributeFilter, ContactAttributeDefinition } from '@charla/contracts';
import { Plus } from 'lucide-react';
import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Button } from '../../ui/button';
import { Input, Select } from '../../ui/input';

type Op = AttributeFilter['op'];
const OPS: Record<ContactAttributeDefinition['type'], Op[]> = {
  text: ['eq', 'neq', 'contains', 'is_set', 'not_set'],
  list: ['eq', 'neq', 'is_set', 'not_set'],
  number: ['eq', 'neq', 'gt', 'gte', 'lt', 'lte', 'is_set', 'not_set'],
  date: ['eq', 'gt', 'gte', 'lt', 'lte', 'is_set', 'not_set'],
  boolean: ['eq', 'is_set', 'not_set'],
};
export const needsValue = (op: Op) => op !== 'is_set' && op !== 'not_set';

/** One attribute condition: attribute, operator (those its type has) and value. */
export function ConditionForm(props: {
  definitions: ContactAttributeDefinition[];
  onAdd: (c: AttributeFilter) => void;
}) {
  const { t } = useTranslation();
  const [key, setKey] = useState(props.definitions[0]?.key ?? '');
  const def = props.definitions.find((d) => d.key === key) ?? props.definitions[0];
  const ops = def ? OPS[def.type] : [];
  const [op, setOp] = useState<Op>('eq');
  const [value, setValue] = useState('');
  const currentOp = ops.includes(op) ? op : (ops[0] ?? 'eq');
  const small = 'h-8 px-2 text-xs';

  const add = (event: FormEvent) => {
    event.preventDefault();
    if (!def || (needsValue(currentOp) && value.trim() === '')) return;
    props.onAdd({ key: def.key, op: currentOp, value: needsValue(currentOp) ? value.trim() : null });
    setValue('');
  };

  return (
    <form onSubmit={add} className="flex flex-wrap items-center gap-1" data-testid="contact-filter-condition">
      <Select
        className={`${small} w-40!`}
        value={def?.key ?? ''}
        onChange={(e) => setKey(e.target.value)}
        aria-label={t('views.contactFilters.attribute')}
      >
        {props.definitions.map((d) => (
          <option key={d.key} value={d.key}>
            {d.label}
          </option>
        ))}
      </Select>
      <Select
        className={`${small} w-36!`}
        value={currentOp}
        onChange={(e) => setOp(e.target.value as Op)}
        aria-label={t('views.contactFilters.operator')}
      >
        {ops.map((o) => (
          <option key={o} value={o}>
            {t(`views.ops.${o}`)}
          </option>
        ))}
      </Select>
      {needsValue(currentOp) ? (
        def?.type === 'list' || def?.type === 'boolean' ? (
          <Select
            className={`${small} w-36!`}
            value={value}
            onChange={(e) => setValue(e.target.value)}
            aria-label={t('views.contactFilters.value')}
          >
            <option value="">…</option>
            {(def.type === 'list' ? (def.options ?? []) : ['true', 'false']).map((o) => (
              <option key={o} value={o}>
                {def.type === 'boolean' ? t(o === 'true' ? 'contacts.yes' : 'contacts.no') : o}
              </option>
            ))}
          </Select>
        ) : (
          <Input
            className={`${small} w-36!`}
            type={def?.type === 'number' ? 'number' : def?.type === 'date' ? 'date' : 'text'}
            value={value}
            onChange={(e) => setValue(e.target.value)}
            aria-label={t('views.contactFilters.value')}
            data-testid="contact-filter-value"
          />
        )
      ) : null}
      <Button type="submit" variant="secondary" size="sm" data-testid="contact-filter-add">
        <Plus aria-hidden className="size-3.5" />
        {t('views.contactFilters.add')}
      </Button>
    </form>
  );
}
