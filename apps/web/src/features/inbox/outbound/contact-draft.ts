import type { SendMessageRequest } from '@charla/contracts';

export type ContactDraft = { name: string; organization: string; phones: string[]; email: string };
export type ContactProblems = {
  name?: 'required';
  phones: Array<'required' | 'invalid' | null>;
  email?: 'invalid';
};

/** Digits with the usual separators and an optional leading +; 6 to 15 digits (E.164's maximum). */
export function isPhoneNumber(value: string): boolean {
  const text = value.trim();
  if (!/^\+?[\d\s().-]+$/.test(text)) return false;
  const digits = text.replace(/\D/g, '').length;
  return digits >= 6 && digits <= 15;
}

const emailPattern = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

export function validateContact(draft: ContactDraft): ContactProblems | null {
  const phones = draft.phones.map((phone, index) => {
    if (!phone.trim()) return index === 0 ? ('required' as const) : null;
    return isPhoneNumber(phone) ? null : ('invalid' as const);
  });
  const problems: ContactProblems = { phones };
  if (!draft.name.trim()) problems.name = 'required';
  if (draft.email.trim() && !emailPattern.test(draft.email.trim())) problems.email = 'invalid';
  const hasProblem = problems.name || problems.email || phones.some((problem) => problem !== null);
  return hasProblem ? problems : null;
}

/** The contact card WhatsApp shows, with empty extra phones left out. */
export function toContactsRequest(draft: ContactDraft): SendMessageRequest {
  return {
    type: 'contacts',
    contacts: [
      {
        name: draft.name.trim(),
        organization: draft.organization.trim() || null,
        phones: draft.phones
          .map((phone) => phone.trim())
          .filter(Boolean)
          .map((phone) => ({ phone, type: 'CELL', waId: null })),
        emails: draft.email.trim() ? [{ email: draft.email.trim(), type: null }] : [],
      },
    ],
  };
}
