import type { Label, LabelColor } from '@charla/contracts';
import { Tag } from 'lucide-react';
import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { cn } from '../../lib/cn';
import { fieldError, useErrorMessage } from '../../lib/use-error-message';
import { Alert } from '../../ui/alert';
import { Button } from '../../ui/button';
import { Dialog, DialogContent } from '../../ui/dialog';
import { Field } from '../../ui/field';
import { Input } from '../../ui/input';
import { canManageMembers, useSession } from '../auth/require-auth';
import { LABEL_CLASSES, LABEL_PALETTE, LabelChip } from '../inbox/labels/label-chip';
import { useDeleteLabel, useLabels, useSaveLabel } from '../inbox/labels/labels.api';
import { RowActions, SettingsListSection } from './settings-list';

/** Settings › Labels: everyone sees them; the owner and admins create, rename, recolour and delete. */
export function LabelsPage() {
  const { t } = useTranslation();
  const { role } = useSession();
  const canManage = canManageMembers(role);
  const labels = useLabels();
  const remove = useDeleteLabel();
  const [editing, setEditing] = useState<Label | 'new' | null>(null);

  return (
    <SettingsListSection
      testId="labels-page"
      title={t('labels.title')}
      subtitle={t('labels.subtitle')}
      canManage={canManage}
      readOnly={t('labels.readOnly')}
      create={{ label: t('labels.create'), testId: 'label-create', onClick: () => setEditing('new') }}
      items={labels}
      empty={{ icon: Tag, title: t('labels.empty'), body: t('labels.emptyBody') }}
      error={remove.error}
      row={(label) => (
        <div key={label.id} className="flex flex-wrap items-center gap-3 px-4 py-3" data-testid="label-row">
          <div className="min-w-0 flex-1">
            <LabelChip label={label} className="px-2.5 py-0.5 text-sm" />
          </div>
          {canManage ? (
            <RowActions
              testPrefix="label"
              editLabel={t('labels.edit')}
              deleteLabel={t('labels.delete')}
              onEdit={() => setEditing(label)}
              onDelete={() => remove.mutate(label.id)}
              confirm={t('labels.deleteConfirm', { name: label.name })}
              isDeleting={remove.isPending && remove.variables === label.id}
            />
          ) : null}
        </div>
      )}
    >
      <Dialog open={editing !== null} onOpenChange={(open) => (open ? null : setEditing(null))}>
        {editing !== null ? (
          <LabelDialog label={editing === 'new' ? null : editing} onDone={() => setEditing(null)} />
        ) : null}
      </Dialog>
    </SettingsListSection>
  );
}

function LabelDialog({ label, onDone }: { label: Label | null; onDone: () => void }) {
  const { t } = useTranslation();
  const save = useSaveLabel();
  const errorMessage = useErrorMessage();
  const [name, setName] = useState(label?.name ?? '');
  const [color, setColor] = useState<LabelColor>(label?.color ?? 'blue');

  const submit = (event: FormEvent) => {
    event.preventDefault();
    save.mutate({ id: label?.id ?? null, body: { name: name.trim(), color } }, { onSuccess: onDone });
  };
  const nameError = fieldError(save.error, 'name');

  return (
    <DialogContent title={label ? t('labels.editTitle') : t('labels.createTitle')}>
      <form className="flex flex-col gap-4" onSubmit={submit}>
        <Field id="label-name" label={t('labels.name')} error={nameError}>
          <Input
            id="label-name"
            value={name}
            maxLength={40}
            required
            onChange={(event) => setName(event.target.value)}
            data-testid="label-name-input"
          />
        </Field>
        <fieldset>
          <legend className="mb-2 text-sm font-medium">{t('labels.color')}</legend>
          <div className="flex flex-wrap gap-2">
            {LABEL_PALETTE.map((c) => (
              <button
                key={c}
                type="button"
                aria-pressed={c === color}
                aria-label={t(`labels.colors.${c}`)}
                title={t(`labels.colors.${c}`)}
                onClick={() => setColor(c)}
                data-testid={`label-color-${c}`}
                className={cn(
                  'size-8 rounded-full ring-offset-2 transition dark:ring-offset-neutral-900',
                  LABEL_CLASSES[c].dot,
                  c === color ? 'ring-2 ring-neutral-900 dark:ring-white' : 'hover:scale-110',
                )}
              />
            ))}
          </div>
        </fieldset>
        <div className="flex items-center gap-2 text-sm text-neutral-500">
          {t('labels.preview')}
          <LabelChip label={{ id: 'preview', name: name.trim() || t('labels.name'), color }} />
        </div>
        {save.isError && !nameError ? <Alert tone="error">{errorMessage(save.error)}</Alert> : null}
        <div className="flex justify-end">
          <Button type="submit" isLoading={save.isPending} data-testid="label-save">
            {t('labels.save')}
          </Button>
        </div>
      </form>
    </DialogContent>
  );
}
