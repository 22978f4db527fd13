import type { Contact, ContactMergePreview } from '@charla/contracts';
import { ArrowLeft, GitMerge } from 'lucide-react';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { formatPhone } from '../../lib/phone-number';
import { useErrorMessage } from '../../lib/use-error-message';
import { Alert } from '../../ui/alert';
import { Badge } from '../../ui/badge';
import { Button } from '../../ui/button';
import { Spinner } from '../../ui/spinner';
import { useMergeContacts, useMergePreview } from './contact-merge.api';

export const nameOf = (c: Contact) =>
  c.name ?? c.profileName ?? (c.phone || c.waId ? formatPhone(c.phone ?? c.waId ?? '') : '—');

export function MergePreviewStep(props: {
  target: Contact;
  sourceId: string;
  onBack: () => void;
  onDone: () => void;
}) {
  const { t } = useTranslation();
  const preview = useMergePreview(props.target.id, props.sourceId);
  const merge = useMergeContacts(props.target.id);
  const errorMessage = useErrorMessage();
  if (preview.isPending) return <Spinner />;
  if (preview.isError)
    return (
      <div className="flex flex-col gap-3">
        <Alert tone="error">{errorMessage(preview.error)}</Alert>
        <BackButton onBack={props.onBack} />
      </div>
    );
  const p = preview.data;
  return (
    <div className="flex flex-col gap-4" data-testid="merge-preview">
      <MergeTable preview={p} />
      <p className="text-sm text-neutral-700 dark:text-neutral-300" data-testid="merge-summary">
        {t('merge.moves', { conversations: p.movedConversations, messages: p.movedMessages })}
        {p.joinedChannels.length ? ` ${t('merge.joined', { channels: p.joinedChannels.join(', ') })}` : ''}
      </p>
      <Alert tone="info">{t('merge.warning', { name: nameOf(p.source) })}</Alert>
      {merge.isError ? <Alert tone="error">{errorMessage(merge.error)}</Alert> : null}
      <div className="flex flex-wrap justify-between gap-2">
        <BackButton onBack={props.onBack} />
        <Button
          variant="danger"
          isLoading={merge.isPending}
          onClick={() => merge.mutate(props.sourceId, { onSuccess: props.onDone })}
          data-testid="merge-confirm"
        >
          <GitMerge aria-hidden className="size-4" />
          {t('merge.confirm')}
        </Button>
      </div>
    </div>
  );
}

function BackButton({ onBack }: { onBack: () => void }) {
  const { t } = useTranslation();
  return (
    <Button variant="ghost" onClick={onBack}>
      <ArrowLeft aria-hidden className="size-4" />
      {t('merge.back')}
    </Button>
  );
}

/** Side by side: this contact, the duplicate, and what the merged contact will hold. */
function MergeTable({ preview }: { preview: ContactMergePreview }) {
  const { t } = useTranslation();
  const cols = [
    { title: t('merge.kept'), c: preview.target },
    { title: t('merge.removed'), c: preview.source },
    { title: t('merge.result'), c: preview.result },
  ];
  const rows: { label: string; value: (c: Contact) => ReactNode }[] = [
    { label: t('contacts.name'), value: (c) => c.name ?? c.profileName ?? '—' },
    { label: t('contacts.phone'), value: (c) => (c.phone ? formatPhone(c.phone) : '—') },
    { label: t('merge.whatsapp'), value: (c) => c.waId ?? '—' },
    {
      label: t('contacts.tags'),
      value: (c) =>
        c.tags.length ? (
          <span className="flex flex-wrap gap-1">
            {c.tags.map((tag) => (
              <Badge key={tag}>{tag}</Badge>
            ))}
          </span>
        ) : (
          '—'
        ),
    },
    {
      label: t('merge.attributes'),
      value: (c) =>
        Object.keys(c.attributes).length
          ? Object.entries(c.attributes)
              .map(([k, v]) => `${k}: ${String(v)}`)
              .join(' · ')
          : '—',
    },
    {
      label: t('contacts.notes'),
      value: (c) => <span className="whitespace-pre-line">{c.notes ?? '—'}</span>,
    },
    { label: t('contacts.optIn'), value: (c) => t(`contacts.optInState.${c.optIn.state}`) },
  ];
  return (
    <div className="grid grid-cols-1 gap-3 sm:grid-cols-3">
      {cols.map(({ title, c }, i) => (
        <section
          key={title}
          className={
            i === 2
              ? 'rounded-xl border-2 border-brand-500 p-3'
              : 'rounded-xl border border-neutral-200 p-3 dark:border-neutral-800'
          }
          data-testid={`merge-col-${i}`}
        >
          <h3 className="mb-2 text-sm font-semibold">{title}</h3>
          <dl className="flex flex-col gap-1.5 text-sm">
            {rows.map((r) => (
              <div key={r.label}>
                <dt className="text-xs text-neutral-500">{r.label}</dt>
                <dd className="break-words">{r.value(c)}</dd>
              </div>
            ))}
          </dl>
        </section>
      ))}
    </div>
  );
}
