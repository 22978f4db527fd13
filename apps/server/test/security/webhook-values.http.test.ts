import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { newWamid } from '../harness/payloads';
import { createTestApp, type TestApp } from '../harness/test-app';

// What a signed webhook says about times and people is still checked: a forged or broken value
// must not pin a conversation, hold its window open, invent a contact, or fail the ingest.

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(() => t?.close());

const HOUR = 3_600_000;
let nextWaId = 5215577000000;
const newWaId = () => String(nextWaId++);

/** One `messages` change: the contacts and messages exactly as given. */
function change(contacts: unknown[], messages: unknown[]): string {
  return JSON.stringify({
    object: 'whatsapp_business_account',
    entry: [
      {
        id: '123',
        changes: [
          {
            field: 'messages',
            value: {
              messaging_product: 'whatsapp',
              metadata: { display_phone_number: '15550100100', phone_number_id: t.sandbox.phoneNumberId },
              contacts,
              messages,
            },
          },
        ],
      },
    ],
  });
}

const text = (from: string, body: string, timestamp: string | number, wamid = newWamid()) => ({
  from,
  id: wamid,
  timestamp: String(timestamp),
  type: 'text',
  text: { body },
});

async function post(body: string) {
  const res = await t.postWebhook(body);
  expect(res.statusCode).toBe(200);
}

const messageRow = (wamid: string) =>
  t.container.db
    .query<{ occurred_at: Date; raw: { timestamp: string }; text: string; conversation_id: string }>(
      'SELECT occurred_at, raw, text, conversation_id FROM messages WHERE external_id = $1',
      [wamid],
    )
    .then((rows) => rows[0]);

const eventOf = async (wamid: string) =>
  (
    await t.container.db.query<{ status: string; error: string | null }>(
      'SELECT status, error FROM webhook_events WHERE raw_body LIKE $1',
      [`%${wamid}%`],
    )
  )[0];

const api = (url: string) => t.app.inject({ method: 'GET', url, headers: { cookie: t.cookie } });

describe('webhook times', () => {
  it.each([
    ['5138', 99_999_999_999],
    ['2099', 4_070_908_800],
  ])(
    'files a message dated in the year %s at the time it arrived: no pinned conversation, no window held open',
    async (_year, timestamp) => {
      const future = newWaId();
      const wamid = newWamid();
      const before = Date.now();
      await post(
        change(
          [{ profile: { name: 'Futuro' }, wa_id: future }],
          [text(future, 'desde el futuro', timestamp, wamid)],
        ),
      );
      const row = await t.waitFor(() => messageRow(wamid), 'the message from the future');
      const after = Date.now();
      // Stored at the receive time; Meta's own value is kept in raw.
      expect(new Date(row.occurred_at).getTime()).toBeGreaterThanOrEqual(before - 1000);
      expect(new Date(row.occurred_at).getTime()).toBeLessThanOrEqual(after + 1000);
      expect(row.raw.timestamp).toBe(String(timestamp));

      const thread = (await api(`/api/conversations/${row.conversation_id}`)).json();
      const expiresAt = new Date(thread.conversation.window.expiresAt).getTime();
      expect(expiresAt).toBeGreaterThan(before);
      expect(expiresAt).toBeLessThanOrEqual(after + 24 * HOUR + 1000);

      // Someone writing afterwards, with a true time, comes first in the inbox.
      const later = newWaId();
      const laterWamid = newWamid();
      await post(
        change(
          [{ profile: { name: 'Ahora' }, wa_id: later }],
          [text(later, 'ahora', Math.floor(Date.now() / 1000) + 1, laterWamid)],
        ),
      );
      const laterRow = await t.waitFor(() => messageRow(laterWamid), 'the later message');
      const list = (await api('/api/conversations')).json().items as { id: string }[];
      const ids = list.map((c) => c.id);
      expect(ids.indexOf(laterRow.conversation_id)).toBeLessThan(ids.indexOf(row.conversation_id));
    },
  );

  it('files a message dated long before any retry (2001) at the time it arrived, Meta’s value kept', async () => {
    const waId = newWaId();
    const wamid = newWamid();
    const before = Date.now();
    await post(
      change([{ profile: { name: 'Antiguo' }, wa_id: waId }], [text(waId, 'del 2001', 978_307_200, wamid)]),
    );
    const row = await t.waitFor(() => messageRow(wamid), 'the message from 2001');
    expect(new Date(row.occurred_at).getTime()).toBeGreaterThanOrEqual(before - 1000);
    expect(row.raw.timestamp).toBe('978307200');
  });

  it('keeps Meta’s time when it is plausible (a delivery retried hours later, a clock a minute ahead)', async () => {
    const waId = newWaId();
    const retried = newWamid();
    const ahead = newWamid();
    const hoursAgo = Math.floor((Date.now() - 5 * HOUR) / 1000);
    const minuteAhead = Math.floor((Date.now() + 60_000) / 1000);
    await post(
      change(
        [{ profile: { name: 'Plausible' }, wa_id: waId }],
        [text(waId, 'reintento', hoursAgo, retried), text(waId, 'reloj', minuteAhead, ahead)],
      ),
    );
    const a = await t.waitFor(() => messageRow(retried), 'the retried message');
    const b = await t.waitFor(() => messageRow(ahead), 'the message a minute ahead');
    expect(new Date(a.occurred_at).getTime()).toBe(hoursAgo * 1000);
    expect(new Date(b.occurred_at).getTime()).toBe(minuteAhead * 1000);
  });
});

describe('webhook identities', () => {
  it.each([
    ['a path as `from`', { from: '../../x' }],
    ['letters as `from`', { from: 'admin' }],
    ['a too short number', { from: '12345' }],
    ['a broken business-scoped id', { from_user_id: 'US.../../x' }],
  ])(
    'keeps a message from %s in the event log, failed with the reason, and makes no contact',
    async (_what, sender) => {
      const wamid = newWamid();
      const id = Object.values(sender)[0]!;
      const key = 'from' in sender ? 'wa_id' : 'user_id';
      await post(
        change(
          [{ profile: { name: 'Intruso' }, [key]: id }],
          [
            {
              ...sender,
              id: wamid,
              timestamp: String(Math.floor(Date.now() / 1000)),
              type: 'text',
              text: { body: 'hola' },
            },
          ],
        ),
      );
      const event = await t.waitFor(async () => {
        const e = await eventOf(wamid);
        return e && e.status !== 'pending' ? e : null;
      }, 'the event applied');
      expect(event.status).toBe('failed');
      expect(event.error).toContain(
        `Message ${wamid} not filed: its sender ${JSON.stringify(id)} is neither a WhatsApp id`,
      );
      expect(event.error).toContain('the message is kept in this event');
      expect(await messageRow(wamid)).toBeUndefined();
      const contacts = await t.container.db.query(
        'SELECT 1 FROM contacts WHERE wa_id = $1 OR user_id = $1 OR name = $2',
        [id, 'Intruso'],
      );
      expect(contacts).toHaveLength(0);
    },
  );

  it('files messages from a WhatsApp id and from a business-scoped user id', async () => {
    const waId = newWaId();
    const viaPhone = newWamid();
    const viaUser = newWamid();
    await post(
      change(
        [{ profile: { name: 'Tel' }, wa_id: waId }],
        [text(waId, 'tel', Math.floor(Date.now() / 1000), viaPhone)],
      ),
    );
    await post(
      change(
        [{ profile: { name: 'Usuaria' }, user_id: 'CO.5566778899AbC' }],
        [
          {
            from_user_id: 'CO.5566778899AbC',
            id: viaUser,
            timestamp: String(Math.floor(Date.now() / 1000)),
            type: 'text',
            text: { body: 'user' },
          },
        ],
      ),
    );
    await t.waitFor(() => messageRow(viaPhone), 'the message from a phone');
    await t.waitFor(() => messageRow(viaUser), 'the message from a username');
    expect((await eventOf(viaUser))?.status).toBe('processed');
  });

  it('records no marketing stop for a `wa_id` that is not a WhatsApp id', async () => {
    const body = JSON.stringify({
      object: 'whatsapp_business_account',
      entry: [
        {
          id: '123',
          changes: [
            {
              field: 'user_preferences',
              value: {
                messaging_product: 'whatsapp',
                metadata: { display_phone_number: '15550100100', phone_number_id: t.sandbox.phoneNumberId },
                contacts: [{ profile: { name: 'X' }, wa_id: '../../stop' }],
                user_preferences: [
                  {
                    wa_id: '../../stop',
                    detail: 'stop',
                    category: 'marketing_messages',
                    value: 'stop',
                    timestamp: 1731705721,
                  },
                ],
              },
            },
          ],
        },
      ],
    });
    await post(body);
    const event = await t.waitFor(async () => {
      const [e] = await t.container.db.query<{ status: string; error: string }>(
        `SELECT status, error FROM webhook_events WHERE raw_body LIKE '%../../stop%'`,
      );
      return e && e.status !== 'pending' ? e : null;
    }, 'the preferences event applied');
    expect(event.status).toBe('failed');
    expect(event.error).toContain('"../../stop" is not a WhatsApp id');
    expect(await t.container.db.query(`SELECT 1 FROM contacts WHERE wa_id = '../../stop'`)).toHaveLength(0);
  });
});

describe('NUL characters from customers', () => {
  it('stores text, profile name and caption with each NUL replaced, instead of failing the ingest', async () => {
    const waId = newWaId();
    const textWamid = newWamid();
    const imageWamid = newWamid();
    const now = String(Math.floor(Date.now() / 1000));
    await post(
      change(
        [{ profile: { name: 'Lu\u0000cía' }, wa_id: waId }],
        [
          text(waId, 'ho\u0000la', now, textWamid),
          {
            from: waId,
            id: imageWamid,
            timestamp: now,
            type: 'image',
            image: { id: '991122', mime_type: 'image/jpeg', sha256: 'abc', caption: 'mi\u0000foto' },
          },
        ],
      ),
    );
    const row = await t.waitFor(() => messageRow(textWamid), 'the text with a NUL');
    expect(row.text).toBe('ho\uFFFDla');
    const image = await t.waitFor(() => messageRow(imageWamid), 'the image with a NUL in its caption');
    expect(image.text ?? '').toContain('mi\uFFFDfoto');
    const [contact] = await t.container.db.query<{ profile_name: string | null; name: string | null }>(
      'SELECT * FROM contacts WHERE wa_id = $1',
      [waId],
    );
    expect(contact?.profile_name ?? contact?.name).toBe('Lu\uFFFDcía');
    expect((await eventOf(textWamid))?.status).toBe('processed');
  });
});
