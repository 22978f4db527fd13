import type { ContactAttributeDefinition, ContactImport, RejectedRow } from '@charla/contracts';
import { Download, Upload } from 'lucide-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useErrorMessage } from '../../lib/use-error-message';
import { Alert } from '../../ui/alert';
import { Button } from '../../ui/button';
import { CountrySelect } from '../../ui/country-select';
import { Dialog, DialogContent, DialogTrigger } from '../../ui/dialog';
import { Field } from '../../ui/field';
import { Input, Select } from '../../ui/input';
import { Spinner } from '../../ui/spinner';
import { useSession } from '../auth/require-auth';
import { useAttributeDefinitions, useImportProgress, useStartImport, useUploadImport } from './contacts.api';
import { type FieldChoice, guessMapping, rejectedCsv, toMapping } from './import-mapping';
import { rejectDetail } from './reject-detail';

/** Upload -> map columns and default country -> progress -> report of rejected rows. */
export function ImportDialog() {
  const { t } = useTranslation();
  const [open, setOpen] = useState(false);
  const [preview, setPreview] = useState<ContactImport | null>(null);
  const [startedId, setStartedId] = useState<string | null>(null);
  const reset = () => {
    setPreview(null);
    setStartedId(null);
  };
  return (
    <Dialog
      open={open}
      onOpenChange={(next) => {
        setOpen(next);
        if (!next) reset();
      }}
    >
      <DialogTrigger asChild>
        <Button data-testid="import-open">
          <Upload className="size-4" aria-hidden />
          {t('contacts.import.open')}
        </Button>
      </DialogTrigger>
      <DialogContent title={t('contacts.import.title')} size="xl">
        {startedId ? (
          <ImportProgress id={startedId} />
        ) : preview ? (
          <MapStep preview={preview} onStarted={setStartedId} />
        ) : (
          <UploadStep onUploaded={setPreview} />
        )}
      </DialogContent>
    </Dialog>
  );
}

function UploadStep({ onUploaded }: { onUploaded: (p: ContactImport) => void }) {
  const { t } = useTranslation();
  const upload = useUploadImport();
  const errorMessage = useErrorMessage();
  return (
    <div className="flex flex-col gap-4">
      <p className="text-sm text-neutral-600 dark:text-neutral-400">{t('contacts.import.uploadHint')}</p>
      <Field id="import-file" label={t('contacts.import.file')}>
        <Input
          id="import-file"
          type="file"
          accept=".csv,text/csv,text/plain"
          data-testid="import-file"
          className="pt-2"
          disabled={upload.isPending}
          onChange={(e) => {
            const file = e.target.files?.[0];
            if (file) upload.mutate(file, { onSuccess: onUploaded });
          }}
        />
      </Field>
      {upload.isError ? <Alert tone="error">{errorMessage(upload.error)}</Alert> : null}
    </div>
  );
}

type MapStepProps = { preview: ContactImport; onStarted: (id: string) => void };

/** Waits for the attribute definitions so the first guess of the mapping can use them. */
function MapStep(props: MapStepProps) {
  const definitions = useAttributeDefinitions();
  const errorMessage = useErrorMessage();
  if (definitions.isPending) return <Spinner />;
  if (definitions.isError) return <Alert tone="error">{errorMessage(definitions.error)}</Alert>;
  return <MapColumns {...props} defs={definitions.data} />;
}

function MapColumns({ preview, onStarted, defs }: MapStepProps & { defs: ContactAttributeDefinition[] }) {
  const { t } = useTranslation();
  const [choice, setChoice] = useState<FieldChoice>(() => guessMapping(preview.columns, defs));
  const { workspace } = useSession();
  const [country, setCountry] = useState(workspace.defaultCountry ?? 'ES');
  const start = useStartImport(preview.id);
  const errorMessage = useErrorMessage();
  const fields: { key: string; label: string; testId?: string }[] = [
    { key: 'phone', label: t('contacts.phone'), testId: 'import-map-phone' },
    { key: 'name', label: t('contacts.name') },
    { key: 'tags', label: t('contacts.tags') },
    { key: 'optIn', label: t('contacts.optIn') },
    ...defs.map((d) => ({ key: `attr:${d.key}`, label: d.label })),
  ];
  return (
    <div className="flex flex-col gap-4">
      <p className="text-sm text-neutral-600 dark:text-neutral-400">
        {t('contacts.import.rows', { count: preview.totalRows, file: preview.filename ?? '' })}
      </p>
      <div className="overflow-x-auto rounded-lg border border-neutral-200 dark:border-neutral-800">
        <table className="w-full text-left text-xs">
          <thead className="bg-neutral-50 dark:bg-neutral-800">
            <tr>
              {preview.columns.map((c) => (
                <th key={c} scope="col" className="px-3 py-2 font-medium whitespace-nowrap">
                  {c}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {preview.sampleRows.map((row, i) => (
              // biome-ignore lint/suspicious/noArrayIndexKey: sample rows have no identity
              <tr key={i} className="border-t border-neutral-100 dark:border-neutral-800">
                {preview.columns.map((c, j) => (
                  <td key={c} className="px-3 py-1.5 whitespace-nowrap">
                    {row[j] ?? ''}
                  </td>
                ))}
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <div className="grid gap-3 sm:grid-cols-2">
        {fields.map((f) => (
          <Field key={f.key} id={`map-${f.key}`} label={f.label}>
            <Select
              id={`map-${f.key}`}
              data-testid={f.testId}
              value={choice[f.key] ?? ''}
              onChange={(e) => setChoice((prev) => ({ ...prev, [f.key]: e.target.value }))}
            >
              <option value="">{t('contacts.import.skip')}</option>
              {preview.columns.map((c) => (
                <option key={c} value={c}>
                  {c}
                </option>
              ))}
            </Select>
          </Field>
        ))}
        <Field
          id="import-country"
          label={t('contacts.import.country')}
          hint={t('contacts.import.countryHint')}
        >
          <CountrySelect
            id="import-country"
            data-testid="import-country"
            value={country}
            onChange={(c) => setCountry(c ?? country)}
          />
        </Field>
      </div>
      {start.isError ? <Alert tone="error">{errorMessage(start.error)}</Alert> : null}
      <Button
        data-testid="import-start"
        disabled={!choice.phone}
        isLoading={start.isPending}
        onClick={() =>
          start.mutate(
            { mapping: toMapping(choice), defaultCountry: country },
            { onSuccess: (job) => onStarted(job.id) },
          )
        }
      >
        {t('contacts.import.start')}
      </Button>
    </div>
  );
}

function ImportProgress({ id }: { id: string }) {
  const { t } = useTranslation();
  const job = useImportProgress(id);
  const errorMessage = useErrorMessage();
  if (job.isError) return <Alert tone="error">{errorMessage(job.error)}</Alert>;
  const data = job.data;
  const done = data?.processedRows ?? 0;
  const total = data?.totalRows ?? 0;
  return (
    <div className="flex flex-col gap-4">
      <div data-testid="import-progress" data-status={data?.status ?? 'running'}>
        <progress className="w-full accent-brand-600" max={total || 1} value={done} />
        <p className="text-sm">{t('contacts.import.progress', { done, total })}</p>
      </div>
      {data?.status === 'failed' ? <Alert tone="error">{data.error}</Alert> : null}
      {data?.status === 'done' ? <ImportReport job={data} /> : null}
    </div>
  );
}

function ImportReport({ job }: { job: ContactImport }) {
  const { t } = useTranslation();
  return (
    <div data-testid="import-report" className="flex flex-col gap-3">
      <p className="text-sm font-medium">
        {t('contacts.import.summary', {
          created: job.createdCount,
          updated: job.updatedCount,
          rejected: job.rejectedCount,
        })}
      </p>
      {job.rejected.length > 0 ? (
        <>
          <div className="max-h-72 overflow-y-auto rounded-lg border border-neutral-200 dark:border-neutral-800">
            <table className="w-full text-left text-xs">
              <thead className="sticky top-0 bg-neutral-50 dark:bg-neutral-800">
                <tr>
                  <th scope="col" className="px-3 py-2">
                    {t('contacts.import.line')}
                  </th>
                  <th scope="col" className="px-3 py-2">
                    {t('contacts.import.value')}
                  </th>
                  <th scope="col" className="px-3 py-2">
                    {t('contacts.import.reason')}
                  </th>
                </tr>
              </thead>
              <tbody>
                {job.rejected.map((r) => (
                  <tr
                    key={r.line}
                    data-testid="import-rejected-row"
                    className="border-t border-neutral-100 dark:border-neutral-800"
                  >
                    <td className="px-3 py-1.5 tabular-nums">{r.line}</td>
                    <td className="px-3 py-1.5">{r.value ?? ''}</td>
                    <td className="px-3 py-1.5">
                      <RejectReason row={r} />
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
          <a
            className="inline-flex items-center gap-1.5 self-start text-sm font-medium text-brand-700 hover:underline dark:text-brand-300"
            href={`data:text/csv;charset=utf-8,${encodeURIComponent(rejectedCsv(job.rejected))}`}
            download="rejected-rows.csv"
          >
            <Download className="size-4" aria-hidden />
            {t('contacts.import.downloadRejected')}
          </a>
        </>
      ) : null}
    </div>
  );
}

/** The reason in the user's language, with its details (which option, which line). */
function RejectReason({ row }: { row: RejectedRow }) {
  const { t } = useTranslation();
  return (
    <span>
      {t(`contacts.import.codes.${row.code}`)}
      {row.field ? ` (${row.field})` : ''}
      <span className="block text-neutral-500">{rejectDetail(t, row)}</span>
    </span>
  );
}
