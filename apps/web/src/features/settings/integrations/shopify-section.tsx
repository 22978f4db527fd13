import type { ShopifyConnection } from '@charla/contracts';
import { ShoppingBag } from 'lucide-react';
import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { formatPhone } from '../../../lib/phone-number';
import { fieldError, hasFieldErrors, useErrorMessage } from '../../../lib/use-error-message';
import { Alert } from '../../../ui/alert';
import { Badge } from '../../../ui/badge';
import { Button } from '../../../ui/button';
import { Card } from '../../../ui/card';
import { Field } from '../../../ui/field';
import { Input, Select } from '../../../ui/input';
import { Spinner } from '../../../ui/spinner';
import { ConfirmDialog } from '../confirm-dialog';
import { CopyField } from './copy-field';
import { useDisconnectShopify, useSaveShopify, useShopify } from './shopify.api';
import { ShopifyAutomationsEditor } from './shopify-automations';
import { ShopifyEventsLog } from './shopify-events';
import { useTriggerTargets } from './trigger-parts';

/**
 * Settings › Integrations › Shopify: connect the shop (its address, the webhook secret Shopify
 * shows, the number), the address to paste in Shopify, the automations' templates and the last
 * webhooks received with what Charla did.
 */
export function ShopifySection() {
  const { t } = useTranslation();
  const shop = useShopify();
  const errorMessage = useErrorMessage();
  const disconnect = useDisconnectShopify();
  const [isConfirming, setIsConfirming] = useState(false);
  const connection = shop.data ?? null;

  return (
    <Card className="flex flex-col gap-5 px-4 py-4 sm:px-5" data-testid="shopify-section">
      <div className="flex flex-wrap items-start justify-between gap-3">
        <div className="flex min-w-0 flex-1 gap-3">
          <span className="flex size-10 shrink-0 items-center justify-center rounded-lg bg-green-50 text-green-700 dark:bg-green-950/60 dark:text-green-300">
            <ShoppingBag aria-hidden className="size-5" />
          </span>
          <div>
            <h3 className="flex flex-wrap items-center gap-2 font-semibold">
              {t('integrations.shopify.title')}
              {connection ? (
                <Badge tone="green" data-testid="shopify-connected">
                  {t('integrations.shopify.connected')} · {connection.shopDomain}
                </Badge>
              ) : null}
            </h3>
            <p className="mt-1 text-sm text-neutral-600 dark:text-neutral-400">
              {t('integrations.shopify.subtitle')}
            </p>
          </div>
        </div>
        {connection ? (
          <Button
            variant="secondary"
            size="sm"
            onClick={() => setIsConfirming(true)}
            data-testid="shopify-disconnect"
          >
            {t('integrations.shopify.disconnect.action')}
          </Button>
        ) : null}
      </div>

      {shop.isPending ? (
        <div className="flex justify-center py-6 text-brand-600">
          <Spinner />
        </div>
      ) : shop.isError ? (
        <Alert tone="error">{errorMessage(shop.error)}</Alert>
      ) : connection ? (
        <>
          <WebhookAddress connection={connection} />
          <ShopifyConnectForm connection={connection} />
          <ShopifyAutomationsEditor connection={connection} />
          <ShopifyEventsLog />
        </>
      ) : (
        <ShopifyConnectForm connection={null} />
      )}

      {connection ? (
        <ConfirmDialog
          open={isConfirming}
          onOpenChange={setIsConfirming}
          title={t('integrations.shopify.disconnect.title', { shop: connection.shopDomain })}
          body={t('integrations.shopify.disconnect.body')}
          submit={t('integrations.shopify.disconnect.submit')}
          tone="danger"
          isPending={disconnect.isPending}
          error={disconnect.error}
          onConfirm={() => disconnect.mutate(undefined, { onSuccess: () => setIsConfirming(false) })}
        />
      ) : null}
    </Card>
  );
}

/** The address to paste in Shopify, with the topics to create a webhook for. */
function WebhookAddress({ connection }: { connection: ShopifyConnection }) {
  const { t } = useTranslation();
  return (
    <div
      className="flex flex-col gap-3 rounded-lg bg-neutral-50 p-3.5 dark:bg-neutral-800/50"
      data-testid="shopify-webhook"
    >
      <div>
        <h4 className="text-sm font-medium">{t('integrations.shopify.webhook.title')}</h4>
        <p className="mt-1 text-xs leading-5 text-neutral-600 dark:text-neutral-400">
          {t('integrations.shopify.webhook.body')}
        </p>
        <ul className="mt-2 flex flex-wrap gap-1.5" data-testid="shopify-topics">
          {connection.topics.map((topic) => (
            <li key={topic}>
              <code className="rounded bg-white px-1.5 py-0.5 font-mono text-xs text-neutral-800 ring-1 ring-neutral-200 dark:bg-neutral-900 dark:text-neutral-200 dark:ring-neutral-700">
                {topic}
              </code>
            </li>
          ))}
        </ul>
      </div>
      <CopyField
        id="shopify-webhook-url"
        label={t('integrations.shopify.webhook.url')}
        value={connection.webhookUrl}
        testId="shopify-webhook-url"
      />
    </div>
  );
}

/** The shop's address, its webhook secret (kept when left empty) and the number to send from. */
function ShopifyConnectForm({ connection }: { connection: ShopifyConnection | null }) {
  const { t } = useTranslation();
  const targets = useTriggerTargets();
  const save = useSaveShopify();
  const errorMessage = useErrorMessage();
  const channels = targets.channels.filter(
    (c) => c.status !== 'disconnected' || c.id === connection?.channelId,
  );
  const [shopDomain, setShopDomain] = useState(connection?.shopDomain ?? '');
  const [secret, setSecret] = useState('');
  const [chosenChannel, setChannelId] = useState(connection?.channelId ?? '');
  const channelId = chosenChannel || channels[0]?.id || '';

  if (targets.isPending) return null;
  if (channels.length === 0) return <Alert tone="info">{t('integrations.shopify.connect.noNumbers')}</Alert>;

  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    save.mutate(
      {
        shopDomain,
        channelId,
        ...(secret.trim() ? { webhookSecret: secret.trim() } : {}),
        ...(connection ? { automations: connection.automations } : {}),
      },
      { onSuccess: () => setSecret('') },
    );
  };
  const shopError = fieldError(save.error, 'shopDomain');
  const secretError = fieldError(save.error, 'webhookSecret');

  return (
    <form className="flex flex-col gap-4" noValidate onSubmit={onSubmit} data-testid="shopify-connect-form">
      {connection ? null : <h4 className="text-sm font-medium">{t('integrations.shopify.connect.title')}</h4>}
      <div className="grid gap-4 md:grid-cols-3">
        <Field id="shopify-shop" label={t('integrations.shopify.connect.shop')} error={shopError}>
          <Input
            id="shopify-shop"
            value={shopDomain}
            placeholder={t('integrations.shopify.connect.shopPlaceholder')}
            onChange={(event) => setShopDomain(event.target.value)}
            aria-invalid={Boolean(shopError)}
            spellCheck={false}
            data-testid="shopify-shop"
          />
        </Field>
        <Field
          id="shopify-secret"
          label={t('integrations.shopify.connect.secret')}
          hint={t(
            connection
              ? 'integrations.shopify.connect.secretKeep'
              : 'integrations.shopify.connect.secretHint',
          )}
          error={secretError}
        >
          <Input
            id="shopify-secret"
            type="password"
            autoComplete="off"
            value={secret}
            onChange={(event) => setSecret(event.target.value)}
            aria-invalid={Boolean(secretError)}
            data-testid="shopify-secret"
          />
        </Field>
        <Field
          id="shopify-channel"
          label={t('integrations.shopify.connect.number')}
          hint={t('integrations.shopify.connect.numberHint')}
          error={fieldError(save.error, 'channelId')}
        >
          <Select
            id="shopify-channel"
            value={channelId}
            onChange={(event) => setChannelId(event.target.value)}
            data-testid="shopify-channel"
          >
            {channels.map((c) => (
              <option key={c.id} value={c.id}>
                {formatPhone(c.displayPhoneNumber)} · {c.name}
              </option>
            ))}
          </Select>
        </Field>
      </div>
      {save.isError && !hasFieldErrors(save.error) ? (
        <Alert tone="error">{errorMessage(save.error)}</Alert>
      ) : null}
      <div>
        <Button
          type="submit"
          variant={connection ? 'secondary' : 'primary'}
          disabled={save.isPending}
          data-testid="shopify-connect"
        >
          {save.isPending ? <Spinner /> : null}
          {connection ? t('integrations.shopify.connect.save') : t('integrations.shopify.connect.submit')}
        </Button>
      </div>
    </form>
  );
}
