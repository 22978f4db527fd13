import { type ComponentProps, useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { PHONE_COUNTRIES } from '../lib/phone-number';
import { Select } from './input';

/**
 * A country for phone numbers written without `+`, named in the reader's language ("México (MX)").
 * With `noneLabel`, the empty choice (no country) is offered first.
 */
export function CountrySelect({
  value,
  onChange,
  noneLabel,
  ...props
}: Omit<ComponentProps<typeof Select>, 'value' | 'onChange' | 'children'> & {
  value: string | null;
  onChange: (country: string | null) => void;
  noneLabel?: string;
}) {
  const { i18n } = useTranslation();
  const options = useMemo(() => {
    const names = new Intl.DisplayNames([i18n.language], { type: 'region' });
    const codes: string[] = [...PHONE_COUNTRIES];
    if (value && !codes.includes(value)) codes.unshift(value);
    return codes.map((code) => ({ code, label: `${names.of(code) ?? code} (${code})` }));
  }, [i18n.language, value]);
  return (
    <Select {...props} value={value ?? ''} onChange={(event) => onChange(event.target.value || null)}>
      {noneLabel !== undefined ? <option value="">{noneLabel}</option> : null}
      {options.map((option) => (
        <option key={option.code} value={option.code}>
          {option.label}
        </option>
      ))}
    </Select>
  );
}
