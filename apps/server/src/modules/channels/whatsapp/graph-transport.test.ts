import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { CloudApiClient, CloudApiError, CloudApiNetworkError } from '@charla/cloud-api';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { graphTransport } from './graph-transport';

// The Graph client over Charla's undici transport, against a real HTTP server on loopback.
let server: Server;
let baseUrl: string;
const seen: {
  method: string;
  url: string;
  auth: string | undefined;
  type: string | undefined;
  body: string;
}[] = [];
let answer: (req: IncomingMessage, res: ServerResponse) => void = () => {};

beforeAll(async () => {
  server = createServer((req, res) => {
    let body = '';
    req.on('data', (c) => {
      body += c;
    });
    req.on('end', () => {
      seen.push({
        method: req.method!,
        url: req.url!,
        auth: req.headers.authorization,
        type: req.headers['content-type'],
        body,
      });
      answer(req, res);
    });
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(async () => {
  server.closeAllConnections();
  await new Promise((r) => server.close(r));
});

const client = (timeoutMs = 2_000, url = baseUrl) =>
  new CloudApiClient({
    baseUrl: url,
    version: 'v23.0',
    accessToken: 'tok',
    timeoutMs,
    transport: graphTransport,
  });

async function failure(promise: Promise<unknown>): Promise<unknown> {
  return promise.then(
    () => {
      throw new Error('expected a rejection');
    },
    (e: unknown) => e,
  );
}

describe('the undici Graph transport', () => {
  it('sends JSON with the bearer token and reads the answer', async () => {
    answer = (_req, res) => {
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end(
        JSON.stringify({
          messaging_product: 'whatsapp',
          contacts: [{ input: '34600000001', wa_id: '34600000001' }],
          messages: [{ id: 'wamid.ok' }],
        }),
      );
    };
    const sent = await client().sendText('123', { to: '34600000001', body: 'Hola ñandú' });
    expect(sent.messages[0]!.id).toBe('wamid.ok');
    const last = seen.at(-1)!;
    expect(last).toMatchObject({ method: 'POST', url: '/v23.0/123/messages', auth: 'Bearer tok' });
    expect(last.type).toBe('application/json');
    expect(JSON.parse(last.body)).toMatchObject({ to: '34600000001', text: { body: 'Hola ñandú' } });
  });

  it("turns Meta's error envelope into a CloudApiError with its code", async () => {
    answer = (_req, res) => {
      res.writeHead(400, { 'content-type': 'application/json' });
      res.end(JSON.stringify({ error: { message: 'Rate limit hit', type: 'OAuthException', code: 130429 } }));
    };
    const error = await failure(client().sendText('123', { to: '34600000001', body: 'x' }));
    expect(error).toBeInstanceOf(CloudApiError);
    expect(error).toMatchObject({ httpStatus: 400, code: 130429 });
  });

  it('says a request that got no answer in time may have reached Meta', async () => {
    answer = () => {}; // never answers
    const error = await failure(client(150).sendText('123', { to: '34600000001', body: 'x' }));
    expect(error).toBeInstanceOf(CloudApiNetworkError);
    expect((error as CloudApiNetworkError).mayHaveReachedMeta).toBe(true);
    expect((error as Error).message).toContain('timed out after 150 ms');
  });

  it('says a refused connection never reached Meta', async () => {
    const closed = createServer();
    await new Promise<void>((r) => closed.listen(0, '127.0.0.1', r));
    const port = (closed.address() as AddressInfo).port;
    await new Promise((r) => closed.close(r));
    const error = await failure(
      client(2_000, `http://127.0.0.1:${port}`).sendText('123', { to: '34600000001', body: 'x' }),
    );
    expect(error).toBeInstanceOf(CloudApiNetworkError);
    expect((error as CloudApiNetworkError).mayHaveReachedMeta).toBe(false);
    expect((error as Error).message).toContain('ECONNREFUSED');
  });
});
