import type { ContactAttributeDefinition, ContactImport } from '@charla/contracts';
import { useQueryClient } from '@tanstack/react-query';
import { Upload } from 'lucide-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { isApiError } from '../../lib/api';
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
import { type FieldChoice, guessMapping, toMapping } from './import-mapping';
import { type NewAttributeDrafts, toNewAttributes, unmappedColumns } from './import-new-attributes';
import { ImportReport } from './import-report';
import { NewAttributesSection } from './new-attributes-section';

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
  const [drafts, setDrafts] = useState<NewAttributeDrafts>({});
  const start = useStartImport(preview.id);
  const client = useQueryClient();
  const errorMessage = useErrorMessage();
  const unmapped = unmappedColumns(preview.columns, choice);
  const newAttributes = toNewAttributes(drafts, unmapped, defs);
  const listWithoutOptions = newAttributes.some((a) => a.type === 'list' && !a.options?.length);
  // 422 invalid_new_attribute names each column at fault (`newAttributes.<column>`).
  const draftErrors: Record<string, string> = {};
  if (isApiError(start.error) && start.error.code === 'invalid_new_attribute')
    for (const f of start.error.fields)
      if (f.path.startsWith('newAttributes.')) {
        const column = f.path.slice('newAttributes.'.length);
        draftErrors[column] = t('contactImport.invalidNewAttribute', {
          column,
          reason: f.message.replace(/^column "[^"]*": /, ''),
        });
      }
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
      <NewAttributesSection
        preview={preview}
        unmapped={unmapped}
        drafts={drafts}
        onChange={setDrafts}
        errors={draftErrors}
      />
      {start.isError && Object.keys(draftErrors).length === 0 ? (
        <Alert tone="error">{errorMessage(start.error)}</Alert>
      ) : null}
      <Button
        data-testid="import-start"
        disabled={!choice.phone || listWithoutOptions}
        isLoading={start.isPending}
        onClick={() =>
          start.mutate(
            { mapping: toMapping(choice), newAttributes, defaultCountry: country },
            {
              onSuccess: (job) => {
                if (newAttributes.length > 0)
                  void client.invalidateQueries({ queryKey: ['contacts', 'attributes'] });
                onStarted(job.id);
              },
            },
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
