import { CheckCircle2, Send } from 'lucide-react';
import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { checkE164, examplePhone, formatPhone } from '../../../lib/phone-number';
import { useErrorMessage } from '../../../lib/use-error-message';
import { Alert } from '../../../ui/alert';
import { Button } from '../../../ui/button';
import { Field } from '../../../ui/field';
import { Input } from '../../../ui/input';
import { useSession } from '../../auth/require-auth';
import { useTestSend } from '../broadcasts.api';
import type { StepProps } from './wizard-state';

/** One message to one number before thousands: the cheapest way to catch a wrong variable. */
export function StepTest({ state, ctx }: StepProps) {
  const { t, i18n } = useTranslation();
  const errorMessage = useErrorMessage();
  const testSend = useTestSend();
  const country = useSession().workspace.defaultCountry;
  const example = country ? examplePhone(country) : null;
  const [phone, setPhone] = useState('');
  const [problem, setProblem] = useState<string | null>(null);
  const [sentTo, setSentTo] = useState<string[]>([]);

  const submit = (event: FormEvent) => {
    event.preventDefault();
    // Without +, the server reads the number in the workspace's country (when it has one).
    const isNational = country !== null && phone.trim() !== '' && !/^\s*(\+|00)/.test(phone);
    const checked = isNational ? { phone: phone.trim() } : checkE164(phone);
    if ('problem' in checked) {
      setProblem(checked.problem);
      return;
    }
    setProblem(null);
    if (!ctx.template || !state.variables) return;
    testSend.mutate(
      {
        channelId: state.channelId,
        templateId: ctx.template.id,
        variables: state.variables,
        phone: checked.phone,
      },
      {
        onSuccess: (sent) => {
          const to = formatPhone(sent.to);
          setSentTo((list) => [to, ...list.filter((p) => p !== to)]);
        },
      },
    );
  };

  return (
    <form className="flex flex-col gap-4" onSubmit={submit} noValidate>
      <p className="text-sm text-neutral-600 dark:text-neutral-400">{t('broadcasts.test.intro')}</p>
      <div className="flex flex-col gap-2 sm:flex-row sm:items-start">
        <div className="flex-1">
          <Field
            id="test-phone"
            label={t('broadcasts.test.phone')}
            hint={
              country && example
                ? t('broadcasts.test.phoneHintCountry', {
                    country:
                      new Intl.DisplayNames([i18n.language], { type: 'region' }).of(country) ?? country,
                    example,
                  })
                : t('broadcasts.test.phoneHint')
            }
            error={problem ? t(`broadcasts.test.problems.${problem}`) : null}
          >
            <Input
              id="test-phone"
              data-testid="test-phone"
              type="tel"
              inputMode="tel"
              autoComplete="tel"
              placeholder="+34 612 345 678"
              value={phone}
              aria-invalid={problem !== null}
              aria-describedby={problem ? 'test-phone-error' : 'test-phone-hint'}
              onChange={(e) => {
                setPhone(e.target.value);
                setProblem(null);
              }}
            />
          </Field>
        </div>
        <Button
          type="submit"
          variant="secondary"
          className="sm:mt-7"
          isLoading={testSend.isPending}
          data-testid="test-send"
        >
          <Send aria-hidden className="size-4" />
          {t('broadcasts.test.send')}
        </Button>
      </div>
      {testSend.isError ? <Alert tone="error">{errorMessage(testSend.error)}</Alert> : null}
      {sentTo.length > 0 ? (
        <Alert>
          <span className="flex items-start gap-2" data-testid="test-sent">
            <CheckCircle2 aria-hidden className="mt-0.5 size-4 shrink-0" />
            {t('broadcasts.test.sent', { phones: sentTo.join(', ') })}
          </span>
        </Alert>
      ) : null}
      <p className="text-xs text-neutral-500 dark:text-neutral-400">{t('broadcasts.test.fallbackNote')}</p>
    </form>
  );
}
