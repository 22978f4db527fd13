import { createSimulator } from '@charla/simulator';
import type { ChannelRecord } from '../../src/modules/channels/channel-directory';
import { createWhatsAppGateway } from '../../src/modules/channels/whatsapp/whatsapp-gateway';
import { channelGatewayContract } from './channel-gateway.contract';

// The real gateway, talking HTTP to the real simulator exactly as it talks to Meta.
channelGatewayContract('WhatsApp over the simulator', async () => {
  const simulator = createSimulator({
    statusDelaysMs: { sent: 10, delivered: 20 },
    webhookRetryDelaysMs: [],
  });
  const url = await simulator.listen({ host: '127.0.0.1', port: 0 });
  const number = {
    phoneNumberId: '900100200300',
    displayPhoneNumber: '15550001111',
    wabaId: '900100200000',
    accessToken: 'contract-token',
    appSecret: 'contract-secret',
  };
  // Webhooks go nowhere: the contract is about the requests, not the statuses.
  simulator.registerNumber({ ...number, webhookUrl: 'http://127.0.0.1:9/webhooks/whatsapp' });
  const channelId = '22222222-2222-4222-8222-222222222222';
  const channel = {
    id: channelId,
    workspaceId: '33333333-3333-4333-8333-333333333333',
    kind: 'sandbox',
    name: 'Contract',
    phoneNumberId: number.phoneNumberId,
    displayPhoneNumber: number.displayPhoneNumber,
    wabaId: number.wabaId,
    graphBaseUrl: url,
    graphVersion: 'v23.0',
    accessToken: number.accessToken,
    appSecret: number.appSecret,
    verifyToken: 'v',
    status: 'connected',
  } as ChannelRecord;
  const gateway = createWhatsAppGateway({ byId: async (id) => (id === channelId ? channel : undefined) });
  const waId = '5215500000002';
  return {
    gateway,
    channelId,
    async customer() {
      const { wamid } = simulator.sendAsCustomer({ phoneNumberId: number.phoneNumberId, waId, text: 'Hola' });
      return { to: waId, inboundExternalId: wamid };
    },
    async refuseNextSendForThroughput() {
      // One message per second, and this second's message is already gone.
      simulator.setBehaviour(number.phoneNumberId, { mps: 1 });
      await fetch(`${url}/v23.0/${number.phoneNumberId}/messages`, {
        method: 'POST',
        headers: { authorization: `Bearer ${number.accessToken}`, 'content-type': 'application/json' },
        body: JSON.stringify({
          messaging_product: 'whatsapp',
          to: `+${waId}`,
          type: 'text',
          text: { body: 'filler' },
        }),
      });
      return () => void simulator.setBehaviour(number.phoneNumberId, { mps: 80 });
    },
    close: () => simulator.close(),
  };
});
