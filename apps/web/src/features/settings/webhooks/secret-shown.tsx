import type { WebhookSubscriptionWithSecret } from '@charla/contracts';
import { BookOpen, ExternalLink, ShieldCheck, TriangleAlert } from 'lucide-react';
import { useTranslation } from 'react-i18next';
import { cn } from '../../../lib/cn';
import { clock } from '../../../lib/format';
import { Button, buttonClasses } from '../../../ui/button';
import { DialogClose, DialogContent } from '../../../ui/dialog';
import { API_DOCS_URL } from '../api-keys/key-created';
import { CopyButton } from '../copy-button';

/** Standard Webhooks: the convention Charla's deliveries follow, with libraries that verify them. */
export const STANDARD_WEBHOOKS_URL = 'https://www.standardwebhooks.com/';

const SECRET_FIELD_ID = 'webhook-secret';

/**
 * The one time a signing secret shows (a new webhook, or a rotation): copy it, with a warning
 * that it cannot be shown again and how a receiver checks the signature.
 */
export function SecretShown({
  sub,
  kind,
}: {
  sub: WebhookSubscriptionWithSecret;
  kind: 'created' | 'rotated';
}) {
  const { t, i18n } = useTranslation();
  const oldUntil = kind === 'rotated' && sub.previousSecretExpiresAt ? sub.previousSecretExpiresAt : null;
  const code = [
    "import { Webhook } from 'standardwebhooks';",
    'const wh = new Webhook(process.env.CHARLA_WEBHOOK_SECRET);',
    `// ${t('webhooks.secret.codeComment')}`,
    'const event = wh.verify(rawBody, request.headers);',
  ].join('\n');
  return (
    <DialogContent
      title={t(kind === 'created' ? 'webhooks.secret.createdTitle' : 'webhooks.secret.rotatedTitle')}
      description={t(kind === 'created' ? 'webhooks.secret.createdBody' : 'webhooks.secret.rotatedBody', {
        url: sub.url,
      })}
      size="lg"
      className="sm:max-w-3xl"
      keepOnOutsideClick
    >
      <div className="flex flex-col gap-4" data-testid="webhook-secret-shown">
        <div
          role="status"
          className="flex gap-3 rounded-lg border border-amber-200 bg-amber-50 px-3.5 py-3 text-sm text-amber-900 dark:border-amber-900 dark:bg-amber-950/60 dark:text-amber-100"
        >
          <TriangleAlert aria-hidden className="mt-0.5 size-4 shrink-0 text-amber-600 dark:text-amber-400" />
          <div className="flex flex-col gap-1.5">
            <p>{t('webhooks.secret.warning')}</p>
            {oldUntil ? (
              <p className="font-medium" data-testid="webhook-secret-old-until">
                {t('webhooks.secret.oldStillWorks', {
                  date: new Intl.DateTimeFormat(i18n.language, {
                    dateStyle: 'long',
                    timeStyle: 'short',
                    ...clock(i18n.language),
                  }).format(new Date(oldUntil)),
                })}
              </p>
            ) : null}
          </div>
        </div>

        <div className="flex flex-col gap-1.5">
          <label
            htmlFor={SECRET_FIELD_ID}
            className="text-sm font-medium text-neutral-800 dark:text-neutral-200"
          >
            {t('webhooks.secret.label')}
          </label>
          <div className="flex gap-2">
            <input
              id={SECRET_FIELD_ID}
              readOnly
              value={sub.secret}
              spellCheck={false}
              onFocus={(event) => event.target.select()}
              className="h-10 w-full min-w-0 rounded-lg border border-neutral-300 bg-neutral-50 px-3 font-mono text-sm text-neutral-900 focus:border-brand-600 focus:ring-3 focus:ring-brand-600/15 focus:outline-none dark:border-neutral-700 dark:bg-neutral-950 dark:text-neutral-100"
              data-testid="webhook-secret"
            />
            <CopyButton
              text={sub.secret}
              label={t('webhooks.secret.copy')}
              copiedLabel={t('webhooks.secret.copied')}
              testId="webhook-secret-copy"
              fallbackId={SECRET_FIELD_ID}
            />
          </div>
        </div>

        {kind === 'created' ? (
          <section
            aria-labelledby="webhook-verify-title"
            className="flex flex-col gap-2.5 rounded-xl border border-neutral-200 p-4 dark:border-neutral-800"
            data-testid="webhook-verify"
          >
            <h3
              id="webhook-verify-title"
              className="flex items-center gap-2 text-sm font-semibold text-neutral-900 dark:text-neutral-100"
            >
              <ShieldCheck aria-hidden className="size-4 text-brand-600 dark:text-brand-400" />
              {t('webhooks.secret.verifyTitle')}
            </h3>
            <p className="text-sm text-neutral-600 dark:text-neutral-400">
              {t('webhooks.secret.verifyIntro')}
            </p>
            <dl className="flex flex-col gap-1.5 text-sm">
              {(
                [
                  ['webhook-id', 'id'],
                  ['webhook-timestamp', 'timestamp'],
                  ['webhook-signature', 'signature'],
                ] as const
              ).map(([header, key]) => (
                <div key={header} className="flex flex-col gap-x-2 sm:flex-row sm:items-baseline">
                  <dt className="shrink-0">
                    <code className="rounded bg-neutral-100 px-1.5 py-0.5 font-mono text-xs text-neutral-800 dark:bg-neutral-800 dark:text-neutral-200">
                      {header}
                    </code>
                  </dt>
                  <dd className="text-neutral-600 dark:text-neutral-400">
                    {t(`webhooks.secret.headers.${key}`)}
                  </dd>
                </div>
              ))}
            </dl>
            <p className="mt-1 text-sm text-neutral-600 dark:text-neutral-400">
              {t('webhooks.secret.verifyLibrary')}
            </p>
            <pre
              className="overflow-x-auto rounded-lg bg-neutral-900 px-3.5 py-3 font-mono text-xs leading-relaxed text-neutral-100 dark:bg-black"
              data-testid="webhook-verify-code"
            >
              {code}
            </pre>
          </section>
        ) : null}

        <div className="flex flex-wrap items-center justify-between gap-2">
          <div className="flex flex-wrap items-center gap-1">
            <a
              href={STANDARD_WEBHOOKS_URL}
              target="_blank"
              rel="noopener noreferrer"
              className={cn(buttonClasses('ghost'), 'px-2 text-brand-700 dark:text-brand-300')}
              data-testid="webhook-standard-link"
            >
              <ExternalLink aria-hidden className="size-4" />
              {t('webhooks.secret.libraries')}
              <span className="sr-only"> {t('common.opensInNewTab')}</span>
            </a>
            <a
              href={API_DOCS_URL}
              target="_blank"
              rel="noopener noreferrer"
              className={cn(buttonClasses('ghost'), 'px-2 text-brand-700 dark:text-brand-300')}
            >
              <BookOpen aria-hidden className="size-4" />
              {t('webhooks.docs')}
              <span className="sr-only"> {t('common.opensInNewTab')}</span>
            </a>
          </div>
          <DialogClose asChild>
            <Button data-testid="webhook-secret-done">{t('webhooks.secret.done')}</Button>
          </DialogClose>
        </div>
      </div>
    </DialogContent>
  );
}
