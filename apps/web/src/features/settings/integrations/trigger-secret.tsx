import type { IncomingTriggerWithSecret } from '@charla/contracts';
import { ArrowRight, TriangleAlert } from 'lucide-react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { cn } from '../../../lib/cn';
import { Button, buttonClasses } from '../../../ui/button';
import { DialogClose, DialogContent } from '../../../ui/dialog';
import { CommandBlock, CopyField, HmacNote } from './copy-field';
import { triggerPath } from './trigger-parts';
import { curlCommand } from './trigger-view';

/**
 * The one time a trigger's secret shows (a new trigger, or a rotation): its address and secret to
 * copy, a curl command that posts an example order with both, and the signature alternative.
 */
export function TriggerSecret({
  trigger,
  kind,
  onFields,
}: {
  trigger: IncomingTriggerWithSecret;
  kind: 'created' | 'rotated';
  /** A new trigger: a link to its page, where its fields are picked from what arrives. */
  onFields?: () => void;
}) {
  const { t } = useTranslation();
  return (
    <DialogContent
      title={t(kind === 'created' ? 'integrations.secret.createdTitle' : 'integrations.secret.rotatedTitle')}
      description={t(
        kind === 'created' ? 'integrations.secret.createdBody' : 'integrations.secret.rotatedBody',
      )}
      size="lg"
      className="sm:max-w-2xl"
      keepOnOutsideClick
    >
      <div className="flex flex-col gap-4" data-testid="trigger-secret-shown">
        <CopyField
          id="trigger-url-field"
          label={t('integrations.secret.address')}
          value={trigger.url}
          testId="trigger-url"
        />
        <div
          role="status"
          className="flex gap-3 rounded-lg border border-amber-200 bg-amber-50 px-3.5 py-3 text-sm text-amber-900 dark:border-amber-900 dark:bg-amber-950/60 dark:text-amber-100"
        >
          <TriangleAlert aria-hidden className="mt-0.5 size-4 shrink-0 text-amber-600 dark:text-amber-400" />
          <p>{t('integrations.secret.warning')}</p>
        </div>
        <CopyField
          id="trigger-secret-field"
          label={t('integrations.secret.secret')}
          value={trigger.secret}
          testId="trigger-secret"
        />

        <section aria-labelledby="trigger-try-title" className="flex flex-col gap-1.5">
          <h3 id="trigger-try-title" className="text-sm font-medium text-neutral-800 dark:text-neutral-200">
            {t('integrations.secret.tryIt')}
          </h3>
          <p className="text-sm text-neutral-600 dark:text-neutral-400">
            {t('integrations.secret.tryItBody')}
          </p>
          <div className="mt-1">
            <CommandBlock command={curlCommand(trigger.url, trigger.secret)} testId="trigger-curl" />
          </div>
          <div className="mt-1">
            <HmacNote />
          </div>
        </section>

        <div className="flex flex-wrap items-center justify-end gap-2">
          {onFields ? (
            <Link
              to={triggerPath(trigger.id)}
              onClick={onFields}
              className={cn(buttonClasses('secondary'))}
              data-testid="trigger-secret-fields"
            >
              {t('integrations.secret.fields')}
              <ArrowRight aria-hidden className="size-4" />
            </Link>
          ) : null}
          <DialogClose asChild>
            <Button data-testid="trigger-secret-done">{t('integrations.secret.done')}</Button>
          </DialogClose>
        </div>
      </div>
    </DialogContent>
  );
}
