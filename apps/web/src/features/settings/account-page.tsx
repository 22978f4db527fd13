import type { MySession } from '@charla/contracts';
import { Monitor, Smartphone } from 'lucide-react';
import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { formatDate, formatTime } from '../../lib/format';
import { fieldError, hasFieldErrors, useErrorMessage } from '../../lib/use-error-message';
import { Alert } from '../../ui/alert';
import { Badge } from '../../ui/badge';
import { Button } from '../../ui/button';
import { Card } from '../../ui/card';
import { Field } from '../../ui/field';
import { Input } from '../../ui/input';
import { Spinner } from '../../ui/spinner';
import { minPasswordLength } from '../auth/validation';
import { useChangePassword, useEndSession, useMySessions } from './access.api';
import { describeDevice } from './describe-device';

/** Settings > My account: every member changes their password and sees and ends their sessions. */
export function AccountPage() {
  const { t } = useTranslation();
  return (
    <section className="flex flex-col gap-6">
      <div>
        <h2 className="text-lg font-semibold">{t('access.account.title')}</h2>
        <p className="mt-1 text-sm text-neutral-600 dark:text-neutral-400">{t('access.account.subtitle')}</p>
      </div>
      <ChangePasswordForm />
      <MySessions />
    </section>
  );
}

function ChangePasswordForm() {
  const { t } = useTranslation();
  const change = useChangePassword();
  const errorMessage = useErrorMessage();
  const [current, setCurrent] = useState('');
  const [next, setNext] = useState('');
  const [tooShort, setTooShort] = useState(false);

  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    setTooShort(next.length < minPasswordLength);
    if (!current || next.length < minPasswordLength) return;
    change.mutate(
      { currentPassword: current, newPassword: next },
      {
        onSuccess: () => {
          setCurrent('');
          setNext('');
        },
      },
    );
  };
  const currentError =
    change.error && fieldError(change.error, 'currentPassword') ? errorMessage(change.error) : null;

  return (
    <Card className="p-5">
      <h3 className="text-base font-semibold">{t('access.account.password')}</h3>
      <form className="mt-4 flex max-w-sm flex-col gap-4" noValidate onSubmit={onSubmit}>
        <Field id="current-password" label={t('access.account.current')} error={currentError}>
          <Input
            id="current-password"
            type="password"
            autoComplete="current-password"
            value={current}
            onChange={(event) => setCurrent(event.target.value)}
            aria-invalid={Boolean(currentError)}
          />
        </Field>
        <Field
          id="new-password"
          label={t('access.account.new')}
          hint={t('access.account.newHint')}
          error={tooShort ? t('auth.passwordTooShort') : fieldError(change.error, 'newPassword')}
        >
          <Input
            id="new-password"
            type="password"
            autoComplete="new-password"
            value={next}
            onChange={(event) => setNext(event.target.value)}
          />
        </Field>
        {change.isError && !hasFieldErrors(change.error) ? (
          <Alert tone="error">{errorMessage(change.error)}</Alert>
        ) : null}
        {change.isSuccess ? (
          <Alert tone="info">
            <span data-testid="password-changed">{t('access.account.changed')}</span>
          </Alert>
        ) : null}
        <div>
          <Button type="submit" isLoading={change.isPending} data-testid="password-submit">
            {t('access.account.submit')}
          </Button>
        </div>
      </form>
    </Card>
  );
}

function MySessions() {
  const { t } = useTranslation();
  const sessions = useMySessions();
  const end = useEndSession();
  const errorMessage = useErrorMessage();

  return (
    <Card className="p-5">
      <div className="flex flex-wrap items-start justify-between gap-3">
        <div>
          <h3 className="text-base font-semibold">{t('access.account.sessions')}</h3>
          <p className="mt-1 text-sm text-neutral-600 dark:text-neutral-400">
            {t('access.account.sessionsHint')}
          </p>
        </div>
        {sessions.data && sessions.data.length > 1 ? (
          <Button
            variant="secondary"
            size="sm"
            isLoading={end.isPending && end.variables === null}
            onClick={() => end.mutate(null)}
            data-testid="sessions-end-others"
          >
            {t('access.account.endOthers')}
          </Button>
        ) : null}
      </div>
      {end.isError ? <Alert tone="error">{errorMessage(end.error)}</Alert> : null}
      {sessions.isPending ? (
        <div className="flex justify-center py-6 text-brand-600">
          <Spinner />
        </div>
      ) : sessions.isError ? (
        <Alert tone="error">{errorMessage(sessions.error)}</Alert>
      ) : (
        <ul className="mt-4 divide-y divide-neutral-100 dark:divide-neutral-800" data-testid="my-sessions">
          {sessions.data.map((session) => (
            <SessionRow
              key={session.id}
              session={session}
              isEnding={end.isPending && end.variables === session.id}
              onEnd={() => end.mutate(session.id)}
            />
          ))}
          {sessions.data.length === 1 ? (
            <li className="py-3 text-sm text-neutral-500 dark:text-neutral-400">
              {t('access.account.noOthers')}
            </li>
          ) : null}
        </ul>
      )}
    </Card>
  );
}

function SessionRow({
  session,
  isEnding,
  onEnd,
}: {
  session: MySession;
  isEnding: boolean;
  onEnd: () => void;
}) {
  const { t, i18n } = useTranslation();
  const when = (iso: string) => `${formatDate(iso, i18n.language)} ${formatTime(iso, i18n.language)}`;
  const Icon = /iPhone|Android|Mobile/.test(session.userAgent ?? '') ? Smartphone : Monitor;
  return (
    <li className="flex flex-wrap items-center justify-between gap-3 py-3 text-sm" data-testid="my-session">
      <div className="flex min-w-0 items-start gap-3">
        <Icon aria-hidden className="mt-0.5 size-5 shrink-0 text-neutral-500" />
        <div className="min-w-0">
          <p className="truncate font-medium" title={session.userAgent ?? undefined}>
            {describeDevice(session.userAgent) ?? t('access.account.unknownDevice')}
            {session.isCurrent ? (
              <Badge tone="green" className="ml-2">
                {t('access.account.thisDevice')}
              </Badge>
            ) : null}
          </p>
          <p className="text-xs text-neutral-500 dark:text-neutral-400">
            {[
              session.ip ? t('access.account.address', { ip: session.ip }) : null,
              t('access.account.since', { date: when(session.createdAt) }),
              session.lastSeenAt ? t('access.account.lastSeen', { date: when(session.lastSeenAt) }) : null,
            ]
              .filter(Boolean)
              .join(' · ')}
          </p>
        </div>
      </div>
      {session.isCurrent ? null : (
        <Button variant="ghost" size="sm" isLoading={isEnding} onClick={onEnd} data-testid="session-end">
          {t('access.account.end')}
        </Button>
      )}
    </li>
  );
}
