import type { SavedView, SavedViewKind } from '@charla/contracts';
import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { fieldError, useErrorMessage } from '../../../lib/use-error-message';
import { Alert } from '../../../ui/alert';
import { Button } from '../../../ui/button';
import { DialogContent } from '../../../ui/dialog';
import { Field } from '../../../ui/field';
import { Input } from '../../../ui/input';
import { canManageMembers, useSession } from '../../auth/require-auth';
import { useCreateView, useUpdateView } from './views.api';

export function ViewDialog(props: {
  kind: SavedViewKind;
  view: SavedView | null;
  filters: object;
  onDone: () => void;
}) {
  const { t } = useTranslation();
  const { role } = useSession();
  const create = useCreateView(props.kind);
  const update = useUpdateView(props.kind);
  const errorMessage = useErrorMessage();
  const [name, setName] = useState(props.view?.name ?? '');
  const [shared, setShared] = useState(props.view?.shared ?? false);
  const save = props.view ? update : create;

  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (props.view)
      update.mutate({ id: props.view.id, body: { name: name.trim(), shared } }, { onSuccess: props.onDone });
    else
      create.mutate(
        { name: name.trim(), shared, filters: props.filters as Record<string, unknown> },
        { onSuccess: props.onDone },
      );
  };
  const nameError = fieldError(save.error, 'name');

  return (
    <DialogContent title={props.view ? t('views.renameTitle') : t('views.saveTitle')}>
      <form className="flex flex-col gap-4" onSubmit={submit}>
        <Field id="view-name" label={t('views.name')} error={nameError}>
          <Input
            id="view-name"
            value={name}
            maxLength={60}
            required
            autoFocus
            onChange={(event) => setName(event.target.value)}
            data-testid="view-name-input"
          />
        </Field>
        {canManageMembers(role) ? (
          <label className="flex items-start gap-2 text-sm">
            <input
              type="checkbox"
              className="mt-0.5"
              checked={shared}
              onChange={(e) => setShared(e.target.checked)}
              data-testid="view-shared"
            />
            <span>
              {t('views.share')}
              <span className="block text-xs text-neutral-500">{t('views.shareHint')}</span>
            </span>
          </label>
        ) : null}
        {save.isError && !nameError ? <Alert tone="error">{errorMessage(save.error)}</Alert> : null}
        <div className="flex justify-end">
          <Button type="submit" isLoading={save.isPending} data-testid="view-save">
            {t('views.confirm')}
          </Button>
        </div>
      </form>
    </DialogContent>
  );
}
