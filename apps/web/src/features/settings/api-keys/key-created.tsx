import type { CreatedApiKey } from '@charla/contracts';
import { BookOpen, SquareTerminal, TriangleAlert } from 'lucide-react';
import { useTranslation } from 'react-i18next';
import { cn } from '../../../lib/cn';
import { Button, buttonClasses } from '../../../ui/button';
import { DialogClose, DialogContent } from '../../../ui/dialog';
import { CopyButton } from '../copy-button';
import { curlExample } from './api-key-view';

/** The public API's reference (Swagger UI), served by Charla itself. */
export const API_DOCS_URL = '/api/v1/docs';

/**
 * The one time a key is shown: copy it, with a warning that it cannot be shown again, and a
 * command to try it with.
 */
export function KeyCreated({ created }: { created: CreatedApiKey }) {
  const { t } = useTranslation();
  const example = curlExample(
    window.location.origin,
    created.key,
    created.scopes,
    t('apiKeys.created.exampleText'),
  );
  return (
    <DialogContent
      title={t('apiKeys.created.title')}
      description={t('apiKeys.created.body', { name: created.name })}
      size="lg"
      className="sm:max-w-2xl"
      keepOnOutsideClick
    >
      <div className="flex flex-col gap-5" data-testid="api-key-created">
        <div
          role="status"
          className="flex gap-3 rounded-lg border border-amber-200 bg-amber-50 px-3.5 py-3 text-sm text-amber-900 dark:border-amber-900 dark:bg-amber-950/60 dark:text-amber-100"
        >
          <TriangleAlert aria-hidden className="mt-0.5 size-4 shrink-0 text-amber-600 dark:text-amber-400" />
          <p>{t('apiKeys.created.warning')}</p>
        </div>

        <div className="flex flex-col gap-1.5">
          <label
            htmlFor="api-key-secret"
            className="text-sm font-medium text-neutral-800 dark:text-neutral-200"
          >
            {t('apiKeys.created.label')}
          </label>
          <div className="flex gap-2">
            <input
              id="api-key-secret"
              readOnly
              value={created.key}
              spellCheck={false}
              onFocus={(event) => event.target.select()}
              className="h-10 w-full min-w-0 rounded-lg border border-neutral-300 bg-neutral-50 px-3 font-mono text-sm text-neutral-900 focus:border-brand-600 focus:ring-3 focus:ring-brand-600/15 focus:outline-none dark:border-neutral-700 dark:bg-neutral-950 dark:text-neutral-100"
              data-testid="api-key-secret"
            />
            <CopyButton
              text={created.key}
              label={t('apiKeys.created.copy')}
              copiedLabel={t('apiKeys.created.copied')}
              testId="api-key-copy"
              fallbackId="api-key-secret"
            />
          </div>
        </div>

        {example ? (
          <div className="flex flex-col gap-1.5">
            <h3 className="text-sm font-medium text-neutral-800 dark:text-neutral-200">
              {t('apiKeys.created.tryIt')}
            </h3>
            <p className="text-sm text-neutral-600 dark:text-neutral-400">
              {created.scopes.includes('messages:write')
                ? t('apiKeys.created.tryItMessages')
                : t('apiKeys.created.tryItChannels')}
            </p>
            <div className="mt-1 overflow-hidden rounded-lg bg-neutral-900 dark:bg-black">
              <div className="flex items-center justify-between gap-2 border-b border-neutral-700/70 py-1.5 pr-1.5 pl-3.5">
                <span className="flex items-center gap-1.5 text-xs font-medium text-neutral-400">
                  <SquareTerminal aria-hidden className="size-3.5" />
                  {t('apiKeys.created.terminal')}
                </span>
                <CopyButton
                  text={example}
                  label={t('apiKeys.created.copyCommand')}
                  copiedLabel={t('apiKeys.created.copied')}
                  testId="api-key-copy-curl"
                  onDark
                />
              </div>
              <pre
                className="overflow-x-auto px-3.5 py-3 font-mono text-xs leading-relaxed text-neutral-100"
                data-testid="api-key-curl"
              >
                {example}
              </pre>
            </div>
          </div>
        ) : null}

        <div className="flex flex-wrap items-center justify-between gap-2">
          <a
            href={API_DOCS_URL}
            target="_blank"
            rel="noopener noreferrer"
            className={cn(buttonClasses('ghost'), 'px-2 text-brand-700 dark:text-brand-300')}
          >
            <BookOpen aria-hidden className="size-4" />
            {t('apiKeys.docs')}
            <span className="sr-only"> {t('common.opensInNewTab')}</span>
          </a>
          <DialogClose asChild>
            <Button data-testid="api-key-done">{t('apiKeys.created.done')}</Button>
          </DialogClose>
        </div>
      </div>
    </DialogContent>
  );
}
