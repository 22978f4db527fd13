import { ArrowDown, ArrowUp, ArrowUpDown } from 'lucide-react';
import { type ReactNode, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { cn } from '../../lib/cn';

export interface Column<Row> {
  id: string;
  header: string;
  /** What the column sorts by; null sorts last either way. */
  sortValue: (row: Row) => number | string | null;
  render: (row: Row) => ReactNode;
  isNumeric?: boolean;
}

type SortableTableProps<Row> = {
  columns: Column<Row>[];
  rows: Row[];
  rowKey: (row: Row) => string;
  initialSort: { id: string; desc: boolean };
  testId?: string;
};

/** A table sorted by any column (a click on its header; again to reverse); scrolls sideways on phones. */
export function SortableTable<Row>({ columns, rows, rowKey, initialSort, testId }: SortableTableProps<Row>) {
  const { t, i18n } = useTranslation();
  const [sort, setSort] = useState(initialSort);
  const column = columns.find((c) => c.id === sort.id) ?? columns[0];
  const collator = new Intl.Collator(i18n.language, { sensitivity: 'base', numeric: true });
  const sorted = column
    ? [...rows].sort((a, b) => {
        const x = column.sortValue(a);
        const y = column.sortValue(b);
        if (x === null || y === null) return x === y ? 0 : x === null ? 1 : -1;
        const order =
          typeof x === 'number' && typeof y === 'number' ? x - y : collator.compare(String(x), String(y));
        return sort.desc ? -order : order;
      })
    : rows;

  const onSort = (id: string) =>
    setSort((s) => (s.id === id ? { id, desc: !s.desc } : { id, desc: id !== columns[0]?.id }));

  return (
    <div className="overflow-x-auto">
      <table className="w-full text-left text-sm" data-testid={testId}>
        <thead className="border-y border-neutral-200 bg-neutral-50 text-xs text-neutral-500 dark:border-neutral-800 dark:bg-neutral-950/40 dark:text-neutral-400">
          <tr>
            {columns.map((c, i) => {
              const isSorted = c.id === sort.id;
              const Icon = isSorted ? (sort.desc ? ArrowDown : ArrowUp) : ArrowUpDown;
              return (
                <th
                  key={c.id}
                  scope="col"
                  aria-sort={isSorted ? (sort.desc ? 'descending' : 'ascending') : undefined}
                  className={cn(
                    'px-3 py-2 font-medium',
                    i === 0 && 'sticky left-0 z-[1] bg-neutral-50 dark:bg-neutral-950',
                  )}
                >
                  <button
                    type="button"
                    onClick={() => onSort(c.id)}
                    title={t('reports.sortBy', { column: c.header })}
                    data-testid={testId ? `${testId}-sort-${c.id}` : undefined}
                    className={cn(
                      'inline-flex items-center gap-1 leading-tight hover:text-neutral-900 dark:hover:text-neutral-100',
                      c.isNumeric ? 'min-w-20 justify-end text-right' : 'min-w-28',
                      isSorted && 'text-neutral-900 dark:text-neutral-100',
                    )}
                  >
                    <span>{c.header}</span>
                    <Icon aria-hidden className={cn('size-3 shrink-0', !isSorted && 'opacity-40')} />
                  </button>
                </th>
              );
            })}
          </tr>
        </thead>
        <tbody className="divide-y divide-neutral-100 dark:divide-neutral-800">
          {sorted.map((row) => (
            <tr key={rowKey(row)} data-testid={testId ? `${testId}-row` : undefined}>
              {columns.map((c, i) => (
                <td
                  key={c.id}
                  className={cn(
                    'px-3 py-2.5 whitespace-nowrap',
                    c.isNumeric ? 'text-right tabular-nums' : 'font-medium',
                    i === 0 && 'sticky left-0 z-[1] max-w-48 truncate bg-white dark:bg-neutral-900',
                  )}
                >
                  {c.render(row)}
                </td>
              ))}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
