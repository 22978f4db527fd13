import { KeyRound } from 'lucide-react';
import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import { isApiError } from '../../lib/api';
import { fieldError, hasFieldErrors, useErrorMessage } from '../../lib/use-error-message';
import { Alert } from '../../ui/alert';
import { Button, buttonClasses } from '../../ui/button';
import { EmptyState } from '../../ui/empty-state';
import { Field } from '../../ui/field';
import { Input } from '../../ui/input';
import { Spinner } from '../../ui/spinner';
import { usePasswordResetPreview, useResetPassword } from '../settings/access.api';
import { AuthLayout } from './auth-layout';
import { minPasswordLength } from './validation';

/** Reached from a reset link (made by an admin or emailed by "forgot password"): choose a new password. */
export function ResetPasswordPage() {
  const { t } = useTranslation();
  const { token = '' } = useParams();
  const preview = usePasswordResetPreview(token);
  const reset = useResetPassword(token);
  const errorMessage = useErrorMessage();
  const [password, setPassword] = useState('');
  const [tooShort, setTooShort] = useState(false);

  const toLogin = (
    <Link to="/login" className={buttonClasses('secondary')} data-testid="reset-to-login">
      {t('access.resetPage.goToLogin')}
    </Link>
  );
  if (preview.isPending) {
    return (
      <AuthLayout title={t('access.resetPage.title')}>
        <div className="flex justify-center py-6 text-brand-600">
          <Spinner />
        </div>
      </AuthLayout>
    );
  }
  const gone = preview.isError || isApiError(reset.error, 'reset_link_not_found');
  if (gone || !preview.data) {
    return (
      <AuthLayout title={t('access.resetPage.title')}>
        <EmptyState
          icon={KeyRound}
          title={t('access.resetPage.notFoundTitle')}
          description={
            isApiError(preview.error ?? reset.error, 'reset_link_not_found')
              ? t('access.resetPage.notFoundBody')
              : errorMessage(preview.error)
          }
          action={toLogin}
          className="py-4"
        />
      </AuthLayout>
    );
  }
  if (reset.isSuccess) {
    return (
      <AuthLayout title={t('access.resetPage.title')}>
        <div className="flex flex-col gap-4">
          <Alert tone="info">
            <span data-testid="reset-done">{t('access.resetPage.done')}</span>
          </Alert>
          {toLogin}
        </div>
      </AuthLayout>
    );
  }

  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    const isShort = password.length < minPasswordLength;
    setTooShort(isShort);
    if (!isShort) reset.mutate(password);
  };
  const passwordError = tooShort ? t('auth.passwordTooShort') : fieldError(reset.error, 'password');

  return (
    <AuthLayout
      title={t('access.resetPage.title')}
      subtitle={t('access.resetPage.subtitle', { name: preview.data.name, email: preview.data.email })}
    >
      <form className="flex flex-col gap-4" noValidate onSubmit={onSubmit}>
        <input type="hidden" name="username" autoComplete="username" value={preview.data.email} />
        <Field
          id="reset-password"
          label={t('auth.password')}
          hint={t('auth.passwordHint')}
          error={passwordError}
        >
          <Input
            id="reset-password"
            type="password"
            autoComplete="new-password"
            value={password}
            onChange={(event) => setPassword(event.target.value)}
            aria-invalid={Boolean(passwordError)}
            autoFocus
          />
        </Field>
        {reset.isError && !hasFieldErrors(reset.error) ? (
          <Alert tone="error">{errorMessage(reset.error)}</Alert>
        ) : null}
        <Button type="submit" size="lg" isLoading={reset.isPending} data-testid="reset-submit">
          {t('access.resetPage.submit')}
        </Button>
      </form>
    </AuthLayout>
  );
}
