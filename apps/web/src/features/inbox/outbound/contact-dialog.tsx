import type { SendMessageRequest } from '@charla/contracts';
import { Plus, X } from 'lucide-react';
import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useErrorMessage } from '../../../lib/use-error-message';
import { Alert } from '../../../ui/alert';
import { Button } from '../../../ui/button';
import { Dialog, DialogContent } from '../../../ui/dialog';
import { Field } from '../../../ui/field';
import { Input } from '../../../ui/input';
import { type ContactDraft, toContactsRequest, validateContact } from './contact-draft';

const maxPhones = 5;

type ContactDialogProps = {
  onSend: (request: SendMessageRequest) => Promise<unknown>;
  onClose: () => void;
};

/** A contact card: name, phone numbers, email; the customer can save it or open a chat with it. */
export function ContactDialog({ onSend, onClose }: ContactDialogProps) {
  const { t } = useTranslation();
  const errorMessage = useErrorMessage();
  const [draft, setDraft] = useState<ContactDraft>({ name: '', organization: '', phones: [''], email: '' });
  const [isSubmitted, setIsSubmitted] = useState(false);
  const [isSending, setIsSending] = useState(false);
  const [sendError, setSendError] = useState<string | null>(null);
  const problems = isSubmitted ? validateContact(draft) : null;

  const setPhone = (index: number, value: string) =>
    setDraft((d) => ({ ...d, phones: d.phones.map((phone, i) => (i === index ? value : phone)) }));

  const onSubmit = async (event: FormEvent) => {
    event.preventDefault();
    setIsSubmitted(true);
    if (validateContact(draft)) return;
    setIsSending(true);
    setSendError(null);
    try {
      await onSend(toContactsRequest(draft));
      onClose();
    } catch (cause) {
      setSendError(errorMessage(cause));
    } finally {
      setIsSending(false);
    }
  };

  return (
    <Dialog open onOpenChange={(open) => (open ? null : onClose())}>
      <DialogContent title={t('inbox.contactCard.title')} description={t('inbox.contactCard.intro')}>
        <form
          onSubmit={(event) => void onSubmit(event)}
          className="flex flex-col gap-4"
          data-testid="contact-dialog"
          noValidate
        >
          <Field
            id="contact-name"
            label={t('inbox.contactCard.name')}
            error={problems?.name ? t('auth.required') : null}
          >
            <Input
              id="contact-name"
              name="name"
              value={draft.name}
              onChange={(event) => setDraft({ ...draft, name: event.target.value })}
              aria-invalid={Boolean(problems?.name)}
            />
          </Field>
          <Field id="contact-organization" label={t('inbox.contactCard.organization')}>
            <Input
              id="contact-organization"
              name="organization"
              value={draft.organization}
              onChange={(event) => setDraft({ ...draft, organization: event.target.value })}
            />
          </Field>
          {draft.phones.map((phone, index) => {
            const problem = problems?.phones[index];
            const id = `contact-phone-${index}`;
            return (
              // biome-ignore lint/suspicious/noArrayIndexKey: phone rows have no id; they are only appended or removed
              <div key={index} className="flex items-end gap-2">
                <div className="flex-1">
                  <Field
                    id={id}
                    label={t('inbox.contactCard.phone', { number: index + 1 })}
                    error={
                      problem === 'required'
                        ? t('auth.required')
                        : problem === 'invalid'
                          ? t('inbox.contactCard.phoneInvalid')
                          : null
                    }
                  >
                    <Input
                      id={id}
                      name={`phone-${index}`}
                      type="tel"
                      placeholder="+52 55 1234 5678"
                      value={phone}
                      onChange={(event) => setPhone(index, event.target.value)}
                      aria-invalid={Boolean(problem)}
                    />
                  </Field>
                </div>
                {index > 0 ? (
                  <Button
                    variant="ghost"
                    size="icon"
                    className="mb-0.5"
                    aria-label={t('inbox.contactCard.removePhone')}
                    onClick={() =>
                      setDraft((d) => ({ ...d, phones: d.phones.filter((_, i) => i !== index) }))
                    }
                  >
                    <X aria-hidden className="size-4" />
                  </Button>
                ) : null}
              </div>
            );
          })}
          {draft.phones.length < maxPhones ? (
            <Button
              variant="ghost"
              size="sm"
              className="self-start"
              onClick={() => setDraft((d) => ({ ...d, phones: [...d.phones, ''] }))}
            >
              <Plus aria-hidden className="size-4" />
              {t('inbox.contactCard.addPhone')}
            </Button>
          ) : null}
          <Field
            id="contact-email"
            label={t('inbox.contactCard.email')}
            error={problems?.email ? t('auth.invalidEmail') : null}
          >
            <Input
              id="contact-email"
              name="email"
              type="email"
              value={draft.email}
              onChange={(event) => setDraft({ ...draft, email: event.target.value })}
              aria-invalid={Boolean(problems?.email)}
            />
          </Field>
          {sendError ? <Alert tone="error">{sendError}</Alert> : null}
          <div className="flex justify-end gap-2">
            <Button variant="secondary" onClick={onClose}>
              {t('common.cancel')}
            </Button>
            <Button type="submit" isLoading={isSending} data-testid="contact-send">
              {t('inbox.composer.send')}
            </Button>
          </div>
        </form>
      </DialogContent>
    </Dialog>
  );
}
