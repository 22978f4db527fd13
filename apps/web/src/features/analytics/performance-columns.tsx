import type { PerformanceRow } from '@charla/contracts';
import type { TFunction } from 'i18next';
import type { CsvCell } from './csv';
import { formatCount, formatDuration, toMinutes } from './report-format';
import type { Column } from './sortable-table';

type Figure = {
  id: string;
  kind: 'count' | 'duration';
  get: (row: PerformanceRow) => number | null;
  teamsOnly?: boolean;
  agentsOnly?: boolean;
};

/** Every figure of an agent's or a team's row, in the order the tables and their CSV show them. */
const FIGURES: Figure[] = [
  { id: 'assigned', kind: 'count', get: (r) => r.figures.assigned },
  { id: 'handled', kind: 'count', get: (r) => r.figures.handled },
  { id: 'resolved', kind: 'count', get: (r) => r.figures.resolved },
  { id: 'reopened', kind: 'count', get: (r) => r.figures.reopened },
  { id: 'messagesSent', kind: 'count', get: (r) => r.figures.messagesSent },
  { id: 'firstResponseMedian', kind: 'duration', get: (r) => r.figures.firstResponse.medianMs },
  { id: 'firstResponseP90', kind: 'duration', get: (r) => r.figures.firstResponse.p90Ms },
  { id: 'responseMedian', kind: 'duration', get: (r) => r.figures.response.medianMs },
  { id: 'resolutionMedian', kind: 'duration', get: (r) => r.figures.resolution.medianMs },
  { id: 'queueWaitMedian', kind: 'duration', get: (r) => r.figures.queueWait.medianMs },
  { id: 'onlineMs', kind: 'duration', get: (r) => r.figures.onlineMs, agentsOnly: true },
  { id: 'expired', kind: 'count', get: (r) => r.figures.expired },
  { id: 'missed', kind: 'count', get: (r) => r.figures.missed },
  { id: 'openNow', kind: 'count', get: (r) => r.now.open },
  { id: 'pendingNow', kind: 'count', get: (r) => r.now.pending },
  { id: 'waitingNow', kind: 'count', get: (r) => r.now.waiting, teamsOnly: true },
];

export type RowKind = 'agents' | 'teams';

const figuresOf = (kind: RowKind) => FIGURES.filter((f) => (kind === 'teams' ? !f.agentsOnly : !f.teamsOnly));

export function performanceColumns(kind: RowKind, t: TFunction, language: string): Column<PerformanceRow>[] {
  return [
    {
      id: 'name',
      header: t(kind === 'agents' ? 'reports.columns.agent' : 'reports.columns.team'),
      sortValue: (r) => r.name,
      render: (r) => <span title={r.name}>{r.name}</span>,
    },
    ...figuresOf(kind).map(
      (f): Column<PerformanceRow> => ({
        id: f.id,
        header: t(`reports.columns.${f.id}`),
        sortValue: f.get,
        isNumeric: true,
        render: (r) => {
          const value = f.get(r);
          if (f.kind === 'duration') return formatDuration(value, language);
          return value === null ? '—' : formatCount(value, language);
        },
      }),
    ),
  ];
}

/** The same rows for a spreadsheet: durations in minutes, said so in the header. */
export function performanceCsv(kind: RowKind, rows: PerformanceRow[], t: TFunction) {
  const figures = figuresOf(kind);
  return {
    header: () => [
      t(kind === 'agents' ? 'reports.columns.agent' : 'reports.columns.team'),
      ...figures.map((f) => {
        const column = t(`reports.columns.${f.id}`);
        return f.kind === 'duration' ? t('reports.columns.minutesSuffix', { column }) : column;
      }),
    ],
    rows: (): CsvCell[][] =>
      rows.map((r) => [
        r.name,
        ...figures.map((f) => (f.kind === 'duration' ? toMinutes(f.get(r)) : f.get(r))),
      ]),
  };
}
