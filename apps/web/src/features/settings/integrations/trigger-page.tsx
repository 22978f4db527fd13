import type { IncomingTrigger } from '@charla/contracts';
import { ArrowLeft, ChevronRight, SquareTerminal } from 'lucide-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate, useParams } from 'react-router';
import { useErrorMessage } from '../../../lib/use-error-message';
import { Alert } from '../../../ui/alert';
import { Card } from '../../../ui/card';
import { Spinner } from '../../../ui/spinner';
import { canManageMembers, useSession } from '../../auth/require-auth';
import { CommandBlock, CopyField, HmacNote } from './copy-field';
import { useTriggerPayloads, useTriggers } from './integrations.api';
import { MappingEditor } from './mapping-editor';
import { PayloadsLog } from './payloads-log';
import { TriggerActions } from './trigger-actions';
import { ActionSentence, TriggerMeta, TriggerStateBadge, useTriggerTargets } from './trigger-parts';
import { curlCommand } from './trigger-view';

const LIST_PATH = '/settings/integrations';

/**
 * Settings › Integrations › one trigger: what it does and its actions, the address to give the
 * outside tool, the fields picked from the payloads it received, and those payloads.
 */
export function TriggerPage() {
  const { t } = useTranslation();
  const { role } = useSession();
  if (!canManageMembers(role)) return <Alert tone="info">{t('integrations.managersOnly')}</Alert>;
  return <TriggerDetail />;
}

function TriggerDetail() {
  const { t } = useTranslation();
  const { triggerId = '' } = useParams();
  const navigate = useNavigate();
  const triggers = useTriggers(15_000);
  const errorMessage = useErrorMessage();
  const trigger = triggers.data?.find((x) => x.id === triggerId);
  const back = (
    <Link
      to={LIST_PATH}
      className="inline-flex items-center gap-1.5 text-sm font-medium text-neutral-600 hover:text-neutral-900 dark:text-neutral-400 dark:hover:text-neutral-100"
      data-testid="trigger-back"
    >
      <ArrowLeft aria-hidden className="size-4" />
      {t('integrations.detail.back')}
    </Link>
  );
  if (triggers.isPending)
    return (
      <div className="flex justify-center py-10 text-brand-600">
        <Spinner />
      </div>
    );
  if (triggers.isError) return <Alert tone="error">{errorMessage(triggers.error)}</Alert>;
  if (!trigger)
    return (
      <div className="flex flex-col items-start gap-3">
        {back}
        <Alert tone="info">{t('integrations.detail.notFound')}</Alert>
      </div>
    );
  return (
    <section className="flex flex-col gap-5" data-testid="trigger-page">
      <div>{back}</div>
      <Trigger trigger={trigger} onDeleted={() => navigate(LIST_PATH)} />
    </section>
  );
}

function Trigger({ trigger, onDeleted }: { trigger: IncomingTrigger; onDeleted: () => void }) {
  const targets = useTriggerTargets();
  const payloads = useTriggerPayloads(trigger.id);
  const errorMessage = useErrorMessage();
  const [sampleId, setSampleId] = useState<string | null>(null);
  const list = payloads.data ?? [];
  const sample = list.find((p) => p.id === sampleId) ?? list[0] ?? null;
  const { action } = trigger;
  const template =
    action.kind === 'template' ? (targets.templates.find((x) => x.id === action.templateId) ?? null) : null;
  const target =
    action.kind === 'sequence'
      ? nameOf(
          'sequence',
          targets.sequences.find((s) => s.id === action.sequenceId),
        )
      : action.kind === 'flow'
        ? nameOf(
            'flow',
            targets.flows.find((f) => f.id === action.flowId),
          )
        : null;

  return (
    <>
      <Card className="flex flex-wrap items-start justify-between gap-x-4 gap-y-3 px-4 py-4">
        <div className="flex min-w-0 flex-1 basis-80 flex-col gap-1.5">
          <div className="flex min-w-0 flex-wrap items-center gap-2">
            <h2 className="text-lg font-semibold break-words" data-testid="trigger-title">
              {trigger.name}
            </h2>
            <TriggerStateBadge enabled={trigger.enabled} />
          </div>
          <ActionSentence trigger={trigger} targets={targets} />
          <TriggerMeta trigger={trigger} />
        </div>
        <TriggerActions trigger={trigger} variant="header" onDeleted={onDeleted} />
      </Card>

      <Connection trigger={trigger} />

      {payloads.isPending || targets.isPending ? (
        <div className="flex justify-center py-10 text-brand-600">
          <Spinner />
        </div>
      ) : payloads.isError ? (
        <Alert tone="error">{errorMessage(payloads.error)}</Alert>
      ) : (
        <>
          <MappingEditor
            // A new template has other variables: the editor starts again from what was saved.
            key={JSON.stringify(trigger.action)}
            trigger={trigger}
            template={template}
            target={target}
            sample={sample}
          />
          <PayloadsLog payloads={list} sampleId={sample?.id ?? null} onUseSample={setSampleId} />
        </>
      )}
    </>
  );
}

/** The address to give the outside tool, and a curl command to try it (the secret was shown once). */
function Connection({ trigger }: { trigger: IncomingTrigger }) {
  const { t } = useTranslation();
  // Open until something arrives: the empty list below points to it.
  const [isTryOpen, setIsTryOpen] = useState(trigger.lastReceivedAt === null);
  return (
    <Card className="flex flex-col gap-3 px-4 py-4" data-testid="trigger-connection">
      <div>
        <h3 className="text-base font-semibold">{t('integrations.connection.title')}</h3>
        <p className="mt-0.5 text-sm text-neutral-600 dark:text-neutral-400">
          {t('integrations.connection.body')}
        </p>
      </div>
      <CopyField
        id="trigger-address"
        label={t('integrations.connection.address')}
        value={trigger.url}
        testId="trigger-address"
      />
      <div>
        <button
          type="button"
          aria-expanded={isTryOpen}
          aria-controls="trigger-try"
          onClick={() => setIsTryOpen((open) => !open)}
          className="inline-flex items-center gap-1.5 rounded-md px-1.5 py-1 text-sm font-medium text-brand-700 hover:bg-brand-50 dark:text-brand-300 dark:hover:bg-brand-950"
          data-testid="trigger-try-toggle"
        >
          <ChevronRight
            aria-hidden
            className={`size-4 transition-transform ${isTryOpen ? 'rotate-90' : ''}`}
          />
          <SquareTerminal aria-hidden className="size-4" />
          {t('integrations.connection.curl')}
        </button>
        {isTryOpen ? (
          <div id="trigger-try" className="mt-2 flex flex-col gap-2">
            <CommandBlock
              command={curlCommand(trigger.url, t('integrations.connection.secretPlaceholder'))}
              testId="trigger-try-curl"
            />
            <p className="text-xs text-neutral-600 dark:text-neutral-400">
              {t('integrations.connection.secretNote')}
            </p>
            <HmacNote />
          </div>
        ) : null}
      </div>
    </Card>
  );
}

const nameOf = (kind: 'sequence' | 'flow', found: { name: string } | undefined) =>
  found ? { kind, name: found.name } : null;
