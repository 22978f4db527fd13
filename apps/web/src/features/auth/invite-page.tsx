import type { Locale } from '@charla/contracts';
import { MailX } from 'lucide-react';
import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate, useParams } from 'react-router';
import { chooseLocale, currentLocale } from '../../i18n';
import { isApiError } from '../../lib/api';
import { fieldError, hasFieldErrors, useErrorMessage } from '../../lib/use-error-message';
import { Alert } from '../../ui/alert';
import { Button, buttonClasses } from '../../ui/button';
import { EmptyState } from '../../ui/empty-state';
import { Field } from '../../ui/field';
import { Input, Select } from '../../ui/input';
import { Spinner } from '../../ui/spinner';
import { useAcceptInvitation, useInvitationPreview } from './auth.api';
import { AuthLayout } from './auth-layout';
import { minPasswordLength } from './validation';

export function InvitePage() {
  const { t } = useTranslation();
  const { token = '' } = useParams();
  const preview = useInvitationPreview(token);
  const errorMessage = useErrorMessage();

  if (preview.isPending) {
    return (
      <AuthLayout title={t('invite.title')}>
        <div className="flex justify-center py-6 text-brand-600">
          <Spinner />
        </div>
      </AuthLayout>
    );
  }

  if (preview.isError) {
    const isGone = isApiError(preview.error, 'invitation_not_found');
    return (
      <AuthLayout title={t('invite.title')}>
        <EmptyState
          icon={MailX}
          title={isGone ? t('invite.notFoundTitle') : t('errors.unknown')}
          description={isGone ? t('invite.notFoundBody') : errorMessage(preview.error)}
          action={
            <Link to="/login" className={buttonClasses('secondary')}>
              {t('invite.goToLogin')}
            </Link>
          }
          className="py-4"
        />
      </AuthLayout>
    );
  }

  const { workspaceName, email, role } = preview.data;
  return (
    <AuthLayout
      title={t('invite.joinTitle', { workspace: workspaceName })}
      subtitle={t('invite.subtitle', { email, role: t(`roles.${role}`).toLocaleLowerCase() })}
    >
      <AcceptForm token={token} email={email} />
    </AuthLayout>
  );
}

function AcceptForm({ token, email }: { token: string; email: string }) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const accept = useAcceptInvitation(token);
  const errorMessage = useErrorMessage();
  const [name, setName] = useState('');
  const [password, setPassword] = useState('');
  const [errors, setErrors] = useState<{ name?: string; password?: string }>({});
  const locale = currentLocale();

  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    const found: typeof errors = {};
    if (!name.trim()) found.name = t('auth.required');
    if (password.length < minPasswordLength) found.password = t('auth.passwordTooShort');
    setErrors(found);
    if (Object.keys(found).length > 0) return;
    accept.mutate({ name, password, locale }, { onSuccess: () => navigate('/inbox', { replace: true }) });
  };

  const nameError = errors.name ?? fieldError(accept.error, 'name');
  const passwordError = errors.password ?? fieldError(accept.error, 'password');

  return (
    <form className="flex flex-col gap-4" noValidate onSubmit={onSubmit}>
      <Field id="invite-email" label={t('auth.email')}>
        <Input
          id="invite-email"
          name="email"
          type="email"
          value={email}
          readOnly
          disabled
          autoComplete="username"
        />
      </Field>
      <Field id="invite-name" label={t('setup.yourName')} error={nameError}>
        <Input
          id="invite-name"
          name="name"
          autoComplete="name"
          value={name}
          onChange={(event) => setName(event.target.value)}
          aria-invalid={Boolean(nameError)}
          maxLength={80}
          autoFocus
        />
      </Field>
      <Field
        id="invite-password"
        label={t('auth.password')}
        hint={t('auth.passwordHint')}
        error={passwordError}
      >
        <Input
          id="invite-password"
          name="password"
          type="password"
          autoComplete="new-password"
          value={password}
          onChange={(event) => setPassword(event.target.value)}
          aria-invalid={Boolean(passwordError)}
          aria-describedby={passwordError ? 'invite-password-error' : 'invite-password-hint'}
        />
      </Field>
      <Field id="invite-locale" label={t('common.language')}>
        <Select
          id="invite-locale"
          name="locale"
          value={locale}
          onChange={(event) => chooseLocale(event.target.value as Locale)}
        >
          <option value="es">{t('common.languages.es')}</option>
          <option value="en">{t('common.languages.en')}</option>
        </Select>
      </Field>
      {accept.isError && !hasFieldErrors(accept.error) ? (
        <Alert tone="error">{errorMessage(accept.error)}</Alert>
      ) : null}
      <Button
        type="submit"
        size="lg"
        className="mt-2"
        isLoading={accept.isPending}
        data-testid="invite-submit"
      >
        {t('invite.submit')}
      </Button>
    </form>
  );
}
