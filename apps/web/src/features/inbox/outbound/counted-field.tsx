import { useTranslation } from 'react-i18next';
import { cn } from '../../../lib/cn';
import { Input, Textarea } from '../../../ui/input';
import { Label } from '../../../ui/label';

type CountedFieldProps = {
  id: string;
  label: string;
  value: string;
  max: number;
  onChange: (value: string) => void;
  error?: string | null;
  isOptional?: boolean;
  isMultiline?: boolean;
  placeholder?: string;
  testId?: string;
};

/** A text field with WhatsApp's limit as a live "12 / 20" counter that turns red past it. */
export function CountedField({
  id,
  label,
  value,
  max,
  onChange,
  error,
  isOptional,
  isMultiline,
  placeholder,
  testId,
}: CountedFieldProps) {
  const { t } = useTranslation();
  const length = [...value.trim()].length;
  const isOver = length > max;
  const describedBy = error ? `${id}-error` : `${id}-count`;
  const shared = {
    id,
    value,
    placeholder,
    'data-testid': testId,
    'aria-invalid': Boolean(error) || isOver,
    'aria-describedby': describedBy,
  };
  return (
    <div className="flex min-w-0 flex-col gap-1">
      <div className="flex items-baseline justify-between gap-2">
        <Label htmlFor={id}>
          {label}
          {isOptional ? (
            <span className="ml-1 font-normal text-neutral-500 dark:text-neutral-400">
              {t('inbox.interactive.optional')}
            </span>
          ) : null}
        </Label>
        <span
          id={`${id}-count`}
          className={cn(
            'text-xs tabular-nums text-neutral-500 dark:text-neutral-400',
            isOver && 'font-medium text-red-600 dark:text-red-400',
          )}
        >
          {length} / {max}
        </span>
      </div>
      {isMultiline ? (
        <Textarea {...shared} rows={3} onChange={(event) => onChange(event.target.value)} />
      ) : (
        <Input {...shared} onChange={(event) => onChange(event.target.value)} />
      )}
      {error ? (
        <p id={`${id}-error`} className="text-xs text-red-600 dark:text-red-400">
          {error}
        </p>
      ) : null}
    </div>
  );
}
