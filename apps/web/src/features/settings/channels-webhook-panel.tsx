import type { Channel } from '@charla/contracts';
import { Check, Copy } from 'lucide-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Button } from '../../ui/button';
import { Input } from '../../ui/input';
import { Label } from '../../ui/label';

type Webhook = NonNullable<Channel['webhook']>;

/** What to paste in Meta's webhook settings, with the steps to get there. */
export function WebhookPanel({
  webhook,
  idPrefix,
  testIdPrefix = 'channel',
}: {
  webhook: Webhook;
  idPrefix: string;
  /** The dialog's panel is `channel-…`; each card's own copy gets another prefix so test ids stay unique. */
  testIdPrefix?: string;
}) {
  const { t } = useTranslation();
  return (
    <div className="flex flex-col gap-4">
      <CopyField
        id={`${idPrefix}-webhook-url`}
        label={t('settings.channels.webhook.url')}
        value={webhook.url}
        testId={`${testIdPrefix}-webhook-url`}
      />
      <CopyField
        id={`${idPrefix}-verify-token`}
        label={t('settings.channels.webhook.verifyToken')}
        value={webhook.verifyToken}
        testId={`${testIdPrefix}-verify-token`}
      />
      <ol className="flex list-decimal flex-col gap-1.5 pl-5 text-sm text-neutral-700 dark:text-neutral-300">
        <li>{t('settings.channels.webhook.step1')}</li>
        <li>{t('settings.channels.webhook.step2')}</li>
        <li>{t('settings.channels.webhook.step3')}</li>
        <li>{t('settings.channels.webhook.step4')}</li>
      </ol>
    </div>
  );
}

function CopyField({
  id,
  label,
  value,
  testId,
}: {
  id: string;
  label: string;
  value: string;
  testId: string;
}) {
  const { t } = useTranslation();
  const [isCopied, setIsCopied] = useState(false);

  const onCopy = async () => {
    try {
      await navigator.clipboard.writeText(value);
      setIsCopied(true);
      setTimeout(() => setIsCopied(false), 2_000);
    } catch {
      // Clipboard needs HTTPS or localhost; the value stays selectable in the field.
      document.getElementById(id)?.focus();
    }
  };

  return (
    <div className="flex flex-col gap-1.5">
      <Label htmlFor={id}>{label}</Label>
      <div className="flex gap-2">
        <Input
          id={id}
          readOnly
          value={value}
          onFocus={(event) => event.target.select()}
          className="font-mono text-xs"
          data-testid={testId}
        />
        <Button variant="secondary" onClick={onCopy} aria-live="polite">
          {isCopied ? (
            <Check aria-hidden className="size-4 text-brand-600" />
          ) : (
            <Copy aria-hidden className="size-4" />
          )}
          {isCopied ? t('settings.channels.webhook.copied') : t('settings.channels.webhook.copy')}
          <span className="sr-only">{label}</span>
        </Button>
      </div>
    </div>
  );
}
