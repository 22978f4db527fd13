import type { Invitation, InviteRequest } from '@charla/contracts';
import { Check, Copy, UserPlus } from 'lucide-react';
import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { fieldError, hasFieldErrors, useErrorMessage } from '../../lib/use-error-message';
import { Alert } from '../../ui/alert';
import { Button } from '../../ui/button';
import { Dialog, DialogClose, DialogContent, DialogTrigger } from '../../ui/dialog';
import { Field } from '../../ui/field';
import { Input, Select } from '../../ui/input';
import { looksLikeEmail } from '../auth/validation';
import { useInvite } from './settings.api';

/** Creates an invitation and shows its link once: the token in it cannot be read again. */
export function InviteDialog() {
  const { t } = useTranslation();
  const [isOpen, setIsOpen] = useState(false);
  const [invitation, setInvitation] = useState<Invitation | null>(null);

  const onOpenChange = (open: boolean) => {
    setIsOpen(open);
    if (!open) setInvitation(null);
  };

  return (
    <Dialog open={isOpen} onOpenChange={onOpenChange}>
      <DialogTrigger asChild>
        <Button data-testid="invite-open">
          <UserPlus aria-hidden className="size-4" />
          {t('settings.invite.button')}
        </Button>
      </DialogTrigger>
      <DialogContent
        title={invitation ? t('settings.invite.createdTitle') : t('settings.invite.title')}
        description={
          invitation
            ? t('settings.invite.createdBody', { email: invitation.email })
            : t('settings.invite.body')
        }
      >
        {invitation ? (
          <div className="flex flex-col gap-3">
            {invitation.emailed ? <Alert tone="info">{t('access.invitations.emailed')}</Alert> : null}
            <InvitationLink url={invitation.url} />
          </div>
        ) : (
          <InviteForm onCreated={setInvitation} />
        )}
      </DialogContent>
    </Dialog>
  );
}

function InviteForm({ onCreated }: { onCreated: (invitation: Invitation) => void }) {
  const { t } = useTranslation();
  const invite = useInvite();
  const errorMessage = useErrorMessage();
  const [email, setEmail] = useState('');
  const [role, setRole] = useState<InviteRequest['role']>('agent');
  const [emailError, setEmailError] = useState<string | null>(null);

  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    if (!looksLikeEmail(email)) {
      setEmailError(t('auth.invalidEmail'));
      return;
    }
    setEmailError(null);
    invite.mutate({ email: email.trim(), role }, { onSuccess: onCreated });
  };

  const shownEmailError = emailError ?? fieldError(invite.error, 'email');

  return (
    <form className="flex flex-col gap-4" noValidate onSubmit={onSubmit}>
      <Field id="invite-email" label={t('auth.email')} error={shownEmailError}>
        <Input
          id="invite-email"
          name="email"
          type="email"
          value={email}
          onChange={(event) => setEmail(event.target.value)}
          aria-invalid={Boolean(shownEmailError)}
          autoFocus
        />
      </Field>
      <Field id="invite-role" label={t('settings.members.role')} hint={t(`settings.invite.roleHint.${role}`)}>
        <Select
          id="invite-role"
          name="role"
          value={role}
          onChange={(event) => setRole(event.target.value as InviteRequest['role'])}
        >
          <option value="agent">{t('roles.agent')}</option>
          <option value="admin">{t('roles.admin')}</option>
        </Select>
      </Field>
      {invite.isError && !hasFieldErrors(invite.error) ? (
        <Alert tone="error">{errorMessage(invite.error)}</Alert>
      ) : null}
      <div className="mt-2 flex justify-end gap-2">
        <DialogClose asChild>
          <Button variant="secondary">{t('common.cancel')}</Button>
        </DialogClose>
        <Button type="submit" isLoading={invite.isPending} data-testid="invite-submit">
          {t('settings.invite.submit')}
        </Button>
      </div>
    </form>
  );
}

export function InvitationLink({ url }: { url: string }) {
  const { t } = useTranslation();
  const [isCopied, setIsCopied] = useState(false);

  const onCopy = async () => {
    try {
      await navigator.clipboard.writeText(url);
      setIsCopied(true);
      setTimeout(() => setIsCopied(false), 2_000);
    } catch {
      // Clipboard needs HTTPS or localhost; the link stays selectable in the field.
      document.getElementById('invitation-url')?.focus();
    }
  };

  return (
    <div className="flex flex-col gap-4">
      <div className="flex gap-2">
        <label htmlFor="invitation-url" className="sr-only">
          {t('settings.invite.link')}
        </label>
        <Input
          id="invitation-url"
          readOnly
          value={url}
          onFocus={(event) => event.target.select()}
          className="font-mono text-xs"
          data-testid="invitation-url"
        />
        <Button variant="secondary" onClick={onCopy} data-testid="invitation-copy" aria-live="polite">
          {isCopied ? (
            <Check aria-hidden className="size-4 text-brand-600" />
          ) : (
            <Copy aria-hidden className="size-4" />
          )}
          {isCopied ? t('settings.invite.copied') : t('settings.invite.copy')}
        </Button>
      </div>
      <Alert tone="warning">{t('settings.invite.onlyOnce')}</Alert>
      <div className="flex justify-end">
        <DialogClose asChild>
          <Button>{t('common.done')}</Button>
        </DialogClose>
      </div>
    </div>
  );
}
