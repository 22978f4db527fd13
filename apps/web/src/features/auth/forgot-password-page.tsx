import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, Navigate } from 'react-router';
import { useErrorMessage } from '../../lib/use-error-message';
import { Alert } from '../../ui/alert';
import { Button, buttonClasses } from '../../ui/button';
import { Field } from '../../ui/field';
import { Input } from '../../ui/input';
import { useAuthOptions, useForgotPassword } from '../settings/access.api';
import { AuthLayout } from './auth-layout';
import { looksLikeEmail } from './validation';

/** "Forgot password": only where Charla can send email; the answer never says whether the email has an account. */
export function ForgotPasswordPage() {
  const { t } = useTranslation();
  const options = useAuthOptions();
  const forgot = useForgotPassword();
  const errorMessage = useErrorMessage();
  const [email, setEmail] = useState('');
  const [invalid, setInvalid] = useState(false);

  if (options.data && !options.data.passwordResetByEmail) return <Navigate to="/login" replace />;

  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    const isInvalid = !looksLikeEmail(email);
    setInvalid(isInvalid);
    if (!isInvalid) forgot.mutate(email.trim());
  };

  return (
    <AuthLayout title={t('access.forgot.title')} subtitle={t('access.forgot.subtitle')}>
      {forgot.isSuccess ? (
        <div className="flex flex-col gap-4">
          <Alert tone="info">
            <span data-testid="forgot-sent">{t('access.forgot.sent', { email: email.trim() })}</span>
          </Alert>
          <Link to="/login" className={buttonClasses('secondary')}>
            {t('access.forgot.back')}
          </Link>
        </div>
      ) : (
        <form className="flex flex-col gap-4" noValidate onSubmit={onSubmit}>
          <Field id="forgot-email" label={t('auth.email')} error={invalid ? t('auth.invalidEmail') : null}>
            <Input
              id="forgot-email"
              type="email"
              autoComplete="username"
              value={email}
              onChange={(event) => setEmail(event.target.value)}
              aria-invalid={invalid}
              autoFocus
            />
          </Field>
          {forgot.isError ? <Alert tone="error">{errorMessage(forgot.error)}</Alert> : null}
          <Button type="submit" size="lg" isLoading={forgot.isPending} data-testid="forgot-submit">
            {t('access.forgot.submit')}
          </Button>
          <Link
            to="/login"
            className="text-center text-sm text-brand-700 hover:underline dark:text-brand-300"
          >
            {t('access.forgot.back')}
          </Link>
        </form>
      )}
    </AuthLayout>
  );
}
