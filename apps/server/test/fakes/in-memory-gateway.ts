import { randomUUID } from 'node:crypto';
import type { MediaKind } from '@charla/contracts';
import {
  type ChannelGateway,
  NotSent,
  type OutboundDraft,
  type OutboundMessage,
  SendFailure,
} from '../../src/modules/inbox';

const MB = 1024 * 1024;
/** WhatsApp's file rules (reference §3.4), restated so the fake stands alone. */
const LIMITS: Record<MediaKind, { mimeTypes: string[]; maxBytes: number; label: string }> = {
  image: { mimeTypes: ['image/jpeg', 'image/png'], maxBytes: 5 * MB, label: '5 MB' },
  video: { mimeTypes: ['video/mp4', 'video/3gpp'], maxBytes: 16 * MB, label: '16 MB' },
  audio: {
    mimeTypes: ['audio/aac', 'audio/amr', 'audio/mpeg', 'audio/mp4', 'audio/ogg'],
    maxBytes: 16 * MB,
    label: '16 MB',
  },
  document: { mimeTypes: ['application/pdf', 'text/plain'], maxBytes: 100 * MB, label: '100 MB' },
  sticker: { mimeTypes: ['image/webp'], maxBytes: 500 * 1024, label: '500 KB' },
};
/** What Meta reviews as a media header's sample (Resumable Upload API). */
const SAMPLE_TYPES: Partial<Record<MediaKind, string[]>> = {
  image: ['image/jpeg', 'image/png'],
  video: ['video/mp4'],
  document: ['application/pdf'],
};
const REUSE_MS = 29 * 24 * 3600_000;

/**
 * A ChannelGateway in memory, for fast tests of the inbox: it keeps what was sent and uploaded,
 * and can be told to refuse. Passes the same contract as the WhatsApp gateway.
 */
export function createInMemoryGateway(opts: { channelIds: string[]; now?: () => Date }) {
  const now = opts.now ?? (() => new Date());
  const sent: (OutboundMessage & { externalId: string; mediaExternalId: string | null })[] = [];
  const uploads: { externalId: string; mimeType: string; size: number }[] = [];
  const read: string[] = [];
  const refusals: SendFailure[] = [];
  const closedWindows: { channelId: string; to: string }[] = [];

  const gateway: ChannelGateway & {
    sent: typeof sent;
    uploads: typeof uploads;
    read: typeof read;
    /** Customers whose sandbox window was closed early. */
    closedWindows: typeof closedWindows;
    /** The next send fails with this (retryable or not), before anything is "sent". */
    refuseNext(failure: SendFailure): void;
  } = {
    sent,
    uploads,
    read,
    closedWindows,
    refuseNext(failure) {
      refusals.push(failure);
    },
    async send(message) {
      if (!opts.channelIds.includes(message.channelId)) {
        throw new SendFailure(
          { code: null, reason: 'The number of this conversation was removed.', details: null },
          false,
        );
      }
      const refusal = refusals.shift();
      if (refusal) throw refusal;
      const problem = gateway.checkContent(message);
      if (problem) throw new SendFailure({ code: null, reason: problem, details: null }, false);
      if (message.beforeRequest && !(await message.beforeRequest())) throw new NotSent();
      let mediaExternalId: string | null = null;
      if ('file' in message.content) {
        const file = message.content.file;
        if (file.uploaded && now().getTime() - file.uploaded.at.getTime() < REUSE_MS) {
          mediaExternalId = file.uploaded.externalId;
        } else {
          const bytes = await file.read();
          mediaExternalId = `media-${randomUUID()}`;
          uploads.push({ externalId: mediaExternalId, mimeType: file.mimeType, size: bytes.byteLength });
          await file.remember(mediaExternalId, now());
        }
      }
      const externalId = `fake.${randomUUID()}`;
      sent.push({ ...message, externalId, mediaExternalId });
      return { externalId };
    },
    async markRead({ externalId }) {
      read.push(externalId);
    },
    checkMedia(kind, mimeType, size) {
      const rule = LIMITS[kind];
      const base = mimeType.split(';')[0]!.trim().toLowerCase();
      if (!rule.mimeTypes.includes(base))
        return `${mimeType} is not accepted as ${kind}; use one of ${rule.mimeTypes.join(', ')}`;
      if (size <= 0) return `The ${kind} file is empty`;
      if (size > rule.maxBytes) return `The ${kind} is larger than the ${rule.label} allowed`;
      return null;
    },
    checkHeaderSample(kind, mimeType, size) {
      const types = SAMPLE_TYPES[kind];
      if (!types?.includes(mimeType.split(';')[0]!.trim().toLowerCase()))
        return `${mimeType} is not accepted as a ${kind} header's sample; use ${types?.join(' or ') ?? 'another kind'}`;
      return this.checkMedia(kind, mimeType, size);
    },
    checkContent({ content }: { content: OutboundDraft }) {
      if (content.type === 'text' && content.body.length > 4096) return 'text.body: at most 4096 characters';
      if ('caption' in content && (content.caption?.length ?? 0) > 1024)
        return 'caption: at most 1024 characters';
      if (content.type === 'interactive') {
        const i = content.interactive;
        const long = i.buttons.findIndex((b) => b.title.length > 20);
        if (long >= 0) return `buttons[${long}].title: at most 20 characters`;
        if (i.kind === 'buttons' && (i.buttons.length < 1 || i.buttons.length > 3)) return 'buttons: 1 to 3';
      }
      return null;
    },
    async closeSandboxWindow(input) {
      closedWindows.push(input);
    },
  };
  return gateway;
}
