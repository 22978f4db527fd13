import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { CloudApiClient } from '@charla/cloud-api';
import type { Simulator, SimulatorOptions } from '../index';
import { CUSTOMER_WA_ID, createTestSimulator, NUMBER } from './sandbox-fixture';
import { startWebhookReceiver } from './webhook-receiver';

/** A listening simulator, a webhook receiver and Charla's real client pointed at the simulator. */
export async function startClientFixture(options: SimulatorOptions = {}) {
  const receiver = await startWebhookReceiver();
  const { simulator, clock } = createTestSimulator(receiver.url, options);
  const baseUrl = await simulator.listen();
  const client = new CloudApiClient({ baseUrl, version: 'v25.0', accessToken: NUMBER.accessToken });
  return {
    simulator,
    clock,
    receiver,
    baseUrl,
    client,
    /** The customer writes first, so the 24 h window is open. */
    openWindow: (waId = CUSTOMER_WA_ID) =>
      simulator.sendAsCustomer({ phoneNumberId: NUMBER.phoneNumberId, waId, text: 'hola', name: 'Ana' }),
    async close() {
      await simulator.close();
      await receiver.close();
    },
  };
}

export type ClientFixture = Awaited<ReturnType<typeof startClientFixture>>;

/** The last POST /messages the simulator logged, as sent and as answered. */
export function lastSend(simulator: Simulator) {
  const record = simulator.sends(NUMBER.phoneNumberId).at(-1);
  if (!record) throw new Error('nothing was sent');
  return record;
}

/** Serves fixed files on 127.0.0.1, standing in for a business's media host. */
export async function startFileServer(files: Record<string, { type: string; bytes: Uint8Array }>) {
  const server = createServer((request, response) => {
    const file = files[request.url ?? ''];
    if (!file) {
      response.statusCode = 404;
      response.end();
      return;
    }
    response.setHeader('content-type', file.type);
    response.end(file.bytes);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: (path: string) => `http://127.0.0.1:${port}${path}`,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

/** A minimal file of each kind: the simulator checks type and size, not codecs. */
export const FILES = {
  png: { type: 'image/png', bytes: Buffer.from('89504e470d0a1a0a0000000d49484452', 'hex') },
  pdf: { type: 'application/pdf', bytes: Buffer.from('%PDF-1.4\n%%EOF\n') },
  mp4: { type: 'video/mp4', bytes: Buffer.from('000000186674797069736f6d', 'hex') },
  ogg: { type: 'audio/ogg', bytes: Buffer.from('OggS\0\x02fake-opus') },
  mp3: { type: 'audio/mpeg', bytes: Buffer.from('ID3\x03\0fake-mp3') },
  webp: { type: 'image/webp', bytes: Buffer.from('RIFF\x1a\0\0\0WEBPVP8 fake-webp-static') },
};

/** The fields tests read from the simulator's JSON answers (Graph errors, admin and chat bodies). */
type SimJson = Record<string, unknown> & {
  error: { code: number; message: string };
  typing: boolean;
  behaviour: Record<string, unknown>;
  messages: Record<string, unknown>[];
};

export async function readJson(response: Response | Promise<Response>): Promise<SimJson> {
  return (await (await response).json()) as SimJson;
}
