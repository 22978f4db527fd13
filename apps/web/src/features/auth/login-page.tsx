import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, Navigate, useLocation, useNavigate } from 'react-router';
import { useErrorMessage } from '../../lib/use-error-message';
import { Alert } from '../../ui/alert';
import { Button } from '../../ui/button';
import { Field } from '../../ui/field';
import { Input } from '../../ui/input';
import { useAuthOptions } from '../settings/access.api';
import { useLogin, useMe } from './auth.api';
import { AuthLayout } from './auth-layout';

/** Where the user was going before being sent to the login page. */
function readReturnTo(state: unknown): string {
  if (state && typeof state === 'object' && 'from' in state && typeof state.from === 'string') {
    if (state.from.startsWith('/') && !state.from.startsWith('//')) return state.from;
  }
  return '/inbox';
}

export function LoginPage() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const location = useLocation();
  const me = useMe();
  const login = useLogin();
  const options = useAuthOptions();
  const errorMessage = useErrorMessage();
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  const returnTo = readReturnTo(location.state);

  // `me.data` outlives a session that ended (the refetch failed): only a live one skips this page.
  if (me.data && !me.isError && !login.isPending) return <Navigate to={returnTo} replace />;

  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    if (!email.trim() || !password) return;
    login.mutate(
      { email: email.trim(), password },
      { onSuccess: () => navigate(returnTo, { replace: true }) },
    );
  };

  return (
    <AuthLayout title={t('login.title')} subtitle={t('login.subtitle')}>
      <form className="flex flex-col gap-4" onSubmit={onSubmit}>
        <Field id="login-email" label={t('auth.email')}>
          <Input
            id="login-email"
            name="email"
            type="email"
            autoComplete="username"
            required
            value={email}
            onChange={(event) => setEmail(event.target.value)}
            autoFocus
          />
        </Field>
        <Field id="login-password" label={t('auth.password')}>
          <Input
            id="login-password"
            name="password"
            type="password"
            autoComplete="current-password"
            required
            value={password}
            onChange={(event) => setPassword(event.target.value)}
          />
        </Field>
        {options.data?.passwordResetByEmail ? (
          <Link
            to="/forgot-password"
            className="-mt-2 self-end text-sm text-brand-700 hover:underline dark:text-brand-300"
            data-testid="forgot-link"
          >
            {t('access.forgot.link')}
          </Link>
        ) : null}
        {login.isError ? <Alert tone="error">{errorMessage(login.error)}</Alert> : null}
        <Button
          type="submit"
          size="lg"
          className="mt-2"
          isLoading={login.isPending}
          data-testid="login-submit"
        >
          {t('login.submit')}
        </Button>
      </form>
    </AuthLayout>
  );
}
