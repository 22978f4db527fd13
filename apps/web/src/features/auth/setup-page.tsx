import type { Locale } from '@charla/contracts';
import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import { chooseLocale, currentLocale } from '../../i18n';
import { browserTimeZone } from '../../lib/time-zones';
import { fieldError, hasFieldErrors, useErrorMessage } from '../../lib/use-error-message';
import { Alert } from '../../ui/alert';
import { Button } from '../../ui/button';
import { Field } from '../../ui/field';
import { Input, Select } from '../../ui/input';
import { TimeZoneSelect } from '../../ui/time-zone-select';
import { useSetup } from './auth.api';
import { AuthLayout } from './auth-layout';
import { type FieldErrors, looksLikeEmail, minPasswordLength } from './validation';

type SetupField = 'workspaceName' | 'name' | 'email' | 'password';

export function SetupPage() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const setup = useSetup();
  const errorMessage = useErrorMessage();
  const [values, setValues] = useState({ workspaceName: '', name: '', email: '', password: '' });
  const [timezone, setTimezone] = useState(browserTimeZone);
  const [errors, setErrors] = useState<FieldErrors<SetupField>>({});
  const locale = currentLocale();

  const onChange = (field: SetupField) => (event: { target: { value: string } }) =>
    setValues((current) => ({ ...current, [field]: event.target.value }));

  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    const found: FieldErrors<SetupField> = {};
    if (!values.workspaceName.trim()) found.workspaceName = t('auth.required');
    if (!values.name.trim()) found.name = t('auth.required');
    if (!looksLikeEmail(values.email)) found.email = t('auth.invalidEmail');
    if (values.password.length < minPasswordLength) found.password = t('auth.passwordTooShort');
    setErrors(found);
    if (Object.keys(found).length > 0) return;
    setup.mutate(
      { ...values, email: values.email.trim(), locale, timezone },
      { onSuccess: () => navigate('/inbox', { replace: true }) },
    );
  };

  const errorOf = (field: SetupField) => errors[field] ?? fieldError(setup.error, field);

  return (
    <AuthLayout title={t('setup.title')} subtitle={t('setup.subtitle')}>
      <form className="flex flex-col gap-4" noValidate onSubmit={onSubmit}>
        <Field
          id="setup-workspace"
          label={t('setup.workspaceName')}
          hint={t('setup.workspaceNameHint')}
          error={errorOf('workspaceName')}
        >
          <Input
            id="setup-workspace"
            name="workspaceName"
            autoComplete="organization"
            value={values.workspaceName}
            onChange={onChange('workspaceName')}
            aria-invalid={Boolean(errorOf('workspaceName'))}
            maxLength={80}
            autoFocus
          />
        </Field>
        <Field id="setup-name" label={t('setup.yourName')} error={errorOf('name')}>
          <Input
            id="setup-name"
            name="name"
            autoComplete="name"
            value={values.name}
            onChange={onChange('name')}
            aria-invalid={Boolean(errorOf('name'))}
            maxLength={80}
          />
        </Field>
        <Field id="setup-email" label={t('auth.email')} error={errorOf('email')}>
          <Input
            id="setup-email"
            name="email"
            type="email"
            autoComplete="email"
            value={values.email}
            onChange={onChange('email')}
            aria-invalid={Boolean(errorOf('email'))}
          />
        </Field>
        <Field
          id="setup-password"
          label={t('auth.password')}
          hint={t('auth.passwordHint')}
          error={errorOf('password')}
        >
          <Input
            id="setup-password"
            name="password"
            type="password"
            autoComplete="new-password"
            value={values.password}
            onChange={onChange('password')}
            aria-invalid={Boolean(errorOf('password'))}
            aria-describedby={errorOf('password') ? 'setup-password-error' : 'setup-password-hint'}
          />
        </Field>
        <Field id="setup-locale" label={t('common.language')}>
          <Select
            id="setup-locale"
            name="locale"
            value={locale}
            onChange={(event) => chooseLocale(event.target.value as Locale)}
          >
            <option value="es">{t('common.languages.es')}</option>
            <option value="en">{t('common.languages.en')}</option>
          </Select>
        </Field>
        <Field
          id="setup-timezone"
          label={t('setup.timezone')}
          hint={t('setup.timezoneHint')}
          error={fieldError(setup.error, 'timezone')}
        >
          <TimeZoneSelect id="setup-timezone" name="timezone" value={timezone} onChange={setTimezone} />
        </Field>
        {setup.isError && !hasFieldErrors(setup.error) ? (
          <Alert tone="error">{errorMessage(setup.error)}</Alert>
        ) : null}
        <Button
          type="submit"
          size="lg"
          className="mt-2"
          isLoading={setup.isPending}
          data-testid="setup-submit"
        >
          {t('setup.submit')}
        </Button>
      </form>
    </AuthLayout>
  );
}
