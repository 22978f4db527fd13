import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { FlowDefinitionInput } from '@charla/contracts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../harness/test-app';
import { requestsAs, simulatedCustomers } from './automation-harness';

// A shop's order system on this machine, reachable by the name Charla is told to allow
// (OUTBOUND_HTTP_ALLOW=localhost:<port>); the same server by its loopback address is not.
let shop: Server;
let port = 0;
const calls: { method: string; url: string; body: string; auth: string | null }[] = [];
let t: TestApp;

beforeAll(async () => {
  shop = createServer((req, res) => {
    let body = '';
    req.on('data', (c) => {
      body += c;
    });
    req.on('end', () => {
      calls.push({
        method: req.method ?? '',
        url: req.url ?? '',
        body,
        auth: req.headers.authorization ?? null,
      });
      const json = (status: number, value: unknown) =>
        res.writeHead(status, { 'content-type': 'application/json' }).end(JSON.stringify(value));
      if (req.url?.startsWith('/orders/1234'))
        return json(200, { status: 'enviado', items: [{ name: 'Taza azul' }] });
      if (req.url?.startsWith('/orders/9')) return json(404, { error: 'not found' });
      if (req.url?.startsWith('/orders/5')) return void setTimeout(() => json(200, {}), 3_000);
      if (req.url?.startsWith('/orders/7'))
        return void res.writeHead(302, { location: `http://127.0.0.1:${port}/orders/1234` }).end();
      json(500, { error: 'boom' });
    });
  });
  await new Promise<void>((resolve) => shop.listen(0, '127.0.0.1', resolve));
  port = (shop.address() as AddressInfo).port;
  t = await createTestApp({ config: { OUTBOUND_HTTP_ALLOW: `localhost:${port}` } });
});
afterAll(async () => {
  await t?.close();
  await new Promise((resolve) => shop.close(resolve));
});

const api = requestsAs(() => t)(() => t.cookie);
const { newCustomer, writes, received, waitReceived } = simulatedCustomers(() => t, {
  prefix: '34633',
  name: 'Lucía Gómez',
});

const lookup = (): FlowDefinitionInput => ({
  nodes: [
    { id: 'start', type: 'start' },
    {
      id: 'ask',
      type: 'question',
      text: '¿Cuál es tu número de pedido?',
      saveTo: { kind: 'variable', key: 'pedido' },
      validate: 'number',
    },
    {
      id: 'call',
      type: 'http',
      method: 'POST',
      url: `http://localhost:${port}/orders/{{pedido}}?key=secreto`,
      headers: [{ name: 'Authorization', value: 'Bearer tienda-123' }],
      body: '{"pedido": "{{pedido}}", "cliente": "{{contact.name}}"}',
      timeoutSeconds: 1,
      map: [
        { path: 'status', variable: 'estado' },
        { path: 'items.0.name', variable: 'producto' },
      ],
    },
    { id: 'found', type: 'end', text: 'Tu pedido ({{producto}}) está {{estado}}.' },
    { id: 'lost', type: 'end', text: 'No encuentro el pedido {{pedido}} (código {{http_status}}).' },
  ],
  edges: [
    { id: 'a', source: 'start', target: 'ask' },
    { id: 'b', source: 'ask', target: 'call' },
    { id: 'c', source: 'call', sourceHandle: 'success', target: 'found' },
    { id: 'd', source: 'call', sourceHandle: 'error', target: 'lost' },
  ],
});

async function historyOf(from: string): Promise<string[]> {
  const [row] = await t.container.db.query<{ id: string }>(
    'SELECT c.id FROM conversations c JOIN contacts ct ON ct.id = c.contact_id WHERE ct.wa_id = $1',
    [from],
  );
  const thread = (await api('GET', `/api/conversations/${row!.id}`)).json();
  return thread.events
    .filter((e: { to: string }) => e.to === 'http_called')
    .map((e: { note: string }) => e.note);
}

describe('a bot that looks an order up over HTTP', () => {
  it('publishes only with both outputs connected and a JSON body', async () => {
    const flow = (await api('POST', '/api/flows', { name: 'Pedidos' })).json();
    const broken = lookup();
    broken.edges = broken.edges!.filter((e) => e.id !== 'd');
    broken.nodes = broken.nodes!.map((node) =>
      node.type === 'http' ? { ...node, body: '{"pedido": {{pedido}}' } : node,
    );
    await api('PUT', `/api/flows/${flow.id}`, { name: 'Pedidos', draft: broken });
    const refused = await api('POST', `/api/flows/${flow.id}/publish`);
    expect(refused.statusCode).toBe(422);
    expect(refused.json().error.fields).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ path: 'nodes.call', code: 'missing_branch', detail: 'error' }),
        expect.objectContaining({
          path: 'nodes.call',
          code: 'invalid_body',
          message: expect.stringContaining('inside quotes'),
        }),
      ]),
    );
    await api('PUT', `/api/flows/${flow.id}`, { name: 'Pedidos', draft: lookup() });
    expect((await api('POST', `/api/flows/${flow.id}/publish`)).statusCode).toBe(200);
    const rule = await api('POST', '/api/automation/rules', {
      name: 'Pedidos',
      enabled: true,
      trigger: { type: 'message_received' },
      conditions: [{ type: 'keywords', keywords: ['pedido'], mode: 'contains' }],
      actions: [{ type: 'start_flow', flowId: flow.id }],
    });
    expect(rule.statusCode, rule.body).toBe(201);
  });

  it('calls the shop with the answer, keeps fields of its JSON and answers with them', async () => {
    const from = newCustomer();
    writes(from, 'Hola, ¿dónde está mi pedido?');
    await waitReceived(from, 1);
    writes(from, '1234');
    expect((await waitReceived(from, 2))[1]).toBe('Tu pedido (Taza azul) está enviado.');
    const call = calls.find((c) => c.url.startsWith('/orders/1234'))!;
    expect(call).toMatchObject({
      method: 'POST',
      auth: 'Bearer tienda-123',
      url: '/orders/1234?key=secreto',
    });
    expect(JSON.parse(call.body)).toEqual({ pedido: '1234', cliente: 'Lucía Gómez' });
    // The thread says what was called, without the query string (it may hold a key).
    const [line] = await historyOf(from);
    expect(line).toMatch(new RegExp(`^POST http://localhost:${port}/orders/1234 → 200 · \\d+ ms$`));
  });

  it('takes the error output on a 404, a timeout, and a redirect to an address it may not call', async () => {
    const cases = [
      { order: '9', line: '→ 404', says: 'No encuentro el pedido 9 (código 404).' },
      { order: '5', line: '→ no answer in time', says: 'No encuentro el pedido 5 (código ).' },
      {
        order: '7',
        line: '127.0.0.1 is a private, local or reserved address',
        says: 'No encuentro el pedido 7 (código ).',
      },
    ];
    const customers = cases.map(() => newCustomer());
    for (const from of customers) writes(from, 'mi pedido');
    for (const from of customers) await waitReceived(from, 1);
    for (const [i, c] of cases.entries()) writes(customers[i]!, c.order);
    for (const [i, c] of cases.entries()) {
      expect((await waitReceived(customers[i]!, 2))[1]).toBe(c.says);
      expect((await historyOf(customers[i]!))[0]).toContain(c.line);
    }
    // The redirect was refused before connecting: the shop saw /orders/7, never the hop.
    expect(calls.filter((c) => c.url.startsWith('/orders/1234')).length).toBe(1);
  });

  it('keeps the customer waiting on the call: a message meanwhile does not move the bot', async () => {
    const from = newCustomer();
    writes(from, 'pedido');
    await waitReceived(from, 1);
    writes(from, '5');
    writes(from, '¿hola?');
    expect((await waitReceived(from, 2))[1]).toBe('No encuentro el pedido 5 (código ).');
    await new Promise((r) => setTimeout(r, 300));
    expect(received(from)).toHaveLength(2);
  });
});

describe('a rule that calls an HTTP endpoint', () => {
  it('posts the customer to the shop’s CRM without holding its reply back, and the thread says how it went', async () => {
    const refused = await api('POST', '/api/automation/rules', {
      name: 'CRM',
      trigger: { type: 'message_received' },
      actions: [
        { type: 'http_request', method: 'POST', url: 'https://crm.example/{{apodo}}', body: '{"a": {{x}}' },
      ],
    });
    expect(refused.statusCode).toBe(422);
    expect(refused.json().error.fields.map((f: { path: string }) => f.path)).toEqual(
      expect.arrayContaining(['actions.0.url', 'actions.0.body']),
    );
    const rule = await api('POST', '/api/automation/rules', {
      name: 'Alta en CRM',
      enabled: true,
      trigger: { type: 'message_received' },
      conditions: [{ type: 'keywords', keywords: ['catálogo'], mode: 'contains' }],
      actions: [
        {
          type: 'http_request',
          method: 'POST',
          url: `http://localhost:${port}/crm/leads`,
          headers: [{ name: 'Authorization', value: 'Bearer crm-1' }],
          body: '{"telefono": "{{contact.phone}}", "nombre": "{{contact.name}}"}',
        },
        { type: 'send_message', message: { type: 'text', text: 'Te mando el catálogo enseguida.' } },
      ],
    });
    expect(rule.statusCode, rule.body).toBe(201);
    const from = newCustomer();
    writes(from, '¿Me pasas el catálogo?');
    expect(await waitReceived(from, 1)).toEqual(['Te mando el catálogo enseguida.']);
    await t.waitFor(async () => calls.some((c) => c.url === '/crm/leads'), 'the CRM call');
    const call = calls.find((c) => c.url === '/crm/leads')!;
    expect(call.auth).toBe('Bearer crm-1');
    expect(JSON.parse(call.body)).toEqual({ telefono: `+${from}`, nombre: 'Lucía Gómez' });
    // The CRM answers 500 (it knows only orders): the thread says so, under the rule's name.
    const [line] = await t.waitFor(async () => {
      const lines = await historyOf(from);
      return lines.length > 0 && lines;
    }, 'the history line');
    expect(line).toMatch(new RegExp(`^POST http://localhost:${port}/crm/leads → 500 · \\d+ ms$`));
  });
});
