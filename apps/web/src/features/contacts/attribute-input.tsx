import type { ContactAttributeDefinition, ContactAttributeValue } from '@charla/contracts';
import { useTranslation } from 'react-i18next';
import { Input, Select } from '../../ui/input';

/** One custom attribute's field, by its type: a list or yes/no as a select, a number or date typed. */
export function AttributeInput(props: {
  definition: ContactAttributeDefinition;
  value: string;
  onChange: (value: string) => void;
  /** Element ids are `<idPrefix>-<key>`: two forms on one page need different prefixes. */
  idPrefix?: string;
}) {
  const { t } = useTranslation();
  const { definition: d, value, onChange, idPrefix = 'attr' } = props;
  const id = `${idPrefix}-${d.key}`;
  if (d.type === 'boolean' || d.type === 'list') {
    const options =
      d.type === 'boolean'
        ? [
            { value: 'true', label: t('contacts.yes') },
            { value: 'false', label: t('contacts.no') },
          ]
        : (d.options ?? []).map((o) => ({ value: o, label: o }));
    return (
      <Select id={id} value={value} onChange={(e) => onChange(e.target.value)}>
        <option value="">—</option>
        {options.map((o) => (
          <option key={o.value} value={o.value}>
            {o.label}
          </option>
        ))}
      </Select>
    );
  }
  return (
    <Input
      id={id}
      type={d.type === 'number' ? 'number' : d.type === 'date' ? 'date' : 'text'}
      step={d.type === 'number' ? 'any' : undefined}
      value={value}
      onChange={(e) => onChange(e.target.value)}
    />
  );
}

/** A typed field's text as the value the API takes (a number, a boolean, else the text). */
export function attributeValueOf(definition: ContactAttributeDefinition, raw: string): ContactAttributeValue {
  if (definition.type === 'number') return Number(raw);
  if (definition.type === 'boolean') return raw === 'true';
  return raw;
}
