import { Building2, Check, Copy, Mail, Phone } from 'lucide-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { formatPhone } from '../../../lib/phone-number';
import { Avatar } from '../../../ui/avatar';
import type { SharedContact } from './content-types';

/** One card per shared contact: name, organisation, phones (each copyable) and emails. */
export function ContactCards({ contacts }: { contacts: SharedContact[] }) {
  return (
    <div className="flex w-72 max-w-full flex-col gap-1.5">
      {contacts.map((contact, index) => (
        // Shared contacts have no id; their order in the message is stable.
        // biome-ignore lint/suspicious/noArrayIndexKey: see above
        <ContactCard key={index} contact={contact} />
      ))}
    </div>
  );
}

function ContactCard({ contact }: { contact: SharedContact }) {
  const { t } = useTranslation();
  const name = contact.name.trim() || t('inbox.contact.noName');
  return (
    <div data-testid="contact-card" className="rounded-lg bg-black/[0.04] p-2.5 dark:bg-white/[0.06]">
      <div className="flex items-center gap-2.5">
        <Avatar label={name} className="size-10" />
        <div className="min-w-0">
          <p className="font-medium [overflow-wrap:anywhere]">{name}</p>
          {contact.organization ? (
            <p className="flex items-center gap-1 text-xs text-neutral-500 dark:text-neutral-400">
              <Building2 aria-hidden className="size-3.5 shrink-0" />
              <span className="[overflow-wrap:anywhere]">{contact.organization}</span>
            </p>
          ) : null}
        </div>
      </div>
      {contact.phones.length > 0 || contact.emails.length > 0 ? (
        <ul className="mt-2 flex flex-col gap-1 border-t border-black/10 pt-2 text-sm dark:border-white/10">
          {contact.phones.map((phone) => (
            <li key={`p-${phone.phone}`} className="flex items-center gap-2">
              <Phone aria-hidden className="size-3.5 shrink-0 text-neutral-500" />
              <span className="min-w-0 flex-1 [overflow-wrap:anywhere]">
                {formatPhone(phone.phone)}
                {phone.type ? (
                  <span className="ml-1.5 text-xs text-neutral-500 lowercase dark:text-neutral-400">
                    {phone.type}
                  </span>
                ) : null}
              </span>
              <CopyNumber phone={phone.phone} />
            </li>
          ))}
          {contact.emails.map((email) => (
            <li key={`e-${email.email}`} className="flex items-center gap-2">
              <Mail aria-hidden className="size-3.5 shrink-0 text-neutral-500" />
              <span className="min-w-0 flex-1 [overflow-wrap:anywhere]">{email.email}</span>
            </li>
          ))}
        </ul>
      ) : null}
    </div>
  );
}

function CopyNumber({ phone }: { phone: string }) {
  const { t } = useTranslation();
  const [isCopied, setIsCopied] = useState(false);
  const onCopy = async () => {
    try {
      await navigator.clipboard.writeText(phone);
      setIsCopied(true);
      setTimeout(() => setIsCopied(false), 2_000);
    } catch {
      // Clipboard needs HTTPS or localhost; the number stays selectable as text.
    }
  };
  const label = isCopied ? t('inbox.contact.copied') : t('inbox.contact.copyNumber');
  return (
    <button
      type="button"
      onClick={onCopy}
      data-testid="copy-number"
      aria-label={`${label}: ${phone}`}
      title={label}
      className="flex size-7 shrink-0 items-center justify-center rounded-md text-neutral-500 hover:bg-black/5 hover:text-neutral-800 dark:hover:bg-white/10 dark:hover:text-neutral-100"
    >
      {isCopied ? (
        <Check aria-hidden className="size-4 text-brand-600" />
      ) : (
        <Copy aria-hidden className="size-4" />
      )}
      <span aria-live="polite" className="sr-only">
        {isCopied ? t('inbox.contact.copied') : ''}
      </span>
    </button>
  );
}
