import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { inboundTextWebhook, newWamid, statusWebhook } from '../harness/payloads';
import { createTestApp, type TestApp } from '../harness/test-app';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(() => t?.close());

const countEvents = async () =>
  Number((await t.container.db.query<{ n: string }>('SELECT count(*) AS n FROM webhook_events'))[0]!.n);

async function threadOf(waId: string) {
  const list = await t.app.inject({
    method: 'GET',
    url: '/api/conversations',
    headers: { cookie: t.cookie },
  });
  const conv = list.json().items.find((c: { contact: { waId: string } }) => c.contact.waId === waId);
  if (!conv) return null;
  return (
    await t.app.inject({ method: 'GET', url: `/api/conversations/${conv.id}`, headers: { cookie: t.cookie } })
  ).json();
}

describe('POST /webhooks/whatsapp', () => {
  it('refuses a missing or wrong signature with 401 and stores nothing', async () => {
    const before = await countEvents();
    const body = inboundTextWebhook({
      phoneNumberId: t.sandbox.phoneNumberId,
      from: '5215511110000',
      text: 'hola',
    });
    const missing = await t.postWebhook(body, null);
    expect(missing.statusCode).toBe(401);
    expect(missing.body).toContain('X-Hub-Signature-256');
    const wrong = await t.postWebhook(body, `sha256=${'0'.repeat(64)}`);
    expect(wrong.statusCode).toBe(401);
    const tampered = await t.postWebhook(body.replace('hola', 'adiós'), t.sign(body));
    expect(tampered.statusCode).toBe(401);
    expect(await countEvents()).toBe(before);
  });

  it('answers a malformed body with 400 and a reason, and keeps serving', async () => {
    const notJson = await t.postWebhook('{"object": "whatsapp_business_account", ');
    expect(notJson.statusCode).toBe(400);
    expect(JSON.parse(notJson.body).error.message).toMatch(/not valid JSON/);
    const wrongShape = await t.postWebhook(JSON.stringify({ object: 'page', entry: 'nope' }));
    expect(wrongShape.statusCode).toBe(400);
    expect(JSON.parse(wrongShape.body).error.code).toBe('malformed_webhook');
    const health = await fetch(`${t.baseUrl}/health`);
    expect(health.status).toBe(200);
  });

  it('stores a duplicated delivery once', async () => {
    const waId = '5215522220000';
    const body = inboundTextWebhook({
      phoneNumberId: t.sandbox.phoneNumberId,
      from: waId,
      name: 'Lucía',
      text: '¿Tienen envío a Puebla?',
    });
    expect((await t.postWebhook(body)).statusCode).toBe(200);
    expect((await t.postWebhook(body)).statusCode).toBe(200);
    // The same message inside a differently batched delivery must collapse too.
    const rebatched = JSON.parse(body);
    rebatched.entry[0].id = 'other-entry-shape';
    expect((await t.postWebhook(JSON.stringify(rebatched))).statusCode).toBe(200);
    const thread = await t.waitFor(
      async () => (await threadOf(waId))?.messages.length === 1 && threadOf(waId),
      'the message',
    );
    await new Promise((r) => setTimeout(r, 300));
    const again = await threadOf(waId);
    expect(again.messages).toHaveLength(1);
    expect(again.messages[0].text).toBe('¿Tienen envío a Puebla?');
    expect(again.conversation.contact).toMatchObject({ name: 'Lucía', phone: '+525522220000' });
    expect(again.conversation.unreadCount).toBe(1);
    expect(thread.conversation.window.isOpen).toBe(true);
  });

  it('leaves one outbound message at read when statuses arrive out of order and twice', async () => {
    const waId = '5215533330000';
    // Through the simulator, so its 24-hour window is open for our reply, as Meta's would be.
    await t.simulator.sendAsCustomer({ phoneNumberId: t.sandbox.phoneNumberId, waId, text: 'Hola' });
    const conv = await t.waitFor(async () => (await threadOf(waId))?.conversation, 'the conversation');
    // Freeze the simulator's own status reports for this check: we post them ourselves.
    const sent = await t.app.inject({
      method: 'POST',
      url: `/api/conversations/${conv.id}/messages`,
      headers: { cookie: t.cookie },
      payload: { text: 'Sí, enviamos a Puebla.' },
    });
    expect(sent.statusCode).toBe(202);
    const wamid = await t.waitFor(async () => {
      const rows = await t.container.db.query<{ external_id: string | null }>(
        'SELECT external_id FROM messages WHERE id = $1',
        [sent.json().id],
      );
      return rows[0]?.external_id;
    }, 'the wamid');
    const base = Math.ceil(Date.now() / 1000) * 1000 + 60_000;
    const atOf = { sent: base, delivered: base + 10_000, read: base + 30_000 };
    for (const status of ['read', 'delivered', 'sent', 'read', 'sent'] as const) {
      const res = await t.postWebhook(
        statusWebhook({
          phoneNumberId: t.sandbox.phoneNumberId,
          wamid,
          status,
          recipient: waId,
          at: new Date(atOf[status]),
        }),
      );
      expect(res.statusCode).toBe(200);
    }
    await t.waitFor(
      async () =>
        (await threadOf(waId))?.messages.find((m: { id: string }) => m.id === sent.json().id)?.status ===
        'read',
      'read',
    );
    await new Promise((r) => setTimeout(r, 300));
    const thread = await threadOf(waId);
    const outbound = thread.messages.filter((m: { direction: string }) => m.direction === 'outbound');
    expect(outbound).toHaveLength(1);
    expect(outbound[0].status).toBe('read');
    // The delivery that came after the read still counts: the earliest time is kept (the
    // simulator's own report, or ours, never the read's).
    const [times] = await t.container.db.query<{ delivered_at: Date; read_at: Date }>(
      'SELECT delivered_at, read_at FROM messages WHERE id = $1',
      [sent.json().id],
    );
    expect(new Date(times!.delivered_at).getTime()).toBeLessThanOrEqual(atOf.delivered);
    expect(new Date(times!.read_at).getTime()).toBe(atOf.read);
  });

  it('keeps a status that arrives before Charla knows the wamid, and applies it later', async () => {
    const wamid = newWamid();
    const res = await t.postWebhook(
      statusWebhook({ phoneNumberId: t.sandbox.phoneNumberId, wamid, status: 'delivered', recipient: '1' }),
    );
    expect(res.statusCode).toBe(200);
    await t.waitFor(
      async () =>
        (await t.container.db.query('SELECT 1 FROM message_status_events WHERE external_id = $1', [wamid]))
          .length === 1,
      'the early status',
    );
  });

  it('files a username-only message under the contact that has both its phone and its user id', async () => {
    // A merge leaves one contact with a phone and a WhatsApp user id (BSUID).
    const waId = '5215533334444';
    const userId = 'US.13491208655302741918';
    const [channel] = await t.container.db.query<{ workspace_id: string }>(
      'SELECT workspace_id FROM channels WHERE id = $1',
      [t.sandbox.id],
    );
    await t.container.db.query(
      `INSERT INTO contacts (workspace_id, wa_id, user_id, phone, name) VALUES ($1, $2, $3, $4, 'Rosa')`,
      [channel!.workspace_id, waId, userId, `+${waId}`],
    );
    const body = inboundTextWebhook({
      phoneNumberId: t.sandbox.phoneNumberId,
      from: { userId },
      name: 'Rosa',
      text: 'Soy Rosa, escribo desde mi usuario',
    });
    expect((await t.postWebhook(body)).statusCode).toBe(200);
    const thread = await t.waitFor(
      async () => (await threadOf(waId))?.messages.length === 1 && threadOf(waId),
      'the message',
    );
    expect(thread.messages[0].text).toBe('Soy Rosa, escribo desde mi usuario');
  });

  it('stores and reports a webhook for a phone number id no channel has', async () => {
    const body = inboundTextWebhook({ phoneNumberId: '999999999999', from: '5215544440000', text: 'hola' });
    expect((await t.postWebhook(body)).statusCode).toBe(200);
    const row = await t.waitFor(async () => {
      const rows = await t.container.db.query<{ status: string; error: string }>(
        `SELECT status, error FROM webhook_events WHERE raw_body LIKE '%999999999999%'`,
      );
      return rows[0]?.status === 'failed' && rows[0];
    }, 'the event to be reported');
    expect(row.error).toContain('No connected channel has phone number id 999999999999');
  });
});

describe('GET /webhooks/whatsapp (verification handshake)', () => {
  it('echoes the challenge for the right verify token and refuses a wrong one', async () => {
    const channel = (await t.container.directory.all())[0]!;
    const ok = await fetch(
      `${t.baseUrl}/webhooks/whatsapp?hub.mode=subscribe&hub.challenge=1158201444&hub.verify_token=${channel.verifyToken}`,
    );
    expect(ok.status).toBe(200);
    expect(await ok.text()).toBe('1158201444');
    const bad = await fetch(
      `${t.baseUrl}/webhooks/whatsapp?hub.mode=subscribe&hub.challenge=1&hub.verify_token=wrong`,
    );
    expect(bad.status).toBe(403);
  });
});
