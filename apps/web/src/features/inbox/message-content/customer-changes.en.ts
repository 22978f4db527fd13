import type { customerChangesEs } from './customer-changes.es';

/** Lines and marks for what the customer did to their messages, and WhatsApp calls (English). */
export const customerChangesEn: typeof customerChangesEs = {
  deleted: 'Deleted by the customer',
  edited: 'Edited',
  showPrevious: 'Show the previous text',
  hidePrevious: 'Hide the previous text',
  previous: 'It said before:',
  revokeNotice: 'The customer deleted a message',
  editNotice: 'The customer edited a message',
  call: {
    missed: 'Missed WhatsApp call',
    ended: 'WhatsApp call ({{duration}})',
    permission_granted: 'The customer agreed to be called on WhatsApp',
    permission_declined: 'The customer declined WhatsApp calls',
  },
  callNote: 'Charla does not answer WhatsApp calls: reply here in writing, or call them from a phone.',
  minutes: '{{count}} min',
  seconds: '{{count}} s',
  /** Inbox filter: chats a customer started from a click-to-WhatsApp ad. */
  fromAdsFilter: 'From ads',
  /** Links to the ad's media (Meta's URLs: opened in a new tab, never loaded in the thread). */
  adImage: 'Ad image',
  adVideo: 'Ad video',
};
