import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { users, workspaceMembers, workspaces } from '../../src/modules/auth/auth.schema';
import { createSession } from '../../src/modules/auth/sessions';
import { createSandboxChannel } from '../../src/modules/channels/create-sandbox-channel';
import { createTestApp, type TestApp } from '../harness/test-app';

let t: TestApp;
beforeAll(async () => {
  // Charla's Graph client talks to the simulator as if it were Meta.
  t = await createTestApp({
    config: ({ simulatorUrl }) => ({
      GRAPH_API_BASE_URL: simulatorUrl,
      PUBLIC_URL: 'https://charla.example.com',
    }),
  });
});
afterAll(() => t?.close());

interface MetaNumber {
  phoneNumberId: string;
  wabaId: string;
  accessToken: string;
  appSecret: string;
  displayPhoneNumber: string;
  verifiedName: string;
}

let seq = 0;
/** A number as it exists in "Meta": the simulator knows its token, secret and our webhook URL. */
function metaNumber(verifiedName: string): MetaNumber {
  seq += 1;
  const n: MetaNumber = {
    phoneNumberId: `10${String(seq).padStart(3, '0')}${randomBytes(5).readUIntBE(0, 5) % 1e10}`,
    wabaId: `20${randomBytes(5).readUIntBE(0, 5) % 1e10}`,
    accessToken: `EAAG${randomBytes(30).toString('base64url')}`,
    appSecret: randomBytes(16).toString('hex'),
    displayPhoneNumber: `1555123${String(1000 + seq)}`,
    verifiedName,
  };
  t.simulator.registerNumber({ ...n, webhookUrl: `${t.baseUrl}/webhooks/whatsapp` });
  return n;
}

const connectBody = (n: MetaNumber) => ({
  phoneNumberId: n.phoneNumberId,
  wabaId: n.wabaId,
  accessToken: n.accessToken,
  appSecret: n.appSecret,
});

const api = (method: 'GET' | 'POST', url: string, cookie: string, payload?: object) =>
  t.app.inject({ method, url, headers: { cookie }, ...(payload ? { payload } : {}) });

const channelCount = async () =>
  (await t.container.db.query<{ n: number }>('SELECT count(*)::int AS n FROM channels'))[0]!.n;

async function agentCookie(): Promise<string> {
  const invite = await api('POST', '/api/invitations', t.cookie, {
    email: 'agent@example.com',
    role: 'agent',
  });
  const token = invite.json().url.split('/invite/')[1];
  const accept = await t.app.inject({
    method: 'POST',
    url: `/api/invitations/${token}/accept`,
    payload: { name: 'Pablo Agent', password: 'pablo password 1' },
  });
  expect(accept.statusCode).toBe(200);
  return String(accept.headers['set-cookie']).split(';')[0]!;
}

/** Charla hosts several businesses only through separate workspaces; setup makes the first one. */
async function secondWorkspaceCookie(): Promise<string> {
  const { orm } = t.container.db;
  const [ws] = await orm.insert(workspaces).values({ name: 'Otra Tienda' }).returning();
  const [user] = await orm
    .insert(users)
    .values({ email: 'otra@example.com', name: 'Olga', passwordHash: 'not-used', locale: 'es' })
    .returning();
  await orm.insert(workspaceMembers).values({ workspaceId: ws!.id, userId: user!.id, role: 'owner' });
  const session = await createSession(t.container.auth, { userId: user!.id, workspaceId: ws!.id });
  return `charla_session=${session.token}`;
}

describe('connecting a real WhatsApp number', () => {
  it('checks the credentials with Meta, stores the secrets encrypted and shows what to paste in Meta', async () => {
    const n = metaNumber('Tienda Luna Centro');
    const res = await api('POST', '/api/channels', t.cookie, connectBody(n));
    expect(res.statusCode).toBe(200);
    const channel = res.json();
    expect(channel).toMatchObject({
      kind: 'cloud',
      name: 'Tienda Luna Centro',
      phoneNumberId: n.phoneNumberId,
      displayPhoneNumber: n.displayPhoneNumber,
      status: 'connected',
      lastError: null,
      phoneUrl: null,
      webhook: { url: 'https://charla.example.com/webhooks/whatsapp' },
    });
    const { verifyToken } = channel.webhook;
    expect(verifyToken).toMatch(/^[\w-]{24,}$/);

    const [row] = await t.container.db.query<Record<string, string>>(
      'SELECT * FROM channels WHERE external_id = $1',
      [n.phoneNumberId],
    );
    const stored = JSON.stringify(row);
    expect(stored).not.toContain(n.accessToken);
    expect(stored).not.toContain(n.appSecret);
    expect(stored).not.toContain(verifyToken);
    expect(row!.graph_base_url).toBe(t.simulatorUrl);

    const listed = (await api('GET', '/api/channels', t.cookie)).json().items;
    expect(listed.find((c: { id: string }) => c.id === channel.id)).toEqual(channel);

    // Meta's handshake with the verify token shown to the user succeeds.
    const handshake = await fetch(
      `${t.baseUrl}/webhooks/whatsapp?hub.mode=subscribe&hub.verify_token=${encodeURIComponent(verifyToken)}&hub.challenge=4242`,
    );
    expect(handshake.status).toBe(200);
    expect(await handshake.text()).toBe('4242');
  });

  it('refuses a token Meta does not accept, says where to get a permanent one, and stores nothing', async () => {
    const n = metaNumber('Token malo');
    const before = await channelCount();
    const res = await api('POST', '/api/channels', t.cookie, {
      ...connectBody(n),
      accessToken: `EAAG${'x'.repeat(40)}`,
    });
    expect(res.statusCode).toBe(422);
    const { error } = res.json();
    expect(error.code).toBe('invalid_access_token');
    expect(error.message).toMatch(/system user/i);
    expect(error.fields).toEqual([{ path: 'accessToken', message: expect.stringMatching(/System users/) }]);
    expect(await channelCount()).toBe(before);
  });

  it('refuses an unknown phone number id, and one the token cannot see, naming the field', async () => {
    const n = metaNumber('Id malo');
    const other = metaNumber('Otro negocio');
    const before = await channelCount();
    for (const phoneNumberId of ['99999999999', other.phoneNumberId]) {
      const res = await api('POST', '/api/channels', t.cookie, { ...connectBody(n), phoneNumberId });
      expect(res.statusCode).toBe(422);
      expect(res.json().error.code).toBe('invalid_phone_number_id');
      expect(res.json().error.fields[0].path).toBe('phoneNumberId');
      expect(res.json().error.message).toContain('API Setup');
    }
    expect(await channelCount()).toBe(before);
  });

  it('refuses a WABA id the number is not in, naming the wabaId field, and stores nothing', async () => {
    const n = metaNumber('Cuenta equivocada');
    // Same token, another WABA of the same business: Meta knows both, the number is in only one.
    const sibling = { ...metaNumber('Otra cuenta'), accessToken: n.accessToken };
    t.simulator.registerNumber({ ...sibling, webhookUrl: `${t.baseUrl}/webhooks/whatsapp` });
    const before = await channelCount();
    for (const wabaId of [sibling.wabaId, '2099999999']) {
      const res = await api('POST', '/api/channels', t.cookie, { ...connectBody(n), wabaId });
      expect(res.statusCode).toBe(422);
      const { error } = res.json();
      expect(error.code).toBe('phone_number_not_in_waba');
      expect(error.fields).toEqual([{ path: 'wabaId', message: expect.stringContaining('API Setup') }]);
      expect(error.message).toContain(wabaId);
      expect(error.message).toContain('WhatsApp Business Account ID');
    }
    expect(await channelCount()).toBe(before);
    const [row] = await t.container.db.query('SELECT 1 FROM channels WHERE external_id = $1', [
      n.phoneNumberId,
    ]);
    expect(row).toBeUndefined();

    const right = await api('POST', '/api/channels', t.cookie, connectBody(n));
    expect(right.statusCode).toBe(200);
    expect(right.json()).toMatchObject({ phoneNumberId: n.phoneNumberId, status: 'connected' });
  });

  it('finds the number on a later page of a WABA with many numbers', async () => {
    const n = metaNumber('Cadena grande');
    // Graph pages 25 numbers at a time; these sort before n, pushing it to the second page.
    for (let i = 0; i < 25; i += 1) {
      t.simulator.registerNumber({
        ...n,
        phoneNumberId: `10000${String(i).padStart(6, '0')}`,
        displayPhoneNumber: `1555000${String(i).padStart(4, '0')}`,
        webhookUrl: `${t.baseUrl}/webhooks/whatsapp`,
      });
    }
    const res = await api('POST', '/api/channels', t.cookie, connectBody(n));
    expect(res.statusCode).toBe(200);
  });

  it('validates the shape of each field before asking Meta', async () => {
    const n = metaNumber('Forma');
    const res = await api('POST', '/api/channels', t.cookie, { ...connectBody(n), appSecret: 'nope' });
    expect(res.statusCode).toBe(400);
    expect(res.json().error.fields[0]).toMatchObject({ path: 'appSecret' });
  });

  it('lets only the owner and admins connect numbers or see webhook secrets', async () => {
    const cookie = await agentCookie();
    const n = metaNumber('Agente');
    const res = await api('POST', '/api/channels', cookie, connectBody(n));
    expect(res.statusCode).toBe(403);
    expect((await api('POST', '/api/channels/sandbox', cookie)).statusCode).toBe(403);
    const items = (await api('GET', '/api/channels', cookie)).json().items;
    expect(items.length).toBeGreaterThan(0);
    for (const c of items) expect(c.webhook).toBeNull();
  });

  it('refuses a number already connected to another workspace, and keeps workspaces apart', async () => {
    const n = metaNumber('Compartido');
    expect((await api('POST', '/api/channels', t.cookie, connectBody(n))).statusCode).toBe(200);
    const other = await secondWorkspaceCookie();
    const res = await api('POST', '/api/channels', other, connectBody(n));
    expect(res.statusCode).toBe(409);
    expect(res.json().error.code).toBe('channel_taken');
    const [row] = await t.container.db.query<{ name: string }>(
      'SELECT w.name FROM channels c JOIN workspaces w ON w.id = c.workspace_id WHERE c.external_id = $1',
      [n.phoneNumberId],
    );
    expect(row!.name).toBe('Tienda Luna');
    expect((await api('GET', '/api/channels', other)).json().items).toEqual([]);
  });

  it('reconnecting the same number with a new token keeps the verify token already pasted in Meta', async () => {
    const n = metaNumber('Renovado');
    const first = (await api('POST', '/api/channels', t.cookie, connectBody(n))).json();
    const renewed = { ...n, accessToken: `EAAG${randomBytes(30).toString('base64url')}` };
    t.simulator.registerNumber({ ...renewed, webhookUrl: `${t.baseUrl}/webhooks/whatsapp` });
    const second = await api('POST', '/api/channels', t.cookie, connectBody(renewed));
    expect(second.statusCode).toBe(200);
    expect(second.json().id).toBe(first.id);
    expect(second.json().webhook.verifyToken).toBe(first.webhook.verifyToken);
    expect((await t.container.directory.byId(first.id))?.accessToken).toBe(renewed.accessToken);
  });
});

describe('two numbers in one workspace', () => {
  it('keeps conversations apart and answers each from its own number', async () => {
    const a = metaNumber('Sucursal Norte');
    const b = metaNumber('Sucursal Sur');
    const channelA = (await api('POST', '/api/channels', t.cookie, connectBody(a))).json();
    const channelB = (await api('POST', '/api/channels', t.cookie, connectBody(b))).json();
    const waId = '5215511122233';
    await t.simulator.sendAsCustomer({
      phoneNumberId: a.phoneNumberId,
      waId,
      name: 'Lucía',
      text: 'Hola norte',
    });
    await t.simulator.sendAsCustomer({
      phoneNumberId: b.phoneNumberId,
      waId,
      name: 'Lucía',
      text: 'Hola sur',
    });

    type Conv = { id: string; channelId: string; contact: { waId: string }; lastMessage: { text: string } };
    const convs = await t.waitFor(async () => {
      const items: Conv[] = (await api('GET', '/api/conversations', t.cookie)).json().items;
      const mine = items.filter((c) => c.contact.waId === waId);
      return mine.length === 2 && mine;
    }, 'two conversations');
    const convA = convs.find((c) => c.channelId === channelA.id);
    const convB = convs.find((c) => c.channelId === channelB.id);
    expect(convA?.lastMessage.text).toBe('Hola norte');
    expect(convB?.lastMessage.text).toBe('Hola sur');

    for (const [conv, text] of [
      [convA!, 'Respuesta desde el norte'],
      [convB!, 'Respuesta desde el sur'],
    ] as const) {
      const reply = await api('POST', `/api/conversations/${conv.id}/messages`, t.cookie, { text });
      expect(reply.statusCode).toBe(202);
    }
    const textsOf = (phoneNumberId: string) =>
      t.simulator
        .sends(phoneNumberId)
        .map((s) => (s.body as { text?: { body?: string } }).text?.body)
        .filter(Boolean);
    await t.waitFor(
      async () => textsOf(a.phoneNumberId).length === 1 && textsOf(b.phoneNumberId).length === 1,
      'both replies to reach the simulator',
    );
    expect(textsOf(a.phoneNumberId)).toEqual(['Respuesta desde el norte']);
    expect(textsOf(b.phoneNumberId)).toEqual(['Respuesta desde el sur']);
  });
});

describe('sandbox numbers on demand', () => {
  it('adds one more simulated number that customers can write to at once', async () => {
    const res = await api('POST', '/api/channels/sandbox', t.cookie);
    expect(res.statusCode).toBe(200);
    const channel = res.json();
    expect(channel).toMatchObject({ kind: 'sandbox', name: 'Sandbox 2', status: 'connected', webhook: null });
    expect(channel.phoneUrl).toBe(`${t.simulatorUrl}/phone/${channel.phoneNumberId}`);

    await t.simulator.sendAsCustomer({
      phoneNumberId: channel.phoneNumberId,
      waId: '5215599988877',
      name: 'Beto',
      text: 'Probando',
    });
    await t.waitFor(
      async () =>
        (await api('GET', '/api/conversations', t.cookie))
          .json()
          .items.some((c: { channelId: string }) => c.channelId === channel.id),
      'a conversation on the new sandbox number',
    );
  });

  it('says why when the simulator is off', async () => {
    const [ws] = await t.container.db.query<{ id: string }>(
      'SELECT id FROM workspaces ORDER BY created_at LIMIT 1',
    );
    await expect(
      createSandboxChannel(t.container.channels, ws!.id, {
        simulatorUrl: null,
        webhookUrl: `${t.baseUrl}/webhooks/whatsapp`,
        graphVersion: 'v26.0',
      }),
    ).rejects.toMatchObject({ kind: 'unavailable', code: 'simulator_off' });
  });
});

describe('when Meta cannot be reached', () => {
  let offline: TestApp;
  beforeAll(async () => {
    offline = await createTestApp({ config: { GRAPH_API_BASE_URL: 'http://127.0.0.1:1' } });
  });
  afterAll(() => offline?.close());

  it('answers 503 graph_unreachable and stores nothing', async () => {
    const res = await offline.app.inject({
      method: 'POST',
      url: '/api/channels',
      headers: { cookie: offline.cookie },
      payload: {
        phoneNumberId: '1234567890',
        wabaId: '1234567890',
        accessToken: `EAAG${'y'.repeat(40)}`,
        appSecret: 'ab'.repeat(16),
      },
    });
    expect(res.statusCode).toBe(503);
    expect(res.json().error.code).toBe('graph_unreachable');
    const rows = await offline.container.db.query("SELECT 1 FROM channels WHERE kind = 'cloud'");
    expect(rows).toEqual([]);
  });
});
