import { CANNED_VARIABLES, type CannedResponse } from '@charla/contracts';
import { MessageSquareText } from 'lucide-react';
import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { fieldError, useErrorMessage } from '../../lib/use-error-message';
import { Alert } from '../../ui/alert';
import { Button } from '../../ui/button';
import { Dialog, DialogContent } from '../../ui/dialog';
import { Field } from '../../ui/field';
import { Input, Textarea } from '../../ui/input';
import { canManageMembers, useSession } from '../auth/require-auth';
import { useCannedList, useDeleteCanned, useSaveCanned } from './canned-settings.api';
import { RowActions, SettingsListSection } from './settings-list';

/** The variables a response may use (CANNED_VARIABLES in packages/contracts). */
const VARIABLES = CANNED_VARIABLES;

/** Settings › Canned responses: every member reads them; the owner and admins write them. */
export function CannedResponsesPage() {
  const { t } = useTranslation();
  const { role } = useSession();
  const canManage = canManageMembers(role);
  const canned = useCannedList();
  const remove = useDeleteCanned();
  const [editing, setEditing] = useState<CannedResponse | 'new' | null>(null);

  return (
    <SettingsListSection
      testId="canned-settings-page"
      title={t('cannedSettings.title')}
      subtitle={t('cannedSettings.subtitle')}
      canManage={canManage}
      readOnly={t('cannedSettings.readOnly')}
      create={{
        label: t('cannedSettings.create'),
        testId: 'canned-create',
        onClick: () => setEditing('new'),
      }}
      items={canned}
      empty={{
        icon: MessageSquareText,
        title: t('cannedSettings.empty'),
        body: t('cannedSettings.emptyBody'),
      }}
      error={remove.error}
      row={(item) => (
        <div key={item.id} className="flex flex-wrap items-start gap-3 px-4 py-3" data-testid="canned-row">
          <div className="min-w-56 flex-1 break-words">
            <p className="font-mono text-sm font-medium text-brand-700 dark:text-brand-300">
              /{item.shortcut}
            </p>
            <p className="mt-0.5 line-clamp-3 text-sm whitespace-pre-line text-neutral-600 dark:text-neutral-400">
              {item.body}
            </p>
          </div>
          {canManage ? (
            <RowActions
              testPrefix="canned"
              editLabel={t('cannedSettings.edit')}
              deleteLabel={t('cannedSettings.delete')}
              onEdit={() => setEditing(item)}
              onDelete={() => remove.mutate(item.id)}
              confirm={t('cannedSettings.deleteConfirm', { shortcut: item.shortcut })}
              isDeleting={remove.isPending && remove.variables === item.id}
            />
          ) : null}
        </div>
      )}
    >
      <Dialog open={editing !== null} onOpenChange={(open) => (open ? null : setEditing(null))}>
        {editing !== null ? (
          <CannedDialog item={editing === 'new' ? null : editing} onDone={() => setEditing(null)} />
        ) : null}
      </Dialog>
    </SettingsListSection>
  );
}

function CannedDialog({ item, onDone }: { item: CannedResponse | null; onDone: () => void }) {
  const { t } = useTranslation();
  const save = useSaveCanned();
  const errorMessage = useErrorMessage();
  const [shortcut, setShortcut] = useState(item?.shortcut ?? '');
  const [body, setBody] = useState(item?.body ?? '');

  const submit = (event: FormEvent) => {
    event.preventDefault();
    save.mutate({ id: item?.id ?? null, body: { shortcut: shortcut.trim(), body } }, { onSuccess: onDone });
  };
  const shortcutError = fieldError(save.error, 'shortcut');
  const bodyError = fieldError(save.error, 'body');

  return (
    <DialogContent title={item ? t('cannedSettings.editTitle') : t('cannedSettings.createTitle')} size="lg">
      <form className="flex flex-col gap-4" onSubmit={submit}>
        <Field
          id="canned-shortcut"
          label={t('cannedSettings.shortcut')}
          hint={t('cannedSettings.shortcutHint')}
          error={shortcutError}
        >
          <Input
            id="canned-shortcut"
            value={shortcut}
            maxLength={40}
            onChange={(e) => setShortcut(e.target.value)}
            data-testid="canned-shortcut-input"
          />
        </Field>
        <Field id="canned-body" label={t('cannedSettings.body')} error={bodyError}>
          <Textarea
            id="canned-body"
            rows={5}
            value={body}
            maxLength={4096}
            onChange={(e) => setBody(e.target.value)}
            data-testid="canned-body-input"
          />
        </Field>
        <div className="rounded-lg bg-neutral-50 p-3 text-xs text-neutral-600 dark:bg-neutral-800/60 dark:text-neutral-300">
          <p className="mb-1.5 font-medium">{t('cannedSettings.variables')}</p>
          <div className="flex flex-wrap gap-1.5">
            {VARIABLES.map((v) => (
              <button
                key={v}
                type="button"
                onClick={() => setBody((b) => `${b}{{${v}}}`)}
                className="rounded-md bg-white px-1.5 py-0.5 font-mono ring-1 ring-neutral-200 hover:ring-brand-400 dark:bg-neutral-900 dark:ring-neutral-700"
                title={t(`cannedSettings.variableHelp.${v.replace('.', '_')}`)}
              >
                {`{{${v}}}`}
              </button>
            ))}
          </div>
          <p className="mt-1.5">{t('cannedSettings.variablesHint')}</p>
        </div>
        {save.isError && !shortcutError && !bodyError ? (
          <Alert tone="error">{errorMessage(save.error)}</Alert>
        ) : null}
        <div className="flex justify-end">
          <Button type="submit" isLoading={save.isPending} data-testid="canned-save">
            {t('cannedSettings.save')}
          </Button>
        </div>
      </form>
    </DialogContent>
  );
}
