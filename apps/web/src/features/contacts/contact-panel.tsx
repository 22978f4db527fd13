import type { ContactAttributeDefinition, ContactAttributeValue, ContactProfile } from '@charla/contracts';
import { MessageSquare, X } from 'lucide-react';
import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { isApiError } from '../../lib/api';
import { cn } from '../../lib/cn';
import { formatDate } from '../../lib/format';
import { formatPhone } from '../../lib/phone-number';
import { useErrorMessage } from '../../lib/use-error-message';
import { Alert } from '../../ui/alert';
import { Button } from '../../ui/button';
import { Field } from '../../ui/field';
import { Input, Textarea } from '../../ui/input';
import { Spinner } from '../../ui/spinner';
import { canManageMembers, useSession } from '../auth/require-auth';
import { externalUrl } from '../inbox/message-content/safe-url';
import { NewConversationButton } from '../inbox/new-conversation/new-conversation-button';
import { AttributeInput, attributeValueOf } from './attribute-input';
import { ContactPrivacyActions } from './contact-privacy';
import { useAttributeDefinitions, useContact, useUpdateContact } from './contacts.api';
import { MergeDialog } from './merge-dialog';

type ContactPanelProps = {
  id: string;
  onClose: () => void;
  /** Opened from this conversation: the list shows the contact's other ones. */
  currentConversationId?: string;
  /** Where it sits: by default a full-screen sheet on phones, a column from `md` up. */
  className?: string;
};

/** The profile beside the table or the thread: edit name, tags, notes, attributes and consent; open its chats. */
export function ContactPanel({ id, onClose, currentConversationId, className }: ContactPanelProps) {
  const { t } = useTranslation();
  const contact = useContact(id);
  const definitions = useAttributeDefinitions();
  const errorMessage = useErrorMessage();
  const { role } = useSession();
  return (
    <aside
      id="contact-panel"
      aria-label={t('contacts.profile')}
      data-testid="contact-panel"
      tabIndex={-1}
      className={cn(
        'flex w-full shrink-0 flex-col overflow-y-auto border-neutral-200 bg-white p-5 outline-none dark:border-neutral-800 dark:bg-neutral-900',
        className ?? 'fixed inset-0 z-20 md:static md:w-96 md:border-l',
      )}
    >
      <div className="sticky -top-5 z-10 -mx-5 -mt-5 mb-2 flex items-center justify-between bg-white px-5 pt-5 pb-2 dark:bg-neutral-900">
        <h2 className="text-lg font-semibold">{t('contacts.profile')}</h2>
        <Button variant="ghost" size="icon" onClick={onClose} aria-label={t('common.close')}>
          <X className="size-4" aria-hidden />
        </Button>
      </div>
      {contact.isPending || definitions.isPending ? (
        <Spinner />
      ) : contact.isError ? (
        <Alert tone="error">{errorMessage(contact.error)}</Alert>
      ) : (
        <>
          <div className="mb-3">
            <NewConversationButton contactId={contact.data.id} />
          </div>
          <ContactForm
            contact={contact.data}
            definitions={definitions.data ?? []}
            currentConversationId={currentConversationId}
          />
          {canManageMembers(role) ? (
            <div className="mt-4 flex flex-col gap-2 border-t border-neutral-200 pt-4 dark:border-neutral-800">
              <p className="text-xs text-neutral-500">{t('merge.hint')}</p>
              <div>
                <MergeDialog target={contact.data} />
              </div>
            </div>
          ) : null}
          {canManageMembers(role) ? (
            <div className="mt-4 border-t border-neutral-200 pt-4 dark:border-neutral-800">
              <ContactPrivacyActions contact={contact.data} onErased={onClose} />
            </div>
          ) : null}
        </>
      )}
    </aside>
  );
}

const toText = (v: ContactAttributeValue | undefined) => (v === undefined ? '' : String(v));

function ContactForm({
  contact,
  definitions,
  currentConversationId,
}: {
  contact: ContactProfile;
  definitions: ContactAttributeDefinition[];
  currentConversationId?: string;
}) {
  const { t, i18n } = useTranslation();
  const update = useUpdateContact(contact.id);
  const errorMessage = useErrorMessage();
  const [name, setName] = useState(contact.name ?? '');
  const [tags, setTags] = useState(contact.tags.join(', '));
  const [notes, setNotes] = useState(contact.notes ?? '');
  const [values, setValues] = useState<Record<string, string>>(() =>
    Object.fromEntries(definitions.map((d) => [d.key, toText(contact.attributes[d.key])])),
  );
  const fieldErrors = new Map(
    isApiError(update.error) ? update.error.fields.map((f) => [f.path, f.message] as const) : [],
  );

  function onSubmit(e: FormEvent) {
    e.preventDefault();
    const attributes: Record<string, ContactAttributeValue | null> = {};
    for (const d of definitions) {
      const raw = (values[d.key] ?? '').trim();
      if (raw === toText(contact.attributes[d.key])) continue;
      attributes[d.key] = raw === '' ? null : attributeValueOf(d, raw);
    }
    update.mutate({
      name: name.trim() || null,
      notes: notes.trim() || null,
      tags: [
        ...new Set(
          tags
            .split(',')
            .map((s) => s.trim())
            .filter(Boolean),
        ),
      ],
      attributes,
    });
  }

  return (
    <form onSubmit={onSubmit} className="flex flex-col gap-4">
      <div className="text-sm text-neutral-600 dark:text-neutral-400">
        {contact.phone || contact.waId ? (
          <p className="tabular-nums" data-testid="contact-phone">
            {formatPhone(contact.phone ?? contact.waId ?? '')}
          </p>
        ) : null}
        {contact.profileName ? <p>{t('contacts.profileName', { name: contact.profileName })}</p> : null}
        {contact.username ? <p>{t('contacts.username', { username: contact.username })}</p> : null}
        {!contact.phone && contact.userId ? <p>{t('contacts.noPhoneShown')}</p> : null}
        {contact.adSource ? <AdSourceLine source={contact.adSource} /> : null}
      </div>
      <Field id="contact-name" label={t('contacts.name')}>
        <Input id="contact-name" value={name} onChange={(e) => setName(e.target.value)} />
      </Field>
      <Field id="contact-tags" label={t('contacts.tags')} hint={t('contacts.tagsHint')}>
        <Input id="contact-tags" value={tags} onChange={(e) => setTags(e.target.value)} />
      </Field>
      {definitions.map((d) => (
        <Field
          key={d.key}
          id={`attr-${d.key}`}
          label={d.label}
          error={fieldErrors.get(`attributes.${d.key}`)}
        >
          <AttributeInput
            definition={d}
            value={values[d.key] ?? ''}
            onChange={(v) => setValues((prev) => ({ ...prev, [d.key]: v }))}
          />
        </Field>
      ))}
      <Field id="contact-notes" label={t('contacts.notes')}>
        <Textarea id="contact-notes" rows={3} value={notes} onChange={(e) => setNotes(e.target.value)} />
      </Field>
      {update.isError ? <Alert tone="error">{errorMessage(update.error)}</Alert> : null}
      {update.isSuccess ? (
        <p role="status" className="text-sm text-brand-700 dark:text-brand-400" data-testid="contact-saved">
          {t('contactPanel.saved')}
        </p>
      ) : null}
      <Button type="submit" isLoading={update.isPending}>
        {t('contacts.save')}
      </Button>

      <div className="flex flex-col gap-2 border-t border-neutral-200 pt-4 dark:border-neutral-800">
        <h3 className="text-sm font-semibold">{t('contacts.optIn')}</h3>
        <p className="text-sm" data-testid="contact-opt-in">
          {t(`contacts.optInState.${contact.optIn.state}`)}
          {contact.optIn.source
            ? ` · ${t(`contacts.optInSource.${contact.optIn.source}`)}${contact.optIn.at ? ` · ${formatDate(contact.optIn.at, i18n.language)}` : ''}`
            : ''}
        </p>
        <div className="flex flex-wrap gap-1.5">
          <Button
            type="button"
            size="sm"
            variant="secondary"
            disabled={contact.optIn.state === 'opted_in'}
            onClick={() => update.mutate({ optIn: 'opted_in' })}
          >
            {t('contacts.markOptedIn')}
          </Button>
          <Button
            type="button"
            size="sm"
            variant="secondary"
            disabled={contact.optIn.state === 'opted_out'}
            onClick={() => update.mutate({ optIn: 'opted_out' })}
          >
            {t('contacts.markOptedOut')}
          </Button>
        </div>
      </div>

      <ContactConversations contact={contact} currentConversationId={currentConversationId} />
    </form>
  );
}

/** Only those the member's inbox shows: the server leaves out the others. */
function ContactConversations(props: { contact: ContactProfile; currentConversationId?: string }) {
  const { t, i18n } = useTranslation();
  const isFromThread = props.currentConversationId !== undefined;
  const conversations = props.contact.conversations.filter((c) => c.id !== props.currentConversationId);
  return (
    <div
      className="flex flex-col gap-2 border-t border-neutral-200 pt-4 dark:border-neutral-800"
      data-testid="contact-conversations"
    >
      <h3 className="text-sm font-semibold">
        {isFromThread ? t('contactPanel.otherConversations') : t('contacts.conversations')}
      </h3>
      {conversations.length === 0 ? (
        <p className="text-sm text-neutral-500">
          {isFromThread ? t('contactPanel.noOtherConversations') : t('contacts.noConversations')}
        </p>
      ) : (
        conversations.map((c) => (
          <Link
            key={c.id}
            to={`/inbox/${c.id}`}
            data-testid="contact-conversation"
            className="flex items-start gap-2 rounded-lg p-2 text-sm hover:bg-neutral-100 dark:hover:bg-neutral-800"
          >
            <MessageSquare className="mt-0.5 size-4 shrink-0 text-neutral-400" aria-hidden />
            <span className="min-w-0">
              <span className="block font-medium">
                {c.channelName} · {formatDate(c.lastActivityAt, i18n.language)}
              </span>
              <span className="block text-xs text-neutral-500">
                {t(`assignment.status.${c.status}`, { defaultValue: c.status })}
              </span>
              <span className="block truncate text-neutral-500">{c.lastMessageText ?? ''}</span>
            </span>
          </Link>
        ))
      )}
    </div>
  );
}

/** The ad the customer first came from: its id, and Meta's link to it when it is a web address. */
function AdSourceLine({ source }: { source: { id: string | null; url: string | null } }) {
  const { t } = useTranslation();
  const href = externalUrl(source.url);
  return (
    <p data-testid="contact-ad-source" className="[overflow-wrap:anywhere]">
      {source.id ? t('contacts.adSource', { id: source.id }) : t('contacts.adSourceUnnamed')}
      {href ? (
        <>
          {' · '}
          <a
            href={href}
            target="_blank"
            rel="noopener noreferrer nofollow"
            className="underline-offset-2 hover:underline"
          >
            {t('inbox.message.viewAd')}
            <span className="sr-only">{t('common.opensInNewTab')}</span>
          </a>
        </>
      ) : null}
    </p>
  );
}
