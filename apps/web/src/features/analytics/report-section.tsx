import { Download } from 'lucide-react';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Button } from '../../ui/button';
import { Card } from '../../ui/card';
import { type CsvCell, downloadCsv, toCsv } from './csv';

export interface CsvExport {
  filename: string;
  header: () => string[];
  rows: () => CsvCell[][];
}

type ReportSectionProps = {
  title: string;
  hint?: ReactNode;
  csv?: CsvExport;
  testId?: string;
  children: ReactNode;
};

/** A titled card of the Reports page, with its own CSV download when it has rows to give. */
export function ReportSection({ title, hint, csv, testId, children }: ReportSectionProps) {
  const { t } = useTranslation();
  return (
    <Card className="flex min-w-0 flex-col" data-testid={testId}>
      <div className="flex items-start justify-between gap-3 px-4 pt-4 pb-3">
        <div className="min-w-0">
          <h3 className="text-sm font-semibold text-neutral-900 dark:text-neutral-100">{title}</h3>
          {hint ? <p className="mt-0.5 text-xs text-neutral-500 dark:text-neutral-400">{hint}</p> : null}
        </div>
        {csv ? (
          <Button
            variant="secondary"
            size="sm"
            title={t('reports.exportTitle', { name: title })}
            aria-label={t('reports.exportTitle', { name: title })}
            data-testid={testId ? `${testId}-csv` : undefined}
            onClick={() => downloadCsv(csv.filename, toCsv(csv.header(), csv.rows()))}
          >
            <Download aria-hidden className="size-4" />
            {t('reports.exportCsv')}
          </Button>
        ) : null}
      </div>
      {children}
    </Card>
  );
}
