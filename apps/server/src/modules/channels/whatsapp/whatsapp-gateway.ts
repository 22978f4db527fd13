import { CloudApiClient, CloudApiError, CloudApiNetworkError } from '@charla/cloud-api';
import { type ChannelGateway, SendFailure } from '../../inbox';
import type { ChannelDirectory, ChannelRecord } from '../channel-directory';
import { describeCloudApiError } from './error-reasons';

/** The inbox's ChannelGateway over the Cloud API; the same client code for Meta and the simulator. */
export function createWhatsAppGateway(directory: ChannelDirectory): ChannelGateway {
  const clients = new Map<string, { key: string; client: CloudApiClient }>();

  async function clientFor(channelId: string): Promise<{ channel: ChannelRecord; client: CloudApiClient }> {
    const channel = await directory.byId(channelId);
    if (!channel) {
      throw new SendFailure(
        { code: null, reason: 'The WhatsApp number of this conversation was removed.', details: null },
        false,
      );
    }
    const key = `${channel.graphBaseUrl}|${channel.graphVersion}|${channel.accessToken}`;
    let entry = clients.get(channelId);
    if (!entry || entry.key !== key) {
      entry = {
        key,
        client: new CloudApiClient({
          baseUrl: channel.graphBaseUrl,
          version: channel.graphVersion,
          accessToken: channel.accessToken,
        }),
      };
      clients.set(channelId, entry);
    }
    return { channel, client: entry.client };
  }

  return {
    async sendText({ channelId, to, body }) {
      const { channel, client } = await clientFor(channelId);
      try {
        const response = await client.sendText(channel.phoneNumberId, { to: `+${to}`, body });
        const id = response.messages[0]?.id;
        if (!id) throw new Error('WhatsApp accepted the message but returned no id');
        return { externalId: id };
      } catch (err) {
        throw toSendFailure(err);
      }
    },
    async markRead({ channelId, externalId }) {
      const { channel, client } = await clientFor(channelId);
      await client.markRead(channel.phoneNumberId, externalId);
    },
  };
}

function toSendFailure(err: unknown): unknown {
  if (err instanceof CloudApiError) {
    const { reason, retryable } = describeCloudApiError(err.code, err.httpStatus);
    return new SendFailure({ code: err.code, reason, details: err.details ?? err.message }, retryable);
  }
  if (err instanceof CloudApiNetworkError) {
    return err.mayHaveReachedMeta
      ? new SendFailure(
          {
            code: null,
            reason:
              'WhatsApp did not answer in time, so this message may or may not have been sent. Check with the customer before sending it again.',
            details: err.message,
          },
          false,
        )
      : new SendFailure(
          { code: null, reason: 'Could not reach WhatsApp. Charla will try again.', details: err.message },
          true,
        );
  }
  return err;
}
