import type { Contact, EraseContactResult } from '@charla/contracts';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { Download, Trash2 } from 'lucide-react';
import { useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../../lib/api';
import { formatPhone } from '../../lib/phone-number';
import { useErrorMessage } from '../../lib/use-error-message';
import { Alert } from '../../ui/alert';
import { Button, buttonClasses } from '../../ui/button';
import { Dialog, DialogClose, DialogContent, DialogTrigger } from '../../ui/dialog';
import { Input } from '../../ui/input';
import { Label } from '../../ui/label';

const digits = (s: string) => s.replace(/\D/g, '');
const words = (s: string) => s.normalize('NFC').trim().replace(/\s+/g, ' ').toLocaleLowerCase();

/** What the server accepts as confirmation (privacy/erase-contact.ts): the number, any spacing, or the name. */
export function confirmsContact(c: Pick<Contact, 'phone' | 'waId' | 'name' | 'profileName'>, typed: string) {
  const d = digits(typed);
  if (d.length >= 6 && [c.phone, c.waId].some((p) => p && digits(p) === d)) return true;
  const w = words(typed);
  return w !== '' && [c.name, c.profileName].some((n) => n && words(n) === w);
}

/** "Exportar datos" and "Eliminar definitivamente" for one contact (owners and admins). */
export function ContactPrivacyActions({ contact, onErased }: { contact: Contact; onErased: () => void }) {
  const { t } = useTranslation();
  return (
    <div className="flex flex-col gap-2" data-testid="contact-privacy">
      <p className="text-sm font-medium">{t('privacy.heading')}</p>
      <p className="text-xs text-neutral-500">{t('privacy.hint')}</p>
      <div className="flex flex-wrap gap-2">
        {/* A link, not a fetch: the browser streams the zip to disk with the session cookie (GET). */}
        <a
          href={`/api/contacts/${encodeURIComponent(contact.id)}/export`}
          download
          className={buttonClasses('secondary', 'sm')}
          data-testid="contact-export"
        >
          <Download aria-hidden className="size-4" />
          {t('privacy.export')}
        </a>
        <EraseDialog contact={contact} onErased={onErased} />
      </div>
    </div>
  );
}

function EraseDialog({ contact, onErased }: { contact: Contact; onErased: () => void }) {
  const { t } = useTranslation();
  const id = useId();
  const client = useQueryClient();
  const errorMessage = useErrorMessage();
  const [open, setOpen] = useState(false);
  const [typed, setTyped] = useState('');
  const erase = useMutation({
    mutationFn: () =>
      api.post<EraseContactResult>(`/api/contacts/${encodeURIComponent(contact.id)}/erase`, {
        confirm: typed,
      }),
    onSuccess: () => {
      void client.invalidateQueries({ queryKey: ['contacts'] });
      void client.invalidateQueries({ queryKey: ['conversations'] });
      setOpen(false);
      onErased();
    },
  });
  const number = contact.phone ?? contact.waId;
  const shown = number ? formatPhone(number) : null;
  const name = contact.name ?? contact.profileName ?? shown ?? '';
  return (
    <Dialog
      open={open}
      onOpenChange={(next) => {
        setOpen(next);
        if (!next) {
          setTyped('');
          erase.reset();
        }
      }}
    >
      <DialogTrigger asChild>
        <Button type="button" variant="danger" size="sm" data-testid="contact-erase-open">
          <Trash2 aria-hidden className="size-4" />
          {t('privacy.erase')}
        </Button>
      </DialogTrigger>
      <DialogContent title={t('privacy.eraseTitle', { name })} description={t('privacy.eraseWarning')}>
        <form
          className="flex flex-col gap-4"
          onSubmit={(e) => {
            e.preventDefault();
            if (confirmsContact(contact, typed)) erase.mutate();
          }}
        >
          <div className="flex flex-col gap-1.5">
            <Label htmlFor={id}>
              {shown ? t('privacy.confirmLabel', { phone: shown }) : t('privacy.confirmLabelName', { name })}
            </Label>
            <Input
              id={id}
              autoComplete="off"
              autoFocus
              value={typed}
              onChange={(e) => setTyped(e.target.value)}
              data-testid="contact-erase-confirm"
            />
          </div>
          {erase.isError ? <Alert tone="error">{errorMessage(erase.error)}</Alert> : null}
          <div className="flex justify-end gap-2">
            <DialogClose asChild>
              <Button type="button" variant="ghost">
                {t('privacy.cancel')}
              </Button>
            </DialogClose>
            <Button
              type="submit"
              variant="danger"
              disabled={!confirmsContact(contact, typed)}
              isLoading={erase.isPending}
              data-testid="contact-erase-submit"
            >
              {t('privacy.confirmButton')}
            </Button>
          </div>
        </form>
      </DialogContent>
    </Dialog>
  );
}
