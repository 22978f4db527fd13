import type { PermissionSpec } from './permission-spec';

/** WhatsApp numbers (modules/channels). The matrix's simulator plays Meta. */
export const spec: PermissionSpec = {
  rows: [
    ['GET', () => '/api/channels', undefined, 200, 200, 200, 200],
    // An unknown token: Meta (the simulator) refuses it, so nothing is connected.
    [
      'POST',
      () => '/api/channels',
      {
        phoneNumberId: '1234567890',
        wabaId: '1234567890',
        accessToken: 'EAAnot-a-token-Meta-knows',
        appSecret: 'ab'.repeat(16),
      },
      422,
      422,
      403,
      422,
    ],
    ['POST', () => '/api/channels/sandbox', undefined, 200, 200, 403, 200],
  ],
};
