import type { ContactImport, RejectedRow } from '@charla/contracts';

export const IMPORT_COLUMNS = `id, status, filename, columns, sample_rows, total_rows, processed_rows,
  created_count, updated_count, rejected, error, created_at, finished_at`;

export interface ImportRow {
  id: string;
  status: ContactImport['status'];
  filename: string | null;
  columns: string[];
  sample_rows: string[][];
  total_rows: number;
  processed_rows: number;
  created_count: number;
  updated_count: number;
  rejected: RejectedRow[];
  error: string | null;
  created_at: Date | string;
  finished_at: Date | string | null;
}

export const toContactImport = (r: ImportRow): ContactImport => ({
  id: r.id,
  status: r.status,
  filename: r.filename,
  columns: r.columns,
  sampleRows: r.sample_rows,
  totalRows: r.total_rows,
  processedRows: r.processed_rows,
  createdCount: r.created_count,
  updatedCount: r.updated_count,
  rejectedCount: r.rejected.length,
  rejected: r.rejected,
  error: r.error,
  createdAt: new Date(r.created_at).toISOString(),
  finishedAt: r.finished_at ? new Date(r.finished_at).toISOString() : null,
});
