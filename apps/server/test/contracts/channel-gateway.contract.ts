import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  type ChannelGateway,
  type OutboundContent,
  type OutboundFile,
  SendFailure,
} from '../../src/modules/inbox';

/** One implementation of the port plus the means to set up what the cases need. */
export interface GatewayWorld {
  gateway: ChannelGateway;
  channelId: string;
  /** A customer inside the 24-hour window, and the channel's id of the message they sent. */
  customer(): Promise<{ to: string; inboundExternalId: string }>;
  /** Makes the channel refuse the next send for throughput (nothing is sent); resolves to the undo. */
  refuseNextSendForThroughput(): Promise<() => void>;
  close(): Promise<void>;
}

const PNG = new Uint8Array(Buffer.from('89504e470d0a1a0a0000000d49484452', 'hex'));

/** A stored file as the inbox hands it over, counting how often the channel reads and uploads it. */
export function fileOf(
  bytes = PNG,
  mimeType = 'image/png',
  uploaded: OutboundFile['uploaded'] = null,
): OutboundFile & { reads: number; remembered: { externalId: string; at: Date }[] } {
  const file = {
    mediaId: '00000000-0000-4000-8000-00000000f11e',
    mimeType,
    filename: 'menu.png',
    uploaded,
    reads: 0,
    remembered: [] as { externalId: string; at: Date }[],
    async read() {
      file.reads += 1;
      return bytes;
    },
    async remember(externalId: string, at: Date) {
      file.remembered.push({ externalId, at });
      file.uploaded = { externalId, at };
    },
  };
  return file;
}

/**
 * What every ChannelGateway must do, whatever is behind it: the inbox relies on exactly this.
 * Run against the WhatsApp gateway over the simulator and against the in-memory fake.
 */
export function channelGatewayContract(name: string, makeWorld: () => Promise<GatewayWorld>) {
  describe(`ChannelGateway contract: ${name}`, () => {
    let w: GatewayWorld;
    let customer: { to: string; inboundExternalId: string };
    beforeAll(async () => {
      w = await makeWorld();
      customer = await w.customer();
    });
    afterAll(() => w?.close());

    const send = (content: OutboundContent, replyToExternalId: string | null = null) =>
      w.gateway.send({ channelId: w.channelId, to: customer.to, content, replyToExternalId });

    it('sends text and answers a distinct id per message', async () => {
      const a = await send({ type: 'text', body: 'Hola' });
      const b = await send({ type: 'text', body: 'Hola' }, customer.inboundExternalId);
      expect(a.externalId).toMatch(/\S/);
      expect(b.externalId).not.toBe(a.externalId);
    });

    it.each<[string, OutboundContent]>([
      [
        'location',
        { type: 'location', latitude: 19.43, longitude: -99.13, name: 'Tacos Ana', address: null },
      ],
      [
        'contacts',
        {
          type: 'contacts',
          contacts: [
            {
              name: 'Ana',
              phones: [{ phone: '+5215500000000', type: null, waId: null }],
              emails: [],
              organization: null,
            },
          ],
        },
      ],
      [
        'interactive buttons',
        {
          type: 'interactive',
          interactive: {
            kind: 'buttons',
            header: null,
            body: '¿Confirmas?',
            footer: null,
            buttons: [{ id: 'y', title: 'Sí' }],
            list: null,
            cta: null,
          },
        },
      ],
    ])('sends %s', async (_, content) => {
      expect((await send(content)).externalId).toMatch(/\S/);
    });

    it('reacts to a message and removes the reaction', async () => {
      const target = customer.inboundExternalId;
      expect((await send({ type: 'reaction', targetExternalId: target, emoji: '👍' })).externalId).toMatch(
        /\S/,
      );
      expect((await send({ type: 'reaction', targetExternalId: target, emoji: '' })).externalId).toMatch(
        /\S/,
      );
    });

    it('uploads a file once, remembers its id and reuses it while valid', async () => {
      const file = fileOf();
      await send({ type: 'image', file, caption: 'Menú', voice: false });
      expect(file.reads).toBe(1);
      expect(file.remembered).toHaveLength(1);
      await send({ type: 'image', file, caption: null, voice: false });
      expect(file.reads).toBe(1);
      expect(file.remembered).toHaveLength(1);
    });

    it('uploads again a file whose last upload is older than 29 days', async () => {
      const old = { externalId: 'long-gone', at: new Date(Date.now() - 30 * 24 * 3600_000) };
      const file = fileOf(PNG, 'image/png', old);
      await send({ type: 'image', file, caption: null, voice: false });
      expect(file.reads).toBe(1);
      expect(file.remembered[0]?.externalId).not.toBe('long-gone');
    });

    it('refuses a send to a channel it does not know, for good', async () => {
      const err = await w.gateway
        .send({
          channelId: '00000000-0000-4000-8000-000000000000',
          to: customer.to,
          content: { type: 'text', body: 'x' },
          replyToExternalId: null,
        })
        .catch((e: unknown) => e);
      expect(err).toBeInstanceOf(SendFailure);
      expect((err as SendFailure).retryable).toBe(false);
      expect((err as SendFailure).error.reason).toMatch(/\w+ \w+/);
    });

    it('says a throughput refusal can be retried, with its code', async () => {
      const undo = await w.refuseNextSendForThroughput();
      const err = await send({ type: 'text', body: 'pronto' }).catch((e: unknown) => e);
      undo();
      expect(err).toBeInstanceOf(SendFailure);
      expect((err as SendFailure).retryable).toBe(true);
      expect((err as SendFailure).error.code).toBe(130429);
    });

    it('checks files against the channel limits, naming the rule', () => {
      expect(w.gateway.checkMedia('image', 'image/png', 1000)).toBeNull();
      expect(w.gateway.checkMedia('document', 'application/pdf', 50 * 1024 * 1024)).toBeNull();
      expect(w.gateway.checkMedia('image', 'image/gif', 1000)).toMatch(/image\/gif/);
      expect(w.gateway.checkMedia('image', 'image/jpeg', 5 * 1024 * 1024 + 1)).toMatch(/5 MB/);
      expect(w.gateway.checkMedia('audio', 'audio/ogg', 17 * 1024 * 1024)).toMatch(/16 MB/);
    });

    it("checks a template header's sample against what Meta reviews", () => {
      expect(w.gateway.checkHeaderSample('image', 'image/png', 1000)).toBeNull();
      expect(w.gateway.checkHeaderSample('document', 'application/pdf', 1000)).toBeNull();
      expect(w.gateway.checkHeaderSample('document', 'text/plain', 1000)).toMatch(/application\/pdf/);
      expect(w.gateway.checkHeaderSample('video', 'video/3gpp', 1000)).toMatch(/video\/mp4/);
      expect(w.gateway.checkHeaderSample('image', 'image/png', 5 * 1024 * 1024 + 1)).toMatch(/5 MB/);
    });

    it('checks content before it is queued, naming the field', () => {
      expect(
        w.gateway.checkContent({ content: { type: 'text', body: 'Hola' }, replyToExternalId: null }),
      ).toBeNull();
      const tooLong = w.gateway.checkContent({
        content: {
          type: 'interactive',
          interactive: {
            kind: 'buttons',
            header: null,
            body: 'Elige',
            footer: null,
            buttons: [{ id: 'a', title: 'Un título demasiado largo' }],
            list: null,
            cta: null,
          },
        },
        replyToExternalId: null,
      });
      expect(tooLong).toMatch(/title.*20/);
      expect(
        w.gateway.checkContent({
          content: { type: 'text', body: 'x'.repeat(4097) },
          replyToExternalId: null,
        }),
      ).toMatch(/4096/);
    });

    it('marks a customer message read', async () => {
      await expect(
        w.gateway.markRead({ channelId: w.channelId, externalId: customer.inboundExternalId }),
      ).resolves.toBeUndefined();
    });
  });
}
