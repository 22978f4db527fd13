import { randomBytes } from 'node:crypto';
import type { PermissionSpec } from './permission-spec';

/** WhatsApp numbers (modules/channels). The matrix's simulator plays Meta. */
export const spec: PermissionSpec = {
  /** A fresh cloud number of the test workspace each round, connected by its owner, to disconnect. */
  async prepare({ t, cookies }) {
    const number = {
      phoneNumberId: `50${randomBytes(5).readUIntBE(0, 5) % 1e10}`,
      wabaId: `60${randomBytes(5).readUIntBE(0, 5) % 1e10}`,
      accessToken: `EAAG${randomBytes(30).toString('base64url')}`,
      appSecret: randomBytes(16).toString('hex'),
      displayPhoneNumber: `1555${randomBytes(3).readUIntBE(0, 3) % 1e7}`,
      verifiedName: 'Matriz',
    };
    t.simulator.registerNumber({ ...number, webhookUrl: `${t.baseUrl}/webhooks/whatsapp` });
    const { verifiedName: _, displayPhoneNumber: __, ...body } = number;
    const res = await t.app.inject({
      method: 'POST',
      url: '/api/channels',
      headers: { cookie: cookies.owner },
      payload: body,
    });
    if (res.statusCode !== 200) throw new Error(`connecting a number failed: ${res.body}`);
    return { cloudChannelId: res.json().id };
  },
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
    ['POST', (ids) => `/api/channels/${ids.cloudChannelId}/disconnect`, undefined, 200, 200, 403, 404],
  ],
};
