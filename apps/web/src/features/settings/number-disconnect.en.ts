import type { numberDisconnectEs } from './number-disconnect.es';

/** English strings of disconnecting and reconnecting a WhatsApp number (i18n/en.ts `numberDisconnect`). */
export const numberDisconnectEn: typeof numberDisconnectEs = {
  status: 'Disconnected',
  disconnect: 'Disconnect',
  confirmTitle: 'Disconnect {{number}}?',
  confirmBody:
    'Charla stops sending and receiving through this number and forgets its access token and app secret. Its conversations and messages are kept and stay readable. Messages waiting to leave will not be sent, and this number’s broadcasts are paused. You can reconnect it at any time with new credentials.',
  confirmSubmit: 'Disconnect',
  disconnectedBody:
    'This number is disconnected: its history is kept, but nothing is sent or received through it. To use it again, reconnect it with the same phone number id and new credentials.',
  reconnect: 'Reconnect',
  reconnectTitle: 'Reconnect {{number}}',
  inboxOption: '{{name}} (disconnected)',
};
