import type { Channel, StartedConversation, Template, TemplateValues } from '@charla/contracts';
import { useQueryClient } from '@tanstack/react-query';
import { Phone, Search, User } from 'lucide-react';
import { useDeferredValue, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import { api, isApiError } from '../../../lib/api';
import { formatPhone } from '../../../lib/phone-number';
import { queryKeys } from '../../../lib/query-keys';
import { Alert } from '../../../ui/alert';
import { Button } from '../../../ui/button';
import { Dialog, DialogContent } from '../../../ui/dialog';
import { Field } from '../../../ui/field';
import { Input, Select } from '../../../ui/input';
import { Spinner } from '../../../ui/spinner';
import { useSession } from '../../auth/require-auth';
import { useContact, useContacts } from '../../contacts/contacts.api';
import { useChannels } from '../../settings/settings.api';
import { useTemplates, wabaIdOf } from '../../templates/templates.api';
import { factsOf, TemplateValuesEditor } from '../templates/template-values-form';

/** Who the conversation is with: a known contact, or a number typed in. */
type Customer = { contactId: string; label: string } | { phone: string; label: string };

const LAST_CHANNEL = 'charla.newConversation.channel';
const PHONE_LIKE = /^\+?[\d\s().-]{7,}$/;

/**
 * A business writes first: the number to write from, the customer, an approved template and its
 * values; then the thread opens. Opened from the inbox (any customer) or from a contact.
 */
export function NewConversationDialog({ contactId, onClose }: { contactId?: string; onClose: () => void }) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const client = useQueryClient();
  const channels = useChannels();
  const connected = (channels.data ?? []).filter((c) => c.status === 'connected');
  const [channelId, setChannelId] = useState<string | null>(null);
  const channel = pickChannel(connected, channelId);
  const contact = useContact(contactId ?? '');
  const [customer, setCustomer] = useState<Customer | null>(null);
  const chosenCustomer: Customer | null =
    customer ??
    (contactId && contact.data
      ? {
          contactId,
          label: contact.data.name ?? contact.data.profileName ?? formatPhone(contact.data.phone ?? ''),
        }
      : null);
  const [template, setTemplate] = useState<Template | null>(null);
  const [phoneError, setPhoneError] = useState(false);
  const started = useRef<StartedConversation | null>(null);

  const onSend = async (values: TemplateValues) => {
    if (!channel || !chosenCustomer || !template) return;
    try {
      started.current = await api.post<StartedConversation>('/api/conversations', {
        channelId: channel.id,
        ...('contactId' in chosenCustomer
          ? { contactId: chosenCustomer.contactId }
          : { phone: chosenCustomer.phone }),
        template: { templateId: template.id, values },
      });
      localStorage.setItem(LAST_CHANNEL, channel.id);
    } catch (error) {
      if (!isApiError(error) || error.code !== 'invalid_phone') throw error;
      setPhoneError(true);
      setCustomer(null);
      setTemplate(null);
    }
  };
  const onSent = () => {
    const result = started.current;
    if (!result) return;
    void client.invalidateQueries({ queryKey: queryKeys.conversations });
    onClose();
    navigate(`/inbox/${result.conversationId}`);
  };

  return (
    <Dialog open onOpenChange={(open) => (open ? undefined : onClose())}>
      <DialogContent
        title={
          template ? t('newConversation.fillTitle', { name: template.name }) : t('newConversation.title')
        }
        size="xl"
        className={template ? 'sm:min-h-[min(640px,calc(100dvh-2rem))]' : undefined}
      >
        {template && chosenCustomer ? (
          <TemplateValuesEditor
            template={template}
            facts={
              'contactId' in chosenCustomer && contact.data
                ? factsOf(contact.data)
                : {
                    name: null,
                    profileName: null,
                    phone: 'phone' in chosenCustomer ? chosenCustomer.phone : null,
                    attributes: {},
                  }
            }
            isContactLoaded={contact.data !== undefined}
            uploadConversationId={null}
            onBack={() => setTemplate(null)}
            onSend={onSend}
            onSent={onSent}
          />
        ) : (
          <div className="flex flex-col gap-4" data-testid="new-conversation">
            <Alert tone="info">
              <p data-testid="new-conversation-rule">{t('newConversation.rule')}</p>
            </Alert>
            {channels.isPending ? (
              <Spinner />
            ) : !channel ? (
              <Alert tone="warning">{t('newConversation.noNumber')}</Alert>
            ) : (
              <>
                <Field id="new-conversation-channel" label={t('newConversation.from')}>
                  <Select
                    id="new-conversation-channel"
                    value={channel.id}
                    disabled={connected.length < 2}
                    onChange={(event) => {
                      setChannelId(event.target.value);
                      setTemplate(null);
                    }}
                    data-testid="new-conversation-channel"
                  >
                    {connected.map((c) => (
                      <option key={c.id} value={c.id}>
                        {`${c.name} · ${formatPhone(c.displayPhoneNumber)}`}
                      </option>
                    ))}
                  </Select>
                </Field>
                {chosenCustomer ? (
                  <ChosenCustomer
                    customer={chosenCustomer}
                    onChange={contactId ? undefined : () => setCustomer(null)}
                  />
                ) : contactId ? (
                  <Spinner />
                ) : (
                  <CustomerSearch
                    error={phoneError ? t('newConversation.invalidPhone') : null}
                    onChoose={(c) => {
                      setPhoneError(false);
                      setCustomer(c);
                    }}
                  />
                )}
                {chosenCustomer ? <TemplateList channel={channel} onChoose={setTemplate} /> : null}
              </>
            )}
          </div>
        )}
      </DialogContent>
    </Dialog>
  );
}

/** The number chosen, else the one used last, else the first connected one. */
function pickChannel(connected: Channel[], chosenId: string | null): Channel | null {
  const last = typeof localStorage === 'undefined' ? null : localStorage.getItem(LAST_CHANNEL);
  return (
    connected.find((c) => c.id === chosenId) ?? connected.find((c) => c.id === last) ?? connected[0] ?? null
  );
}

function ChosenCustomer({ customer, onChange }: { customer: Customer; onChange?: () => void }) {
  const { t } = useTranslation();
  const Icon = 'phone' in customer ? Phone : User;
  return (
    <div className="flex flex-col gap-1.5">
      <span className="text-sm font-medium text-neutral-700 dark:text-neutral-300">
        {t('newConversation.customer')}
      </span>
      <div className="flex items-center gap-3 rounded-lg border border-neutral-200 px-3 py-2 dark:border-neutral-800">
        <Icon aria-hidden className="size-4 shrink-0 text-neutral-500" />
        <span className="min-w-0 flex-1 truncate text-sm font-medium" data-testid="new-conversation-customer">
          {customer.label}
        </span>
        {onChange ? (
          <Button variant="ghost" size="sm" onClick={onChange}>
            {t('newConversation.change')}
          </Button>
        ) : null}
      </div>
    </div>
  );
}

function CustomerSearch({ error, onChoose }: { error: string | null; onChoose: (c: Customer) => void }) {
  const { t, i18n } = useTranslation();
  const country = useSession().workspace.defaultCountry;
  const hint = country
    ? t('newConversation.searchHintCountry', {
        country: new Intl.DisplayNames([i18n.language], { type: 'region' }).of(country) ?? country,
      })
    : t('newConversation.searchHint');
  const [search, setSearch] = useState('');
  const query = useDeferredValue(search.trim());
  const contacts = useContacts(query);
  const found = query ? (contacts.data?.pages.flatMap((p) => p.items).slice(0, 6) ?? []) : [];
  const isPhone = PHONE_LIKE.test(query);
  return (
    <Field id="new-conversation-customer" label={t('newConversation.customer')} hint={hint} error={error}>
      <div className="relative">
        <Search aria-hidden className="absolute top-1/2 left-3 size-4 -translate-y-1/2 text-neutral-400" />
        <Input
          id="new-conversation-customer"
          type="search"
          autoFocus
          value={search}
          onChange={(event) => setSearch(event.target.value)}
          placeholder={t('newConversation.search')}
          aria-describedby={error ? 'new-conversation-customer-error' : 'new-conversation-customer-hint'}
          aria-invalid={error ? true : undefined}
          className="pl-9"
          data-testid="new-conversation-search"
        />
      </div>
      {query ? (
        <ul className="flex flex-col divide-y divide-neutral-100 rounded-lg border border-neutral-200 dark:divide-neutral-800 dark:border-neutral-800">
          {found.map((c) => (
            <li key={c.id}>
              <button
                type="button"
                onClick={() =>
                  onChoose({ contactId: c.id, label: c.name ?? c.profileName ?? formatPhone(c.phone ?? '') })
                }
                className="flex w-full items-center gap-3 px-3 py-2 text-left text-sm hover:bg-neutral-50 dark:hover:bg-neutral-800/60"
                data-testid="new-conversation-contact"
              >
                <User aria-hidden className="size-4 shrink-0 text-neutral-500" />
                <span className="min-w-0 flex-1 truncate font-medium">{c.name ?? c.profileName ?? '—'}</span>
                <span className="shrink-0 text-neutral-500">{c.phone ? formatPhone(c.phone) : ''}</span>
              </button>
            </li>
          ))}
          {isPhone ? (
            <li>
              <button
                type="button"
                onClick={() => onChoose({ phone: query, label: formatPhone(query) })}
                className="flex w-full items-center gap-3 px-3 py-2 text-left text-sm font-medium text-brand-700 hover:bg-neutral-50 dark:text-brand-300 dark:hover:bg-neutral-800/60"
                data-testid="new-conversation-write-to"
              >
                <Phone aria-hidden className="size-4 shrink-0" />
                {t('newConversation.writeTo', { phone: formatPhone(query) })}
              </button>
            </li>
          ) : null}
          {found.length === 0 && !isPhone && !contacts.isFetching ? (
            <li className="px-3 py-2 text-sm text-neutral-500">{t('newConversation.noMatch')}</li>
          ) : null}
        </ul>
      ) : null}
    </Field>
  );
}

/** Approved templates of the number's account; a header file needs a conversation to upload to. */
function TemplateList({ channel, onChoose }: { channel: Channel; onChoose: (t: Template) => void }) {
  const { t } = useTranslation();
  const templates = useTemplates(wabaIdOf(channel), 'approved');
  const sendable = (templates.data ?? []).filter(
    (template) => template.status === 'approved' && (!template.header || template.header.format === 'text'),
  );
  const hasMediaHeaders = (templates.data ?? []).length > sendable.length;
  if (templates.isPending) return <Spinner />;
  return (
    <div className="flex flex-col gap-1.5">
      <span className="text-sm font-medium text-neutral-700 dark:text-neutral-300">
        {t('newConversation.template')}
      </span>
      {sendable.length === 0 ? (
        <p className="text-sm text-neutral-500">{t('templates.picker.noneBody')}</p>
      ) : (
        <ul className="flex flex-col divide-y divide-neutral-100 rounded-lg border border-neutral-200 dark:divide-neutral-800 dark:border-neutral-800">
          {sendable.map((template) => (
            <li key={template.id}>
              <button
                type="button"
                onClick={() => onChoose(template)}
                className="flex w-full flex-col gap-1 px-3 py-2 text-left hover:bg-neutral-50 dark:hover:bg-neutral-800/60"
                data-testid="template-picker-item"
                data-name={template.name}
              >
                <span className="font-mono text-sm font-semibold">{template.name}</span>
                <span className="line-clamp-2 text-sm text-neutral-600 dark:text-neutral-400">
                  {template.body}
                </span>
              </button>
            </li>
          ))}
        </ul>
      )}
      {hasMediaHeaders ? (
        <p className="text-xs text-neutral-500">{t('newConversation.templateHint')}</p>
      ) : null}
    </div>
  );
}
