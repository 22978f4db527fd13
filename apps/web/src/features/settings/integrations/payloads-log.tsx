import type { IncomingPayload } from '@charla/contracts';
import { ChevronRight, Inbox, MousePointerClick } from 'lucide-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { cn } from '../../../lib/cn';
import { clock } from '../../../lib/format';
import { useNow } from '../../../lib/use-now';
import { Badge, type BadgeTone } from '../../../ui/badge';
import { Button } from '../../../ui/button';
import { Card } from '../../../ui/card';
import { formatRelative } from '../api-keys/api-key-view';
import { prettyJson } from '../webhooks/webhook-view';
import { payloadDetail } from './trigger-view';

const OUTCOME_TONE: Record<IncomingPayload['outcome'], BadgeTone> = {
  sent: 'green',
  enrolled: 'blue',
  started: 'blue',
  duplicate: 'neutral',
  failed: 'red',
};
const FIRST_ROWS = 10;

/** What Charla said about a payload, in the reader's language when it is one of the known reasons. */
export function usePayloadDetail() {
  const { t } = useTranslation();
  return (detail: string | null): string | null => {
    const known = payloadDetail(detail);
    if (!known) return detail;
    const { kind, ...values } = known;
    return t(`integrations.payloads.detail.${kind}`, values);
  };
}

/**
 * The last payloads a trigger received, newest first: what was done (sent, enrolled, a repeat,
 * or failed and why), when, and the JSON as indented text. One of them is the sample the fields
 * are picked from (the newest unless another is chosen).
 */
export function PayloadsLog(props: {
  payloads: IncomingPayload[];
  sampleId: string | null;
  onUseSample: (id: string) => void;
}) {
  const { t } = useTranslation();
  // The newest one shows its JSON at first.
  const [open, setOpen] = useState<ReadonlySet<string>>(
    () => new Set(props.payloads[0] ? [props.payloads[0].id] : []),
  );
  const [showAll, setShowAll] = useState(false);
  const rows = showAll ? props.payloads : props.payloads.slice(0, FIRST_ROWS);
  const toggle = (id: string) =>
    setOpen((current) => {
      const next = new Set(current);
      if (next.has(id)) next.delete(id);
      else next.add(id);
      return next;
    });

  return (
    <section
      aria-labelledby="trigger-payloads-title"
      className="flex flex-col gap-3"
      data-testid="trigger-payloads"
    >
      <div className="max-w-2xl">
        <h3 id="trigger-payloads-title" className="text-base font-semibold">
          {t('integrations.payloads.title')}
        </h3>
        <p className="mt-0.5 text-sm text-neutral-600 dark:text-neutral-400">
          {t('integrations.payloads.subtitle')}
        </p>
      </div>
      {props.payloads.length === 0 ? (
        <Card className="flex flex-col items-center gap-2 border-dashed px-6 py-10 text-center text-sm text-neutral-500 dark:text-neutral-400">
          <Inbox aria-hidden className="size-6 text-neutral-400" />
          <p data-testid="trigger-payloads-empty">{t('integrations.payloads.empty')}</p>
        </Card>
      ) : (
        <Card className="overflow-hidden">
          <ul
            className="divide-y divide-neutral-100 dark:divide-neutral-800"
            data-testid="trigger-payload-list"
          >
            {rows.map((payload) => (
              <PayloadRow
                key={payload.id}
                payload={payload}
                isOpen={open.has(payload.id)}
                isSample={payload.id === props.sampleId}
                onToggle={() => toggle(payload.id)}
                onUseSample={() => props.onUseSample(payload.id)}
              />
            ))}
          </ul>
        </Card>
      )}
      {!showAll && props.payloads.length > FIRST_ROWS ? (
        <div className="flex justify-center">
          <Button variant="secondary" onClick={() => setShowAll(true)} data-testid="trigger-payloads-more">
            {t('integrations.payloads.more', { count: props.payloads.length - FIRST_ROWS })}
          </Button>
        </div>
      ) : null}
    </section>
  );
}

function PayloadRow(props: {
  payload: IncomingPayload;
  isOpen: boolean;
  isSample: boolean;
  onToggle: () => void;
  onUseSample: () => void;
}) {
  const { payload, isOpen } = props;
  const { t, i18n } = useTranslation();
  const now = useNow(15_000);
  const describe = usePayloadDetail();
  const detail =
    describe(payload.detail) ??
    (payload.outcome === 'sent' || payload.outcome === 'enrolled' || payload.outcome === 'started'
      ? t(`integrations.payloads.done.${payload.outcome}`)
      : null);
  const jsonId = `trigger-payload-${payload.id}`;
  const fullTime = new Intl.DateTimeFormat(i18n.language, {
    dateStyle: 'medium',
    timeStyle: 'medium',
    ...clock(i18n.language),
  });
  return (
    <li data-testid="trigger-payload" data-outcome={payload.outcome} className="px-4 py-3">
      <div className="flex flex-wrap items-start gap-x-3 gap-y-1.5">
        <Badge tone={OUTCOME_TONE[payload.outcome]} className="mt-0.5" data-testid="trigger-payload-outcome">
          {t(`integrations.payloads.outcome.${payload.outcome}`)}
        </Badge>
        <p
          className={cn(
            'min-w-0 flex-1 basis-64 text-sm break-words',
            payload.outcome === 'failed'
              ? 'text-red-800 dark:text-red-300'
              : 'text-neutral-700 dark:text-neutral-300',
          )}
          data-testid="trigger-payload-detail"
        >
          {detail ?? <span className="text-neutral-400">—</span>}
        </p>
        <time
          dateTime={payload.receivedAt}
          title={fullTime.format(new Date(payload.receivedAt))}
          className="mt-0.5 shrink-0 text-xs text-neutral-500 dark:text-neutral-400"
        >
          {formatRelative(payload.receivedAt, now, i18n.language, t('integrations.justNow'))}
        </time>
      </div>
      <div className="mt-2 flex flex-wrap items-center gap-2">
        <button
          type="button"
          aria-expanded={isOpen}
          aria-controls={jsonId}
          onClick={props.onToggle}
          className="inline-flex items-center gap-1 rounded-md px-1.5 py-0.5 text-xs font-medium text-neutral-600 hover:bg-neutral-100 hover:text-neutral-900 dark:text-neutral-400 dark:hover:bg-neutral-800 dark:hover:text-neutral-100"
          data-testid="trigger-payload-toggle"
        >
          <ChevronRight aria-hidden className={cn('size-3.5 transition-transform', isOpen && 'rotate-90')} />
          {t(isOpen ? 'integrations.payloads.hideJson' : 'integrations.payloads.showJson')}
        </button>
        {props.isSample ? (
          <span className="inline-flex items-center gap-1 px-1.5 text-xs font-medium text-brand-700 dark:text-brand-300">
            <MousePointerClick aria-hidden className="size-3.5" />
            {t('integrations.payloads.inUse')}
          </span>
        ) : (
          <button
            type="button"
            onClick={props.onUseSample}
            className="inline-flex items-center gap-1 rounded-md px-1.5 py-0.5 text-xs font-medium text-brand-700 hover:bg-brand-50 dark:text-brand-300 dark:hover:bg-brand-950"
            data-testid="trigger-payload-use"
          >
            <MousePointerClick aria-hidden className="size-3.5" />
            {t('integrations.payloads.useSample')}
          </button>
        )}
      </div>
      {isOpen ? (
        <pre
          id={jsonId}
          className="mt-2 max-h-96 overflow-auto rounded-lg bg-neutral-900 px-3.5 py-3 font-mono text-xs leading-relaxed text-neutral-100 dark:bg-black"
          data-testid="trigger-payload-json"
        >
          {prettyJson(payload.body)}
        </pre>
      ) : null}
    </li>
  );
}
