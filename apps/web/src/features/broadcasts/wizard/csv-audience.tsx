import type { CsvAudienceUpload } from '@charla/contracts';
import { FileSpreadsheet, Upload } from 'lucide-react';
import { useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useErrorMessage } from '../../../lib/use-error-message';
import { Alert } from '../../../ui/alert';
import { CountrySelect } from '../../../ui/country-select';
import { Field } from '../../../ui/field';
import { Spinner } from '../../../ui/spinner';
import { useSession } from '../../auth/require-auth';
import { rejectDetail } from '../../contacts/reject-detail';
import { useUploadCsvAudience } from '../broadcasts.api';

const MAX_SHOWN_REJECTED = 200;

/** Upload a CSV for this broadcast only (contacts are created or matched by phone). */
export function CsvAudience(props: {
  upload: CsvAudienceUpload | null;
  onUploaded: (upload: CsvAudienceUpload) => void;
}) {
  const { t, i18n } = useTranslation();
  const errorMessage = useErrorMessage();
  const upload = useUploadCsvAudience();
  const { workspace } = useSession();
  const [country, setCountry] = useState(workspace.defaultCountry ?? 'ES');
  const [fileName, setFileName] = useState<string | null>(null);
  const fileId = useId();
  const report = props.upload;
  const number = new Intl.NumberFormat(i18n.language);

  const onFile = (file: File | undefined) => {
    if (!file) return;
    setFileName(file.name);
    upload.mutate({ file, defaultCountry: country }, { onSuccess: props.onUploaded });
  };

  return (
    <div className="flex flex-col gap-4">
      <p className="text-sm text-neutral-600 dark:text-neutral-400">{t('broadcasts.csv.intro')}</p>
      <div className="grid gap-4 sm:grid-cols-2">
        <Field id="csv-country" label={t('broadcasts.csv.country')} hint={t('broadcasts.csv.countryHint')}>
          <CountrySelect
            id="csv-country"
            value={country}
            onChange={(c) => setCountry(c ?? country)}
            data-testid="csv-country"
          />
        </Field>
        <div className="flex flex-col gap-1.5">
          <span className="text-sm font-medium text-neutral-800 dark:text-neutral-200">
            {t('broadcasts.csv.file')}
          </span>
          <label
            htmlFor={fileId}
            className="flex h-10 cursor-pointer items-center gap-2 rounded-lg border border-dashed border-neutral-300 px-3 text-sm text-neutral-700 hover:bg-neutral-50 dark:border-neutral-700 dark:text-neutral-300 dark:hover:bg-neutral-800/50"
          >
            {upload.isPending ? <Spinner className="size-4" /> : <Upload aria-hidden className="size-4" />}
            <span className="truncate">{fileName ?? t('broadcasts.csv.choose')}</span>
          </label>
          <input
            id={fileId}
            type="file"
            accept=".csv,text/csv"
            className="sr-only"
            data-testid="csv-file"
            onChange={(e) => {
              onFile(e.target.files?.[0]);
              e.target.value = '';
            }}
          />
        </div>
      </div>
      {upload.isError ? <Alert tone="error">{errorMessage(upload.error)}</Alert> : null}
      {report ? (
        <div className="flex flex-col gap-2" data-testid="csv-report">
          <p className="flex items-center gap-2 text-sm">
            <FileSpreadsheet aria-hidden className="size-4 text-brand-600" />
            {t('broadcasts.csv.summary', {
              rows: number.format(report.rows),
              valid: number.format(report.valid),
              invalid: number.format(report.invalid),
            })}
          </p>
          {report.rejected.length > 0 ? (
            <details
              className="rounded-lg border border-amber-200 bg-amber-50 text-sm dark:border-amber-900 dark:bg-amber-950/40"
              open
            >
              <summary className="cursor-pointer px-3 py-2 font-medium text-amber-900 dark:text-amber-100">
                {t('broadcasts.csv.rejected', { count: report.rejected.length })}
              </summary>
              <div className="max-h-56 overflow-y-auto border-t border-amber-200 dark:border-amber-900">
                <table className="w-full text-left text-xs">
                  <thead className="sticky top-0 bg-amber-50 dark:bg-amber-950">
                    <tr>
                      <th scope="col" className="px-3 py-1.5 font-medium">
                        {t('broadcasts.csv.line')}
                      </th>
                      <th scope="col" className="px-3 py-1.5 font-medium">
                        {t('broadcasts.csv.reason')}
                      </th>
                    </tr>
                  </thead>
                  <tbody>
                    {report.rejected.slice(0, MAX_SHOWN_REJECTED).map((row) => (
                      <tr
                        key={row.line}
                        data-testid="csv-rejected-row"
                        className="border-t border-amber-100 dark:border-amber-900/50"
                      >
                        <td className="px-3 py-1.5 tabular-nums">{row.line}</td>
                        <td className="px-3 py-1.5">{rejectDetail(t, row)}</td>
                      </tr>
                    ))}
                  </tbody>
                </table>
                {report.rejected.length > MAX_SHOWN_REJECTED ? (
                  <p className="px-3 py-2 text-xs">
                    {t('broadcasts.csv.more', { count: report.rejected.length - MAX_SHOWN_REJECTED })}
                  </p>
                ) : null}
              </div>
            </details>
          ) : null}
        </div>
      ) : null}
    </div>
  );
}
