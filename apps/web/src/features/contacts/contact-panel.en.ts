import type { contactPanelEs } from './contact-panel.es';

/** The contact's profile beside the contacts table or a conversation (English). */
export const contactPanelEn: typeof contactPanelEs = {
  toggle: 'Show or hide the contact’s profile',
  otherConversations: 'Other conversations',
  noOtherConversations: 'No other conversations you can see.',
  saved: 'Saved',
};
