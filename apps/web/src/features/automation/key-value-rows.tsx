import { Plus, X } from 'lucide-react';
import { useTranslation } from 'react-i18next';
import { Button } from '../../ui/button';
import { Input } from '../../ui/input';

/** One of a row's two boxes: the field it edits, its accessible name, what it shows while empty. */
export interface KeyValueColumn<F extends string> {
  field: F;
  label: string;
  /** The label when not given. */
  placeholder?: string;
}

/**
 * Pairs of text boxes under a legend, each row with a remove button, and a button that adds an
 * empty row: an HTTP request's headers, the answer's fields an HTTP step keeps in variables.
 */
export function KeyValueRows<F extends string>(props: {
  legend: string;
  addLabel: string;
  columns: readonly [KeyValueColumn<F>, KeyValueColumn<F>];
  rows: Record<F, string>[];
  onChange(rows: Record<F, string>[]): void;
}) {
  const { t } = useTranslation();
  const { rows, columns } = props;
  const edit = (i: number, field: F, value: string) =>
    props.onChange(rows.map((x, j) => (j === i ? { ...x, [field]: value } : x)));
  const blank = Object.fromEntries(columns.map((c) => [c.field, ''])) as Record<F, string>;
  return (
    <fieldset className="flex flex-col gap-2">
      <legend className="mb-1 text-sm font-medium">{props.legend}</legend>
      {rows.map((row, i) => (
        // biome-ignore lint/suspicious/noArrayIndexKey: rows have no id of their own; removing one re-renders the rest
        <div key={i} className="grid grid-cols-[1fr_1fr_auto] gap-2">
          {columns.map((c) => (
            <Input
              key={c.field}
              aria-label={c.label}
              placeholder={c.placeholder ?? c.label}
              value={row[c.field]}
              onChange={(e) => edit(i, c.field, e.target.value)}
            />
          ))}
          <Button
            variant="ghost"
            size="sm"
            aria-label={t('flows.http.remove')}
            onClick={() => props.onChange(rows.filter((_, j) => j !== i))}
          >
            <X aria-hidden className="size-4" />
          </Button>
        </div>
      ))}
      <Button
        variant="secondary"
        size="sm"
        className="self-start"
        onClick={() => props.onChange([...rows, blank])}
      >
        <Plus aria-hidden className="size-4" />
        {props.addLabel}
      </Button>
    </fieldset>
  );
}
