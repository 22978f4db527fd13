import type { newConversationEs } from './new-conversation.es';

export const newConversationEn: typeof newConversationEs = {
  action: 'New conversation',
  title: 'New conversation',
  fillTitle: 'New conversation: {{name}}',
  rule: 'WhatsApp only lets a business start a conversation with an approved template. When the customer replies, you have 24 hours to write freely; after that, templates only again.',
  from: 'Write from',
  customer: 'Customer',
  search: 'Search a contact by name or phone, or type a number',
  searchHint: 'With its country code and +, e.g. +52 55 1234 5678.',
  searchHintCountry: 'With + and its country code, or a national number of {{country}}.',
  writeTo: 'Write to {{phone}} (new number)',
  noMatch: 'No contact matches. Type the full number to write to it.',
  change: 'Change',
  template: 'Approved template',
  templateHint: 'Templates with an image, video or document header are sent from the conversation.',
  noNumber: 'There is no connected number to write from.',
  invalidPhone: 'That number is not valid. Write it with its country code and +, e.g. +52 55 1234 5678.',
};
