import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { isOutboundAllowEntry, isPublicAddress, outboundPolicy } from './outbound-guard';
import { outboundRequest } from './outbound-request';

// A real server on loopback: a shop's endpoint when allowed, the thing to protect when not.
let server: Server;
let port = 0;
beforeAll(async () => {
  server = createServer((req, res) => {
    if (req.url === '/hop') {
      res.writeHead(302, { location: `http://127.0.0.1:${port}/order` }).end();
    } else if (req.url === '/loop') {
      res.writeHead(307, { location: '/loop' }).end();
    } else if (req.url === '/slow') {
      setTimeout(() => res.end('late'), 2_000);
    } else if (req.url === '/big') {
      res.end('x'.repeat(300 * 1024));
    } else {
      let body = '';
      req.on('data', (c) => {
        body += c;
      });
      req.on('end', () =>
        res
          .writeHead(200, { 'content-type': 'application/json' })
          .end(JSON.stringify({ method: req.method, body, auth: req.headers.authorization ?? null })),
      );
    }
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  port = (server.address() as AddressInfo).port;
});
afterAll(() => new Promise((resolve) => server.close(resolve)));

const publicOnly = outboundPolicy([]);
const get = (url: string, policy = publicOnly, timeoutMs = 5_000) =>
  outboundRequest(policy, { method: 'GET', url, timeoutMs });

describe('which addresses are public', () => {
  it.each([
    ['127.0.0.1', false],
    ['10.20.30.40', false],
    ['172.16.5.4', false],
    ['192.168.1.1', false],
    ['169.254.169.254', false],
    ['100.64.0.1', false],
    ['0.0.0.0', false],
    ['224.0.0.1', false],
    ['::1', false],
    ['::', false],
    ['fe80::1', false],
    ['fd00::1', false],
    ['::ffff:127.0.0.1', false],
    ['::ffff:8.8.8.8', false],
    ['64:ff9b::a00:1', false],
    ['8.8.8.8', true],
    ['151.101.1.69', true],
    ['2606:4700:4700::1111', true],
  ])('%s → public: %s', (address, expected) => {
    expect(isPublicAddress(address)).toBe(expected);
  });

  it('reads OUTBOUND_HTTP_ALLOW entries: addresses, CIDRs, host:port', () => {
    expect(['10.0.0.0/8', '127.0.0.1', '::1', 'crm.office.lan:8080'].every(isOutboundAllowEntry)).toBe(true);
    expect(['10.0.0.0/33', 'crm.office.lan', 'http://x', '1.2.3.4/8/1'].some(isOutboundAllowEntry)).toBe(
      false,
    );
  });
});

describe('calling out', () => {
  it.each([
    ['http://127.0.0.1:PORT/order', '127.0.0.1 is a private, local or reserved address'],
    ['http://[::1]:PORT/order', '::1 is a private'],
    ['http://[::ffff:127.0.0.1]:PORT/order', 'is a private'],
    ['http://0x7f000001:PORT/order', '127.0.0.1 is a private'],
    ['http://localhost:PORT/order', 'localhost ('],
    ['http://169.254.169.254/latest/meta-data/', '169.254.169.254 is a private'],
  ])('refuses %s before connecting', async (url, message) => {
    const call = get(url.replace('PORT', String(port)));
    await expect(call).rejects.toMatchObject({ code: 'destination_not_allowed' });
    await expect(call).rejects.toThrow(message);
  });

  it('refuses a redirect from an allowed host to a local address', async () => {
    const byName = outboundPolicy([`localhost:${port}`]);
    const ok = await get(`http://localhost:${port}/order`, byName);
    expect(ok.status).toBe(200);
    await expect(get(`http://localhost:${port}/hop`, byName)).rejects.toMatchObject({
      code: 'destination_not_allowed',
    });
  });

  it('reaches an allowed address, sends the body and headers, follows redirects there', async () => {
    const allowed = outboundPolicy(['127.0.0.1']);
    const res = await outboundRequest(allowed, {
      method: 'POST',
      url: `http://127.0.0.1:${port}/order`,
      headers: { authorization: 'Bearer k' },
      body: '{"n":1}',
      timeoutMs: 5_000,
    });
    expect(res.status).toBe(200);
    expect(JSON.parse(res.text)).toEqual({ method: 'POST', body: '{"n":1}', auth: 'Bearer k' });
    const hopped = await get(`http://127.0.0.1:${port}/hop`, allowed);
    expect(hopped.url).toBe(`http://127.0.0.1:${port}/order`);
    expect(JSON.parse(hopped.text).method).toBe('GET');
  });

  it('gives up on a slow answer, a long one, endless redirects and non-HTTP addresses', async () => {
    const allowed = outboundPolicy(['127.0.0.1']);
    await expect(get(`http://127.0.0.1:${port}/slow`, allowed, 300)).rejects.toMatchObject({
      code: 'timeout',
    });
    await expect(
      outboundRequest(allowed, {
        method: 'GET',
        url: `http://127.0.0.1:${port}/big`,
        timeoutMs: 5_000,
        maxBytes: 64 * 1024,
      }),
    ).rejects.toMatchObject({ code: 'too_large' });
    await expect(get(`http://127.0.0.1:${port}/loop`, allowed)).rejects.toMatchObject({
      code: 'too_many_redirects',
    });
    await expect(get('file:///etc/passwd')).rejects.toMatchObject({ code: 'bad_url' });
    await expect(get('not a url')).rejects.toMatchObject({ code: 'bad_url' });
  });
});
