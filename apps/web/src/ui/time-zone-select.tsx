import { type ComponentProps, useMemo } from 'react';
import { timeZoneOptions } from '../lib/time-zones';
import { Select } from './input';

/** Every IANA zone, by offset, each with its offset today: "(UTC+1) Europe/Madrid". */
export function TimeZoneSelect({
  value,
  onChange,
  ...props
}: Omit<ComponentProps<typeof Select>, 'value' | 'onChange' | 'children'> & {
  value: string;
  onChange: (zone: string) => void;
}) {
  const options = useMemo(() => {
    const all = timeZoneOptions(new Date());
    // A zone the list spells differently (an alias) still shows as chosen.
    return all.some((o) => o.value === value) ? all : [{ value, label: value }, ...all];
  }, [value]);
  return (
    <Select {...props} value={value} onChange={(event) => onChange(event.target.value)}>
      {options.map((option) => (
        <option key={option.value} value={option.value}>
          {option.label}
        </option>
      ))}
    </Select>
  );
}
