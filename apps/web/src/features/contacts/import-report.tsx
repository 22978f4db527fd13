import type { ContactImport, RejectedRow } from '@charla/contracts';
import type { TFunction } from 'i18next';
import { Download } from 'lucide-react';
import { useTranslation } from 'react-i18next';
import { rejectedCsv } from './import-mapping';
import { rejectDetail } from './reject-detail';

/** Rows shown in the dialog; the download has them all. */
const SHOWN = 20;

/** The reason in the user's language: what was wrong, then its details (which line, which options). */
const problemOf = (t: TFunction, row: RejectedRow) => ({
  problem: t(`contacts.import.codes.${row.code}`, { defaultValue: row.code }),
  detail: rejectDetail(t, row),
});

/** Counts, then each refused row: its line, the column at fault, the value and why, in the user's language. */
export function ImportReport({ job }: { job: ContactImport }) {
  const { t } = useTranslation();
  const shown = job.rejected.slice(0, SHOWN);
  const csv = rejectedCsv(job.rejected, {
    header: {
      line: t('contactImport.csvHeader.line'),
      column: t('contactImport.csvHeader.column'),
      value: t('contactImport.csvHeader.value'),
      problem: t('contactImport.csvHeader.problem'),
      detail: t('contactImport.csvHeader.detail'),
    },
    describe: (row) => problemOf(t, row),
  });
  return (
    <div data-testid="import-report" className="flex flex-col gap-3">
      <p className="text-sm font-medium">
        {t('contacts.import.summary', {
          created: job.createdCount,
          updated: job.updatedCount,
          rejected: job.rejectedCount,
        })}
      </p>
      {shown.length > 0 ? (
        <>
          <div className="max-h-72 overflow-y-auto rounded-lg border border-neutral-200 dark:border-neutral-800">
            <table className="w-full text-left text-xs">
              <thead className="sticky top-0 bg-neutral-50 dark:bg-neutral-800">
                <tr>
                  <th scope="col" className="px-3 py-2">
                    {t('contacts.import.line')}
                  </th>
                  <th scope="col" className="px-3 py-2">
                    {t('contactImport.column')}
                  </th>
                  <th scope="col" className="px-3 py-2">
                    {t('contacts.import.value')}
                  </th>
                  <th scope="col" className="px-3 py-2">
                    {t('contactImport.problem')}
                  </th>
                </tr>
              </thead>
              <tbody>
                {shown.map((r) => {
                  const { problem, detail } = problemOf(t, r);
                  return (
                    <tr
                      key={r.line}
                      data-testid="import-rejected-row"
                      className="border-t border-neutral-100 align-top dark:border-neutral-800"
                    >
                      <td className="px-3 py-1.5 tabular-nums">{r.line}</td>
                      <td className="px-3 py-1.5">{r.field ?? '—'}</td>
                      <td className="px-3 py-1.5 break-all">{r.value ?? ''}</td>
                      <td className="px-3 py-1.5">
                        <span className="font-medium">{problem}</span>
                        <span className="block text-neutral-600 dark:text-neutral-400">{detail}</span>
                      </td>
                    </tr>
                  );
                })}
              </tbody>
            </table>
          </div>
          {job.rejected.length > shown.length ? (
            <p className="text-xs text-neutral-600 dark:text-neutral-400" data-testid="import-rejected-more">
              {t('contactImport.firstShown', { shown: shown.length, count: job.rejected.length })}
            </p>
          ) : null}
          <a
            className="inline-flex items-center gap-1.5 self-start text-sm font-medium text-brand-700 hover:underline dark:text-brand-300"
            href={`data:text/csv;charset=utf-8,${encodeURIComponent(csv)}`}
            download="rejected-rows.csv"
            data-testid="import-rejected-download"
          >
            <Download className="size-4" aria-hidden />
            {t('contactImport.downloadAll')}
          </a>
        </>
      ) : null}
    </div>
  );
}
