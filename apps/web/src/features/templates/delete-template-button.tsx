import type { Template } from '@charla/contracts';
import { Trash2 } from 'lucide-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import { Alert } from '../../ui/alert';
import { Button } from '../../ui/button';
import { Dialog, DialogClose, DialogContent, DialogTrigger } from '../../ui/dialog';
import { useDeleteTemplate } from './templates.api';
import { useTemplateErrorMessage } from './use-template-error';

/** Deleting removes the template at Meta too (every language of that name), so it asks first. */
export function DeleteTemplateButton({ template }: { template: Template }) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const errorMessage = useTemplateErrorMessage();
  const remove = useDeleteTemplate();
  const [isOpen, setIsOpen] = useState(false);
  return (
    <Dialog open={isOpen} onOpenChange={setIsOpen}>
      <DialogTrigger asChild>
        <Button variant="ghost" className="text-red-600 dark:text-red-400" data-testid="template-delete">
          <Trash2 aria-hidden className="size-4" />
          <span className="hidden sm:inline">{t('templates.delete.button')}</span>
        </Button>
      </DialogTrigger>
      <DialogContent
        title={t('templates.delete.title', { name: template.name })}
        description={t(template.status === 'draft' ? 'templates.delete.bodyDraft' : 'templates.delete.body')}
      >
        {remove.isError ? <Alert tone="error">{errorMessage(remove.error)}</Alert> : null}
        <div className="mt-2 flex justify-end gap-2">
          <DialogClose asChild>
            <Button variant="secondary">{t('common.cancel')}</Button>
          </DialogClose>
          <Button
            variant="danger"
            isLoading={remove.isPending}
            data-testid="template-delete-confirm"
            onClick={() =>
              remove.mutate(template.id, {
                onSuccess: () =>
                  navigate(`/templates?waba=${encodeURIComponent(template.wabaId)}`, { replace: true }),
              })
            }
          >
            {t('templates.delete.confirm')}
          </Button>
        </div>
      </DialogContent>
    </Dialog>
  );
}
