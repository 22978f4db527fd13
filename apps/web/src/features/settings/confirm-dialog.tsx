import { useTranslation } from 'react-i18next';
import { useErrorMessage } from '../../lib/use-error-message';
import { Alert } from '../../ui/alert';
import { Button } from '../../ui/button';
import { Dialog, DialogClose, DialogContent } from '../../ui/dialog';

/** Asks before a change that takes someone's access away; shows why the server refused it. */
export function ConfirmDialog(props: {
  open: boolean;
  onOpenChange: (open: boolean) => void;
  title: string;
  body: string;
  submit: string;
  tone?: 'danger' | 'primary';
  isPending: boolean;
  error: unknown;
  onConfirm: () => void;
}) {
  const { t } = useTranslation();
  const errorMessage = useErrorMessage();
  return (
    <Dialog open={props.open} onOpenChange={props.onOpenChange}>
      <DialogContent title={props.title} description={props.body}>
        {props.error ? <Alert tone="error">{errorMessage(props.error)}</Alert> : null}
        <div className="mt-4 flex justify-end gap-2">
          <DialogClose asChild>
            <Button variant="secondary">{t('common.cancel')}</Button>
          </DialogClose>
          <Button
            variant={props.tone === 'primary' ? 'primary' : 'danger'}
            isLoading={props.isPending}
            onClick={props.onConfirm}
            data-testid="confirm-submit"
          >
            {props.submit}
          </Button>
        </div>
      </DialogContent>
    </Dialog>
  );
}
