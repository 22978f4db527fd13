import type { ContactSummary } from '@charla/contracts';

/** What to call a contact: their WhatsApp name, else their number. */
export function contactLabel(contact: ContactSummary): string | null {
  return contact.name?.trim() || contact.phone || (contact.waId ? `+${contact.waId}` : null);
}
