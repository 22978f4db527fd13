import type { Channel, ConnectChannelRequest } from '@charla/contracts';
import { Plus, RotateCcw } from 'lucide-react';
import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { isApiError } from '../../lib/api';
import { fieldError, useErrorMessage } from '../../lib/use-error-message';
import { Alert } from '../../ui/alert';
import { Button } from '../../ui/button';
import { Dialog, DialogClose, DialogContent, DialogTrigger } from '../../ui/dialog';
import { Field } from '../../ui/field';
import { Input } from '../../ui/input';
import { useConnectChannel } from './channels.api';
import { WebhookPanel } from './channels-webhook-panel';
import { ConnectRules } from './connect-rules';

type FieldName = keyof Omit<ConnectChannelRequest, 'name'>;
type Values = Record<FieldName, string>;

const empty: Values = { phoneNumberId: '', wabaId: '', accessToken: '', appSecret: '' };

/** The same shapes the server checks (ConnectChannelRequestSchema), without shipping zod to the browser. */
const looksValid: Record<FieldName, (value: string) => boolean> = {
  phoneNumberId: (v) => /^\d{5,20}$/.test(v),
  wabaId: (v) => /^\d{5,20}$/.test(v),
  accessToken: (v) => v.length >= 20,
  appSecret: (v) => /^[0-9a-f]{32}$/i.test(v),
};

/** Server error codes that belong to one field, so the message shows under it. */
const fieldOfCode: Record<string, FieldName> = {
  invalid_access_token: 'accessToken',
  invalid_phone_number_id: 'phoneNumberId',
  channel_taken: 'phoneNumberId',
};

/**
 * Connects a real number: Charla asks Meta before saving, then shows what to paste in Meta. With
 * `reconnect` (a disconnected number), the same form prefilled with its ids: connecting it again
 * with new credentials brings it back with its history.
 */
export function ConnectChannelDialog({ reconnect }: { reconnect?: Channel } = {}) {
  const { t } = useTranslation();
  const [isOpen, setIsOpen] = useState(false);
  const [connected, setConnected] = useState<Channel | null>(null);

  const onOpenChange = (open: boolean) => {
    setIsOpen(open);
    if (!open) setConnected(null);
  };

  return (
    <Dialog open={isOpen} onOpenChange={onOpenChange}>
      <DialogTrigger asChild>
        {reconnect ? (
          <Button data-testid="reconnect-channel">
            <RotateCcw aria-hidden className="size-4" />
            {t('numberDisconnect.reconnect')}
          </Button>
        ) : (
          <Button data-testid="connect-channel-open">
            <Plus aria-hidden className="size-4" />
            {t('settings.channels.connect.button')}
          </Button>
        )}
      </DialogTrigger>
      <DialogContent
        size="lg"
        title={
          connected
            ? t('settings.channels.connect.doneTitle')
            : reconnect
              ? t('numberDisconnect.reconnectTitle', { number: reconnect.displayPhoneNumber })
              : t('settings.channels.connect.title')
        }
        description={
          connected
            ? t('settings.channels.connect.doneBody', {
                name: connected.name,
                number: connected.displayPhoneNumber,
              })
            : t('settings.channels.connect.body')
        }
      >
        {connected?.webhook ? (
          <div className="flex flex-col gap-4">
            <WebhookPanel webhook={connected.webhook} idPrefix="connected" />
            <div className="flex justify-end">
              <DialogClose asChild>
                <Button>{t('common.done')}</Button>
              </DialogClose>
            </div>
          </div>
        ) : (
          <ConnectForm
            onConnected={setConnected}
            initial={
              reconnect
                ? { ...empty, phoneNumberId: reconnect.phoneNumberId, wabaId: reconnect.wabaId }
                : empty
            }
          />
        )}
      </DialogContent>
    </Dialog>
  );
}

function ConnectForm({ onConnected, initial }: { onConnected: (channel: Channel) => void; initial: Values }) {
  const { t } = useTranslation();
  const connect = useConnectChannel();
  const errorMessage = useErrorMessage();
  const [values, setValues] = useState<Values>(initial);
  const [invalid, setInvalid] = useState<Partial<Record<FieldName, boolean>>>({});

  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    const trimmed = Object.fromEntries(Object.entries(values).map(([k, v]) => [k, v.trim()])) as Values;
    const problems = Object.fromEntries(
      (Object.keys(looksValid) as FieldName[]).map((k) => [k, !looksValid[k](trimmed[k])]),
    );
    setInvalid(problems);
    if (Object.values(problems).some(Boolean)) return;
    connect.mutate(trimmed, { onSuccess: onConnected });
  };

  const serverField = isApiError(connect.error) ? fieldOfCode[connect.error.code] : undefined;
  const errorOf = (name: FieldName): string | null => {
    if (invalid[name]) return t(`settings.channels.connect.invalid.${name}`);
    if (serverField === name) return t(`settings.channels.connect.refused.${name}`);
    if (isApiError(connect.error, 'validation_failed') && fieldError(connect.error, name))
      return t(`settings.channels.connect.invalid.${name}`);
    return null;
  };
  const generalError =
    connect.isError && !serverField && !isApiError(connect.error, 'validation_failed')
      ? isApiError(connect.error, 'graph_unreachable')
        ? t('settings.channels.connect.unreachable')
        : errorMessage(connect.error)
      : null;

  const field = (name: FieldName, type: 'text' | 'password', inputMode?: 'numeric') => {
    const id = `connect-${name.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`)}`;
    const error = errorOf(name);
    return (
      <Field
        id={id}
        label={t(`settings.channels.connect.${name}`)}
        hint={t(`settings.channels.connect.${name}Hint`)}
        error={error}
      >
        <Input
          id={id}
          name={name}
          type={type}
          inputMode={inputMode}
          autoComplete="off"
          spellCheck={false}
          value={values[name]}
          onChange={(event) => {
            setValues((v) => ({ ...v, [name]: event.target.value }));
            setInvalid((p) => ({ ...p, [name]: false }));
          }}
          disabled={connect.isPending}
          aria-invalid={Boolean(error)}
          aria-describedby={error ? `${id}-error` : `${id}-hint`}
          data-testid={id}
          className={type === 'password' ? 'font-mono' : 'tabular-nums'}
        />
      </Field>
    );
  };

  return (
    <form className="flex flex-col gap-4" noValidate onSubmit={onSubmit}>
      {/* Before anything is pasted; a number being reconnected already went through this. */}
      {initial.phoneNumberId ? null : <ConnectRules />}
      {field('phoneNumberId', 'text', 'numeric')}
      {field('wabaId', 'text', 'numeric')}
      {field('accessToken', 'password')}
      {field('appSecret', 'password')}
      {connect.isPending ? <Alert tone="info">{t('settings.channels.connect.checking')}</Alert> : null}
      {generalError ? <Alert tone="error">{generalError}</Alert> : null}
      <div className="mt-2 flex justify-end gap-2">
        <DialogClose asChild>
          <Button variant="secondary">{t('common.cancel')}</Button>
        </DialogClose>
        <Button type="submit" isLoading={connect.isPending} data-testid="connect-submit">
          {connect.isPending
            ? t('settings.channels.connect.submitting')
            : t('settings.channels.connect.submit')}
        </Button>
      </div>
    </form>
  );
}
