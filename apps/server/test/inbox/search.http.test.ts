import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../harness/test-app';

let t: TestApp;
const customers = {
  lucia: '5215511110001',
  john: '15555550002',
  pedro: '5215511110003',
};

beforeAll(async () => {
  t = await createTestApp();
  const send = (waId: string, name: string, text: string) =>
    t.simulator.sendAsCustomer({ phoneNumberId: t.sandbox.phoneNumberId, waId, name, text });
  await send(customers.lucia, 'Lucía', 'Hola, quiero comprar unos zapatos rojos talla 38');
  await send(customers.john, 'John', 'When will my order be shipped? I paid yesterday');
  await send(customers.pedro, 'Pedro', '¿Cuándo llega el envío de mi pedido?');
  await send(
    customers.pedro,
    'Pedro',
    'Perdón, <b>también</b> quería preguntar por el zapato azul &amp; verde',
  );
  await t.waitFor(
    async () =>
      Number((await t.container.db.query<{ n: string }>('SELECT count(*) AS n FROM messages'))[0]?.n) === 4,
    'the four messages',
  );

  // Another workspace with a message using the same words: it must never show up.
  const db = t.container.db;
  const [ws] = await db.query<{ id: string }>(`INSERT INTO workspaces (name) VALUES ('Otra') RETURNING id`);
  const [ch] = await db.query<{ id: string }>(
    `INSERT INTO channels (workspace_id, kind, name, external_id, display_phone_number, waba_id, graph_base_url,
        graph_version, access_token_enc, app_secret_enc, verify_token_enc)
     VALUES ($1, 'cloud', 'Otra', '999000111', '15550009999', '999', 'http://127.0.0.1:9', 'v26.0', 'x', 'x', 'x')
     RETURNING id`,
    [ws!.id],
  );
  const [ct] = await db.query<{ id: string }>(
    `INSERT INTO contacts (workspace_id, wa_id, name) VALUES ($1, '5215599990000', 'Secreto') RETURNING id`,
    [ws!.id],
  );
  const [cv] = await db.query<{ id: string }>(
    `INSERT INTO conversations (workspace_id, channel_id, contact_id) VALUES ($1, $2, $3) RETURNING id`,
    [ws!.id, ch!.id, ct!.id],
  );
  await db.query(
    `INSERT INTO messages (workspace_id, conversation_id, channel_id, direction, type, text, occurred_at)
     VALUES ($1, $2, $3, 'inbound', 'text', 'Zapatos secretos enviados, shipped', now())`,
    [ws!.id, cv!.id, ch!.id],
  );
});
afterAll(() => t?.close());

const search = async (q: string, extra = '') => {
  const res = await t.app.inject({
    method: 'GET',
    url: `/api/search?q=${encodeURIComponent(q)}${extra}`,
    headers: { cookie: t.cookie },
  });
  return res;
};
type Hit = {
  message: { id: string };
  conversation: { id: string; contact: { name: string } };
  snippet: { text: string; match: boolean }[];
};
const textOf = (h: Hit) => h.snippet.map((s) => s.text).join('');
const matchesOf = (h: Hit) => h.snippet.filter((s) => s.match).map((s) => s.text);

describe('GET /api/search', () => {
  it('finds a Spanish message by a stemmed word and highlights the matching word', async () => {
    const res = await search('zapato');
    expect(res.statusCode).toBe(200);
    const items: Hit[] = res.json().items;
    expect(items.map((h) => h.conversation.contact.name).sort()).toEqual(['Lucía', 'Pedro']);
    const lucia = items.find((h) => h.conversation.contact.name === 'Lucía')!;
    expect(textOf(lucia)).toContain('quiero comprar unos zapatos rojos');
    expect(matchesOf(lucia)).toEqual(['zapatos']);
  });

  it('stems Spanish verbs and nouns alike: "enviar" finds "envío"', async () => {
    const items: Hit[] = (await search('enviar')).json().items;
    expect(items).toHaveLength(1);
    expect(items[0]!.conversation.contact.name).toBe('Pedro');
    expect(matchesOf(items[0]!)).toEqual(['envío']);
  });

  it('finds an English message by a stemmed word: "shipping" finds "shipped"', async () => {
    const items: Hit[] = (await search('shipping orders')).json().items;
    expect(items).toHaveLength(1);
    expect(items[0]!.conversation.contact.name).toBe('John');
    expect(matchesOf(items[0]!).sort()).toEqual(['order', 'shipped']);
  });

  it('shows a short message whole, its opening ¿ and closing ? included', async () => {
    const items: Hit[] = (await search('enviar')).json().items;
    expect(textOf(items[0]!)).toBe('¿Cuándo llega el envío de mi pedido?');
    const lucia = (await search('zapato'))
      .json()
      .items.find((h: Hit) => h.conversation.contact.name === 'Lucía');
    expect(textOf(lucia)).toBe('Hola, quiero comprar unos zapatos rojos talla 38');
  });

  it('returns customer markup as plain text segments, never as HTML', async () => {
    const items: Hit[] = (await search('zapato azul')).json().items;
    expect(items).toHaveLength(1);
    expect(textOf(items[0]!)).toContain('<b>también</b>');
    expect(textOf(items[0]!)).toContain('&amp; verde');
    expect(matchesOf(items[0]!)).toEqual(['zapato', 'azul']);
  });

  it('pages newest first with a cursor', async () => {
    const first = (await search('zapato', '&limit=1')).json();
    expect(first.items).toHaveLength(1);
    expect(first.items[0].conversation.contact.name).toBe('Pedro');
    expect(first.nextCursor).toEqual(expect.any(String));
    const second = (await search('zapato', `&limit=1&cursor=${first.nextCursor}`)).json();
    expect(second.items.map((h: Hit) => h.conversation.contact.name)).toEqual(['Lucía']);
    expect(second.nextCursor).toBeNull();
    const bad = await search('zapato', '&cursor=nope');
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.code).toBe('invalid_cursor');
  });

  it('never returns another workspace’s messages', async () => {
    for (const q of ['zapatos', 'secretos', 'shipped', 'enviar']) {
      const items: Hit[] = (await search(q)).json().items;
      expect(items.every((h) => h.conversation.contact.name !== 'Secreto')).toBe(true);
    }
    expect((await search('secretos')).json().items).toEqual([]);
  });

  it('validates the query and needs a session', async () => {
    expect((await search('   ')).statusCode).toBe(400);
    expect((await search('a'.repeat(201))).statusCode).toBe(400);
    expect((await search('hola', '&limit=500')).statusCode).toBe(400);
    const anonymous = await t.app.inject({ method: 'GET', url: '/api/search?q=hola' });
    expect(anonymous.statusCode).toBe(401);
    // Only stop words or punctuation: no error, nothing found.
    expect((await search('"" -')).json().items).toEqual([]);
  });
});
