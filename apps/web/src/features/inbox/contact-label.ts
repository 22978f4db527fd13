import type { ContactSummary } from '@charla/contracts';
import { formatPhone } from '../../lib/phone-number';

/** What to call a contact: their WhatsApp name, else their number as people write it. */
export function contactLabel(contact: ContactSummary): string | null {
  const number = contact.phone || contact.waId;
  return contact.name?.trim() || (number ? formatPhone(number) : null);
}
