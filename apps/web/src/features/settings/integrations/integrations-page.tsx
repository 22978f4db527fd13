import type { IncomingTrigger, IncomingTriggerWithSecret } from '@charla/contracts';
import { ChevronRight, Plug, Plus } from 'lucide-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { useErrorMessage } from '../../../lib/use-error-message';
import { Alert } from '../../../ui/alert';
import { Button } from '../../../ui/button';
import { Card } from '../../../ui/card';
import { Dialog } from '../../../ui/dialog';
import { EmptyState } from '../../../ui/empty-state';
import { Spinner } from '../../../ui/spinner';
import { canManageMembers, useSession } from '../../auth/require-auth';
import { useTriggers } from './integrations.api';
import { ShopifySection } from './shopify-section';
import { TriggerActions } from './trigger-actions';
import { TriggerForm } from './trigger-form';
import {
  ActionSentence,
  TriggerMeta,
  TriggerStateBadge,
  type TriggerTargets,
  triggerPath,
  useTriggerTargets,
} from './trigger-parts';
import { TriggerSecret } from './trigger-secret';

/** Settings › Integrations: owners and admins let outside tools send templates through triggers. */
export function IntegrationsPage() {
  const { t } = useTranslation();
  const { role } = useSession();
  if (!canManageMembers(role)) return <Alert tone="info">{t('integrations.managersOnly')}</Alert>;
  return <Integrations />;
}

function Integrations() {
  const { t } = useTranslation();
  const triggers = useTriggers(30_000);
  const targets = useTriggerTargets();
  const errorMessage = useErrorMessage();
  const [isCreating, setIsCreating] = useState(false);
  const [created, setCreated] = useState<IncomingTriggerWithSecret | null>(null);
  const closeDialog = () => {
    setIsCreating(false);
    setCreated(null);
  };

  return (
    <section className="flex flex-col gap-4" data-testid="integrations-page">
      <div className="flex flex-wrap items-start justify-between gap-3">
        <div className="max-w-xl">
          <h2 className="text-lg font-semibold">{t('integrations.title')}</h2>
          <p className="mt-1 text-sm text-neutral-600 dark:text-neutral-400">{t('integrations.subtitle')}</p>
        </div>
        {triggers.data && triggers.data.length > 0 ? (
          <Button onClick={() => setIsCreating(true)} data-testid="trigger-create">
            <Plus aria-hidden className="size-4" />
            {t('integrations.create')}
          </Button>
        ) : null}
      </div>

      <ShopifySection />

      {triggers.isPending ? (
        <div className="flex justify-center py-10 text-brand-600">
          <Spinner />
        </div>
      ) : triggers.isError ? (
        <Alert tone="error">{errorMessage(triggers.error)}</Alert>
      ) : triggers.data.length === 0 ? (
        <Card className="border-dashed">
          <EmptyState
            icon={Plug}
            title={t('integrations.empty.title')}
            description={t('integrations.empty.body')}
            action={
              <div className="flex flex-col items-center gap-5">
                <ol className="grid max-w-2xl gap-3 text-left text-sm sm:grid-cols-3">
                  {(['one', 'two', 'three'] as const).map((step, i) => (
                    <li
                      key={step}
                      className="flex gap-2.5 rounded-lg bg-neutral-50 px-3 py-2.5 text-neutral-700 dark:bg-neutral-800/60 dark:text-neutral-300"
                    >
                      <span className="flex size-5 shrink-0 items-center justify-center rounded-full bg-brand-600 text-xs font-semibold text-white">
                        {i + 1}
                      </span>
                      <span className="text-xs leading-5">{t(`integrations.empty.steps.${step}`)}</span>
                    </li>
                  ))}
                </ol>
                <Button onClick={() => setIsCreating(true)} data-testid="trigger-create">
                  <Plus aria-hidden className="size-4" />
                  {t('integrations.empty.create')}
                </Button>
              </div>
            }
          />
        </Card>
      ) : (
        <ul className="flex flex-col gap-3" data-testid="triggers-list">
          {triggers.data.map((trigger) => (
            <li key={trigger.id}>
              <TriggerCard trigger={trigger} targets={targets} />
            </li>
          ))}
        </ul>
      )}

      <Dialog open={isCreating || created !== null} onOpenChange={(open) => (open ? null : closeDialog())}>
        {created ? (
          <TriggerSecret trigger={created} kind="created" onFields={closeDialog} />
        ) : isCreating ? (
          <TriggerForm onCreated={setCreated} />
        ) : null}
      </Dialog>
    </section>
  );
}

function TriggerCard({ trigger, targets }: { trigger: IncomingTrigger; targets: TriggerTargets }) {
  return (
    <Card
      className="flex flex-wrap items-start justify-between gap-x-4 gap-y-3 px-4 py-3.5"
      data-testid="trigger-card"
      data-name={trigger.name}
      data-state={trigger.enabled ? 'on' : 'off'}
    >
      <div className="flex min-w-0 flex-1 basis-80 flex-col gap-1.5">
        <div className="flex min-w-0 flex-wrap items-center gap-2">
          <Link
            to={triggerPath(trigger.id)}
            className="group inline-flex min-w-0 items-center gap-1 font-medium break-words text-neutral-900 hover:text-brand-700 dark:text-neutral-100 dark:hover:text-brand-300"
            data-testid="trigger-name"
          >
            {trigger.name}
            <ChevronRight
              aria-hidden
              className="size-4 shrink-0 text-neutral-400 transition-transform group-hover:translate-x-0.5"
            />
          </Link>
          <TriggerStateBadge enabled={trigger.enabled} />
        </div>
        <ActionSentence trigger={trigger} targets={targets} />
        <TriggerMeta trigger={trigger} />
      </div>
      <TriggerActions trigger={trigger} variant="card" />
    </Card>
  );
}
