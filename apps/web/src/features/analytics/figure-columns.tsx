import type { TFunction } from 'i18next';
import type { ReactNode } from 'react';
import type { CsvCell } from './csv';
import { formatCount, formatRate, toPercent } from './report-format';
import type { Column } from './sortable-table';

/**
 * A table's figures described once: the same list gives the sortable columns and the CSV, as the
 * agents' table does (performance-columns.tsx) for the other reports' tables.
 */
export interface Figure<Row> {
  id: string;
  kind: 'text' | 'count' | 'rate' | 'date';
  get: (row: Row) => string | number | null;
  /** What the cell shows instead of the plain figure (a link, a badge, a tooltip). */
  render?: (row: Row) => ReactNode;
}

export function figureColumns<Row>(figures: Figure<Row>[], t: TFunction, language: string): Column<Row>[] {
  const dateFormat = new Intl.DateTimeFormat(language, { dateStyle: 'medium' });
  return figures.map((f) => ({
    id: f.id,
    header: t(`reports.columns.${f.id}`),
    sortValue: f.get,
    isNumeric: f.kind === 'count' || f.kind === 'rate',
    render: (row: Row) => {
      if (f.render) return f.render(row);
      const value = f.get(row);
      if (value === null) return '—';
      if (f.kind === 'count') return formatCount(Number(value), language);
      if (f.kind === 'rate') return formatRate(Number(value), language);
      if (f.kind === 'date') return dateFormat.format(new Date(String(value)));
      return <span title={String(value)}>{value}</span>;
    },
  }));
}

/** The CSV of the same figures: rates as percentages (said so in the header), dates as ISO. */
export function figureCsv<Row>(figures: Figure<Row>[], rows: Row[], t: TFunction) {
  return {
    header: () =>
      figures.map((f) => {
        const column = t(`reports.columns.${f.id}`);
        return f.kind === 'rate' ? t('reports.columns.percentSuffix', { column }) : column;
      }),
    rows: (): CsvCell[][] =>
      rows.map((row) =>
        figures.map((f) => {
          const value = f.get(row);
          return f.kind === 'rate' ? toPercent(value === null ? null : Number(value)) : value;
        }),
      ),
  };
}
