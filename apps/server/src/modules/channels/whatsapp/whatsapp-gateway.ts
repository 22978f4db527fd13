import { CloudApiClient, checkHeaderSample, checkMedia } from '@charla/cloud-api';
import { type ChannelGateway, NotSent, type OutboundFile, SendFailure } from '../../inbox';
import type { ChannelDirectory, ChannelRecord } from '../channel-directory';
import { toSendFailure } from './cloud-api-errors';
import { graphTransport } from './graph-transport';
import { checkCloudApiMessage, toCloudApiMessage } from './map-outbound-message';

/** Why a send through a disconnected (or removed) number fails; the disconnect fails queued sends with it too. */
export const NUMBER_DISCONNECTED_REASON =
  'The number was disconnected, so this message was not sent. An owner or admin can reconnect it in Settings › Numbers; then send it again.';

/** Meta keeps an uploaded file 30 days; one day of margin so a send never names an expired id. */
export const MEDIA_REUSE_MS = 29 * 24 * 3600_000;
const MAX_KEPT_UPLOADS = 500;

export interface WhatsAppGatewayOptions {
  /** Replaces fetch for Graph calls (tests simulate timeouts with it). */
  fetch?: typeof fetch;
  timeoutMs?: number;
  now?: () => Date;
}

/** The inbox's ChannelGateway over the Cloud API; the same client code for Meta and the simulator. */
export function createWhatsAppGateway(
  directory: Pick<ChannelDirectory, 'byId'>,
  opts: WhatsAppGatewayOptions = {},
): ChannelGateway {
  const clients = new Map<string, { key: string; client: CloudApiClient }>();
  const now = opts.now ?? (() => new Date());

  async function clientFor(channelId: string): Promise<{ channel: ChannelRecord; client: CloudApiClient }> {
    const channel = await directory.byId(channelId);
    if (!channel) {
      throw new SendFailure({ code: null, reason: NUMBER_DISCONNECTED_REASON, details: null }, false);
    }
    const key = `${channel.graphBaseUrl}|${channel.graphVersion}|${channel.accessToken}`;
    let entry = clients.get(channelId);
    if (!entry || entry.key !== key) {
      entry = {
        key,
        client: new CloudApiClient({
          transport: graphTransport,
          baseUrl: channel.graphBaseUrl,
          version: channel.graphVersion,
          accessToken: channel.accessToken,
          ...(opts.fetch && { fetch: opts.fetch }),
          ...(opts.timeoutMs && { timeoutMs: opts.timeoutMs }),
        }),
      };
      clients.set(channelId, entry);
    }
    return { channel, client: entry.client };
  }

  /**
   * Recent uploads by number and file, in progress or done: a broadcast's first few hundred sends
   * all read its header file as not uploaded yet, and must share one upload rather than each make
   * their own. The newest few hundred are kept; older ones are found through `file.uploaded`.
   */
  const uploads = new Map<string, { at: number; id: Promise<string>; done?: string }>();

  /** Meta's id for the file: the cached upload while valid, else a fresh upload (remembered at once). */
  async function mediaIdFor(client: CloudApiClient, phoneNumberId: string, file: OutboundFile) {
    if (file.uploaded && now().getTime() - file.uploaded.at.getTime() < MEDIA_REUSE_MS) {
      return file.uploaded.externalId;
    }
    const key = `${phoneNumberId}|${file.mediaId}`;
    const recent = uploads.get(key);
    // The file's row is the truth once it names an upload; before that (read while the upload ran
    // or was being remembered), or while the upload is still running, this one is shared.
    const isShared = recent && (recent.done === undefined || file.uploaded === null);
    if (recent && isShared && now().getTime() - recent.at < MEDIA_REUSE_MS) return recent.id;
    const id = (async () => {
      const bytes = await file.read();
      const uploaded = await client.uploadMedia(phoneNumberId, {
        bytes,
        mimeType: file.mimeType,
        filename: file.filename ?? defaultFilename(file.mimeType),
      });
      await file.remember(uploaded.id, now());
      return uploaded.id;
    })();
    const entry: { at: number; id: Promise<string>; done?: string } = { at: now().getTime(), id };
    uploads.set(key, entry);
    id.then(
      (done) => {
        entry.done = done;
      },
      // A failed upload is not kept: the next send tries again.
      () => {
        if (uploads.get(key) === entry) uploads.delete(key);
      },
    );
    if (uploads.size > MAX_KEPT_UPLOADS) uploads.delete(uploads.keys().next().value!);
    return id;
  }

  return {
    async send(message) {
      const { channel, client } = await clientFor(message.channelId);
      try {
        const file =
          'file' in message.content
            ? message.content.file
            : message.content.type === 'template'
              ? message.content.headerFile
              : null;
        const mediaId = file ? await mediaIdFor(client, channel.phoneNumberId, file) : '';
        const request = toCloudApiMessage(message.to, message, mediaId);
        if (message.callbackData) request.biz_opaque_callback_data = message.callbackData;
        const problem = checkCloudApiMessage(request);
        if (problem) throw new SendFailure({ code: null, reason: problem, details: null }, false);
        if (message.beforeRequest && !(await message.beforeRequest())) throw new NotSent();
        const response = await client.sendMessage(channel.phoneNumberId, request);
        const id = response.messages[0]?.id;
        if (!id) throw new Error('WhatsApp accepted the message but returned no id');
        return { externalId: id };
      } catch (err) {
        if (err instanceof NotSent) throw err;
        throw toSendFailure(err);
      }
    },
    async markRead({ channelId, externalId }) {
      const { channel, client } = await clientFor(channelId);
      await client.markRead(channel.phoneNumberId, externalId);
    },
    checkMedia(kind, mimeType, size) {
      return checkMedia(kind, mimeType, size);
    },
    checkHeaderSample(kind, mimeType, size) {
      return checkHeaderSample(kind, mimeType, size);
    },
    checkContent(draft) {
      return checkCloudApiMessage(toCloudApiMessage('15550000000', draft, 'media-id'));
    },
    async closeSandboxWindow({ channelId, to }) {
      const channel = await directory.byId(channelId);
      if (!channel) throw new Error(NUMBER_DISCONNECTED_REASON);
      // A real number's window is Meta's: only the simulator lets time pass.
      if (channel.kind !== 'sandbox')
        throw new Error('Only a sandbox number can close its 24-hour window early.');
      const url = `${channel.graphBaseUrl}/_sim/numbers/${channel.phoneNumberId}/customers/${encodeURIComponent(to)}/close-window`;
      const res = await fetch(url, { method: 'POST', signal: AbortSignal.timeout(10_000) });
      if (!res.ok)
        throw new Error(`The simulator did not close the window: ${res.status} ${await res.text()}`);
    },
  };
}

function defaultFilename(mimeType: string): string {
  const ext =
    mimeType
      .split(';')[0]!
      .split('/')[1]
      ?.replace(/[^a-z0-9]/gi, '') || 'bin';
  return `file.${ext}`;
}
