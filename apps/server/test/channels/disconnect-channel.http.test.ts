import { randomBytes } from 'node:crypto';
import { signWebhookBody } from '@charla/cloud-api';
import type { Broadcast, Channel, Message } from '@charla/contracts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ensureConfiguredChannel } from '../../src/modules/channels/ensure-configured-channel';
import { approvedPromo, broadcastsApi, promoVariables, seedContacts } from '../broadcasts/broadcast-fixtures';
import { addForeignOwner, addMember } from '../harness/members';
import { inboundTextWebhook } from '../harness/payloads';
import { createTestApp, type TestApp } from '../harness/test-app';

/** Holds the send of a text containing HELD in flight until `release()`. */
const HELD = 'Un momento, lo miro';
let release: () => void = () => {};
const held = new Promise<void>((resolve) => {
  release = resolve;
});
const graphFetch: typeof fetch = async (input, init) => {
  if (typeof init?.body === 'string' && init.body.includes(HELD)) await held;
  return fetch(input, init);
};

let t: TestApp;
beforeAll(async () => {
  // Charla's Graph client talks to the simulator as if it were Meta; a broadcast at 5 a second
  // is still sending when the number is disconnected.
  t = await createTestApp({
    graphFetch,
    config: ({ simulatorUrl }) => ({
      GRAPH_API_BASE_URL: simulatorUrl,
      BROADCAST_DEFAULT_RATE_PER_SECOND: '5',
    }),
  });
}, 60_000);
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
function metaNumber(o: { wabaId?: string; appSecret?: string } = {}): MetaNumber {
  seq += 1;
  const n: MetaNumber = {
    phoneNumberId: `30${String(seq).padStart(3, '0')}${randomBytes(5).readUIntBE(0, 5) % 1e10}`,
    wabaId: o.wabaId ?? `40${randomBytes(5).readUIntBE(0, 5) % 1e10}`,
    accessToken: `EAAG${randomBytes(30).toString('base64url')}`,
    appSecret: o.appSecret ?? randomBytes(16).toString('hex'),
    displayPhoneNumber: `1555987${String(1000 + seq)}`,
    verifiedName: `Tienda ${seq}`,
  };
  register(n);
  return n;
}
const register = (n: MetaNumber) =>
  t.simulator.registerNumber({ ...n, webhookUrl: `${t.baseUrl}/webhooks/whatsapp` });

const call = (method: 'GET' | 'POST', url: string, payload?: object, cookie = t.cookie) =>
  t.app.inject({ method, url, headers: { cookie }, ...(payload ? { payload } : {}) });

const connect = async (n: MetaNumber): Promise<Channel> => {
  const res = await call('POST', '/api/channels', {
    phoneNumberId: n.phoneNumberId,
    wabaId: n.wabaId,
    accessToken: n.accessToken,
    appSecret: n.appSecret,
  });
  expect(res.statusCode, res.body).toBe(200);
  return res.json();
};

const messagesOf = async (conversationId: string): Promise<Message[]> => {
  const res = await call('GET', `/api/conversations/${conversationId}`);
  expect(res.statusCode, res.body).toBe(200);
  return res.json().messages;
};

describe('disconnecting a WhatsApp number', () => {
  const customer = '34611222333';
  let number: MetaNumber;
  let sibling: MetaNumber;
  let channel: Channel;
  let conversationId: string;
  let queuedReplyId: string;
  let broadcastId: string;
  let acceptedAtDisconnect: number;

  beforeAll(async () => {
    // On the sandbox's business account, so the sandbox's approved template can be broadcast;
    // `sibling` is another number of the same Meta app (same app secret).
    number = metaNumber({ wabaId: t.sandbox.wabaId });
    sibling = metaNumber({ appSecret: number.appSecret });
    channel = await connect(number);
    await connect(sibling);

    t.simulator.sendAsCustomer({
      phoneNumberId: number.phoneNumberId,
      waId: customer,
      name: 'Lucía',
      text: '¿Tenéis la talla M?',
    });
    conversationId = await t.waitFor(async () => {
      const [row] = await t.container.db.query<{ id: string }>(
        'SELECT id FROM conversations WHERE channel_id = $1',
        [channel.id],
      );
      return row?.id;
    }, 'the customer’s conversation');

    // A broadcast is sending through it.
    await seedContacts(t, 40, { prefix: '34655', tag: 'desconexion' });
    const template = await approvedPromo(t);
    const api = broadcastsApi(t);
    const created = await api.create({
      name: 'Rebajas',
      channelId: channel.id,
      templateId: template.id,
      audience: { kind: 'filters', filters: { tags: ['desconexion'] } },
      variables: promoVariables({ text: 'hola' }),
      scheduledAt: null,
      action: 'send_now',
    });
    expect(created.statusCode, created.body).toBe(201);
    broadcastId = created.json().id;
    await api.until(
      broadcastId,
      (b) => b.status === 'sending' && b.counts.sent >= 1,
      'the broadcast sending',
    );

    // A reply waits to leave when the number is disconnected: it is behind one still in flight.
    const first = await call('POST', `/api/conversations/${conversationId}/messages`, {
      type: 'text',
      text: HELD,
    });
    expect(first.statusCode, first.body).toBe(202);
    await t.waitFor(async () => {
      const [row] = await t.container.db.query<{ state: string }>(
        'SELECT state FROM outbox_items WHERE message_id = $1',
        [first.json().id],
      );
      return row?.state === 'sending';
    }, 'the first reply in flight');
    const reply = await call('POST', `/api/conversations/${conversationId}/messages`, {
      type: 'text',
      text: 'Sí, mañana te la enviamos',
    });
    expect(reply.statusCode, reply.body).toBe(202);
    queuedReplyId = reply.json().id;
  }, 60_000);

  it('is refused to an agent (403) and to another workspace (404), and changes nothing', async () => {
    const agent = await addMember(t, 'agent', 'Pablo');
    const refused = await call('POST', `/api/channels/${channel.id}/disconnect`, undefined, agent.cookie);
    expect(refused.statusCode).toBe(403);
    expect(refused.json().error.message).toMatch(/owner or an admin/);
    const foreign = await addForeignOwner(t);
    const hidden = await call('POST', `/api/channels/${channel.id}/disconnect`, undefined, foreign.cookie);
    expect(hidden.statusCode).toBe(404);
    const [row] = await t.container.db.query<{ status: string }>(
      'SELECT status FROM channels WHERE id = $1',
      [channel.id],
    );
    expect(row!.status).toBe('connected');
  });

  it('refuses the sandbox number with the reason', async () => {
    const res = await call('POST', `/api/channels/${t.sandbox.id}/disconnect`);
    expect(res.statusCode).toBe(409);
    expect(res.json().error.code).toBe('sandbox_not_disconnectable');
  });

  it('shows the number as disconnected and wipes its access token and app secret', async () => {
    const res = await call('POST', `/api/channels/${channel.id}/disconnect`);
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toMatchObject({ id: channel.id, status: 'disconnected', webhook: null });

    const listed: Channel[] = (await call('GET', '/api/channels')).json().items;
    expect(listed.find((c) => c.id === channel.id)?.status).toBe('disconnected');
    const [row] = await t.container.db.query<{ access_token_enc: string; app_secret_enc: string }>(
      'SELECT access_token_enc, app_secret_enc FROM channels WHERE id = $1',
      [channel.id],
    );
    expect(row).toEqual({ access_token_enc: '', app_secret_enc: '' });
    // A second time says it already is, and how to use it again.
    const again = await call('POST', `/api/channels/${channel.id}/disconnect`);
    expect(again.statusCode).toBe(409);
    expect(again.json().error.message).toContain(number.phoneNumberId);
  });

  it('records channel.disconnected in the activity log, with no secret in it', async () => {
    const rows = await t.container.db.query<{ row: string }>(
      `SELECT audit_log::text AS row FROM audit_log WHERE action = 'channel.disconnected' AND target_id = $1`,
      [channel.id],
    );
    expect(rows).toHaveLength(1);
    expect(rows[0]!.row).toContain(number.phoneNumberId);
    expect(rows[0]!.row).not.toContain(number.accessToken);
    expect(rows[0]!.row).not.toContain(number.appSecret);
  });

  it('keeps the history readable', async () => {
    const messages = await messagesOf(conversationId);
    expect(messages.map((m) => m.text)).toContain('¿Tenéis la talla M?');
  });

  it('fails the reply waiting to leave with the reason, and never sends it', async () => {
    // The reply before it was already on its way to WhatsApp: it leaves; this one never does.
    release();
    const failed = await t.waitFor(async () => {
      const m = (await messagesOf(conversationId)).find((m) => m.id === queuedReplyId);
      return m?.status === 'failed' && m;
    }, 'the queued reply failed');
    expect(failed.error?.reason).toMatch(/^The number was disconnected/);
    expect(failed.error?.reason).toMatch(/Settings › Numbers/);
    await t.waitFor(async () => {
      const [row] = await t.container.db.query<{ n: number }>(
        'SELECT count(*)::int AS n FROM outbox_items WHERE channel_id = $1',
        [channel.id],
      );
      return row!.n === 0;
    }, 'nothing left to send through the number');
    const sent = JSON.stringify(t.simulator.sends(number.phoneNumberId));
    expect(sent).toContain(HELD);
    expect(sent).not.toContain('mañana te la enviamos');
  });

  it('pauses the running broadcast with the reason', async () => {
    const api = broadcastsApi(t);
    const paused: Broadcast = await api.until(
      broadcastId,
      (b) => b.status === 'paused',
      'the broadcast paused',
    );
    expect(paused.pausedBy?.reason).toMatch(/was disconnected/);
    expect(paused.counts.queued).toBeGreaterThan(0);
    // Nothing of it is in flight any more.
    await t.waitFor(async () => {
      const [row] = await t.container.db.query<{ n: number }>(
        `SELECT count(*)::int AS n FROM broadcast_recipients WHERE broadcast_id = $1 AND state = 'sending'`,
        [broadcastId],
      );
      return row!.n === 0;
    }, 'no recipient in flight');
    acceptedAtDisconnect = t.simulator.acceptedCount(number.phoneNumberId);
    const resume = await call('POST', `/api/broadcasts/${broadcastId}/resume`);
    expect(resume.statusCode).toBe(409);
    expect(resume.json().error.code).toBe('number_disconnected');
    // Nor can a new one be sent through it (a draft can still be written).
    const another = await api.create({
      name: 'Otra',
      channelId: channel.id,
      templateId: paused.templateId,
      audience: { kind: 'filters', filters: { tags: ['desconexion'] } },
      variables: promoVariables({ text: 'hola' }),
      scheduledAt: null,
      action: 'send_now',
    });
    expect(another.statusCode).toBe(409);
    expect(another.json().error.code).toBe('number_disconnected');
  });

  it('refuses a new message on its conversation with 409, saying how to reconnect', async () => {
    const res = await call('POST', `/api/conversations/${conversationId}/messages`, {
      type: 'text',
      text: '¿Sigues ahí?',
    });
    expect(res.statusCode).toBe(409);
    expect(res.json().error.code).toBe('number_disconnected');
    expect(res.json().error.message).toMatch(/Settings › Numbers/);
  });

  it('stores a later webhook naming it and never applies it', async () => {
    // Signed with the app secret the number shared with a still-connected one of the same app.
    const body = inboundTextWebhook({
      phoneNumberId: number.phoneNumberId,
      wabaId: number.wabaId,
      from: customer,
      text: 'Hola, ¿hay alguien?',
    });
    const posted = await t.postWebhook(body, signWebhookBody(body, number.appSecret));
    expect(posted.statusCode).toBe(200);
    const event = await t.waitFor(async () => {
      const [row] = await t.container.db.query<{ status: string; error: string | null }>(
        `SELECT status, error FROM webhook_events WHERE raw_body = $1 AND status <> 'pending'`,
        [body],
      );
      return row;
    }, 'the webhook handled');
    expect(event.error).toContain(number.phoneNumberId);
    const texts = (await messagesOf(conversationId)).map((m) => m.text);
    expect(texts).not.toContain('Hola, ¿hay alguien?');
  });

  it('sent nothing more of the broadcast after the disconnect', () => {
    // The requests and the webhook above gave a sender time to go on; none did.
    expect(t.simulator.acceptedCount(number.phoneNumberId)).toBe(acceptedAtDisconnect);
  });

  it('cannot be taken by another workspace while disconnected, and says where it is', async () => {
    const foreign = await t.app.inject({
      method: 'POST',
      url: '/api/auth/login',
      payload: { email: 'otro@example.com', password: 'a long enough password' },
    });
    const cookie = String(foreign.headers['set-cookie']).split(';')[0]!;
    const res = await call(
      'POST',
      '/api/channels',
      {
        phoneNumberId: number.phoneNumberId,
        wabaId: number.wabaId,
        accessToken: number.accessToken,
        appSecret: number.appSecret,
      },
      cookie,
    );
    expect(res.statusCode).toBe(409);
    expect(res.json().error.code).toBe('channel_taken');
    expect(res.json().error.message).toMatch(/where it is disconnected and keeps its conversations/);
  });

  it('stays disconnected when Charla restarts with the number still in its environment', async () => {
    const { db, clock, secrets, directory } = t.container;
    await ensureConfiguredChannel(
      { db, clock, secrets, directory },
      {
        ...number,
        verifyToken: 'from-the-environment',
        graphBaseUrl: t.simulatorUrl,
        graphVersion: 'v23.0',
      },
    );
    const listed: Channel[] = (await call('GET', '/api/channels')).json().items;
    expect(listed.find((c) => c.id === channel.id)?.status).toBe('disconnected');
  });

  it('reconnects with new credentials, keeping the history, and sends again', async () => {
    number = { ...number, accessToken: `EAAG${randomBytes(30).toString('base64url')}` };
    register(number);
    const again = await connect(number);
    expect(again).toMatchObject({ id: channel.id, status: 'connected' });
    expect((await messagesOf(conversationId)).map((m) => m.text)).toContain('¿Tenéis la talla M?');

    t.simulator.sendAsCustomer({
      phoneNumberId: number.phoneNumberId,
      waId: customer,
      name: 'Lucía',
      text: 'Ya os veo otra vez',
    });
    await t.waitFor(
      async () => (await messagesOf(conversationId)).some((m) => m.text === 'Ya os veo otra vez'),
      'the new message in the same conversation',
    );
    const reply = await call('POST', `/api/conversations/${conversationId}/messages`, {
      type: 'text',
      text: 'Bienvenida de nuevo',
    });
    expect(reply.statusCode, reply.body).toBe(202);
    await t.waitFor(
      async () =>
        (await messagesOf(conversationId)).find((m) => m.id === reply.json().id)?.status === 'sent' ||
        (await messagesOf(conversationId)).find((m) => m.id === reply.json().id)?.status === 'delivered',
      'the reply sent through the reconnected number',
    );
  });
});
