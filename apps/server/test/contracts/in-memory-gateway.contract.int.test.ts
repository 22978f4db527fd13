import { SendFailure } from '../../src/modules/inbox';
import { createInMemoryGateway } from '../fakes/in-memory-gateway';
import { channelGatewayContract } from './channel-gateway.contract';

// The fake the inbox's fast tests use must behave like the real gateway.
channelGatewayContract('in-memory fake', async () => {
  const channelId = '11111111-1111-4111-8111-111111111111';
  const gateway = createInMemoryGateway({ channelIds: [channelId] });
  return {
    gateway,
    channelId,
    async customer() {
      return { to: '5215500000001', inboundExternalId: 'fake.inbound-1' };
    },
    async refuseNextSendForThroughput() {
      gateway.refuseNext(
        new SendFailure(
          { code: 130429, reason: 'This number is sending faster than WhatsApp allows.', details: null },
          true,
        ),
      );
      return () => {};
    },
    async close() {},
  };
});
