import { signWebhookBody } from '@charla/cloud-api';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ingestPendingWebhooks } from '../../src/modules/channels';
import { newSandboxNumber } from '../../src/modules/channels/create-sandbox-channel';
import { saveChannel } from '../../src/modules/channels/save-channel';
import { addForeignOwner } from '../harness/members';
import { inboundTextWebhook, newWamid } from '../harness/payloads';
import { createTestApp, type TestApp } from '../harness/test-app';

let t: TestApp;
/** Workspace A's second number, of the same Meta app as its sandbox: it shares the app secret. */
let sibling: { id: string; phoneNumberId: string };
/** Workspace B's number, with its own app secret (which B's admin knows). */
let foreign: { id: string; phoneNumberId: string; appSecret: string };

async function addNumber(workspaceId: string, appSecret?: string) {
  const number = newSandboxNumber(workspaceId, 'Otro número', t.simulatorUrl, 'v23.0');
  const withSecret = { ...number, appSecret: appSecret ?? number.appSecret };
  const id = await saveChannel(t.container.channels, withSecret);
  t.container.directory.invalidate();
  return { id, phoneNumberId: number.phoneNumberId, appSecret: withSecret.appSecret };
}

beforeAll(async () => {
  t = await createTestApp();
  const [a] = await t.container.db.query<{ workspace_id: string }>(
    'SELECT workspace_id FROM channels WHERE id = $1',
    [t.sandbox.id],
  );
  sibling = await addNumber(a!.workspace_id, t.sandbox.appSecret);
  await addForeignOwner(t);
  const [b] = await t.container.db.query<{ id: string }>(
    `SELECT id FROM workspaces WHERE name = 'Otra Tienda'`,
  );
  foreign = await addNumber(b!.id);
});
afterAll(() => t?.close());

/** One delivery naming several numbers, each with one customer text. */
function bodyNaming(...texts: { phoneNumberId: string; from: string; text: string; wamid: string }[]) {
  const entries = texts.flatMap((m) => JSON.parse(inboundTextWebhook(m)).entry);
  return JSON.stringify({ object: 'whatsapp_business_account', entry: entries });
}

const storedWith = async (wamid: string) =>
  (
    await t.container.db.query<{ channel_id: string }>(
      'SELECT channel_id FROM messages WHERE external_id = $1',
      [wamid],
    )
  ).map((r) => r.channel_id);

const eventsMentioning = async (text: string) =>
  (
    await t.container.db.query<{ n: number }>(
      'SELECT count(*)::int AS n FROM webhook_events WHERE raw_body LIKE $1',
      [`%${text}%`],
    )
  )[0]!.n;

/** A genuine message to A after a forged one: once it is in, the forged one had every chance. */
async function genuineMessageArrives() {
  const wamid = newWamid();
  const res = await t.postWebhook(
    inboundTextWebhook({ phoneNumberId: t.sandbox.phoneNumberId, from: '34600000009', text: 'real', wamid }),
  );
  expect(res.statusCode).toBe(200);
  await t.waitFor(async () => (await storedWith(wamid)).length > 0, 'the genuine message');
}

describe('a webhook is applied only for numbers whose own app secret signed it', () => {
  it("refuses with 401 a body signed with workspace B's secret that names workspace A's number, and stores nothing", async () => {
    const wamid = newWamid();
    const body = JSON.parse(
      inboundTextWebhook({
        phoneNumberId: t.sandbox.phoneNumberId,
        from: '34600000001',
        text: 'forged',
        wamid,
      }),
    );
    // A forged status for one of A's messages rides along.
    body.entry[0].changes[0].value.statuses = [
      { id: 'wamid.of-a-sent-message', status: 'read', timestamp: '1700000000', recipient_id: '34600000001' },
    ];
    const raw = JSON.stringify(body);
    const res = await t.postWebhook(raw, signWebhookBody(raw, foreign.appSecret));

    expect(res.statusCode).toBe(401);
    expect(JSON.parse(res.body).error.code).toBe('signature_not_for_number');
    expect(JSON.parse(res.body).error.message).toContain('Nothing of this body was stored');
    await genuineMessageArrives();
    expect(await eventsMentioning(wamid)).toBe(0);
    expect(await storedWith(wamid)).toEqual([]);
    const [counts] = await t.container.db.query<{ contacts: number; statuses: number }>(
      `SELECT (SELECT count(*)::int FROM contacts WHERE wa_id = '34600000001') AS contacts,
              (SELECT count(*)::int FROM message_status_events WHERE external_id = 'wamid.of-a-sent-message') AS statuses`,
    );
    expect(counts).toEqual({ contacts: 0, statuses: 0 });
  });

  it("refuses whole a body naming both workspaces' numbers, whichever of the two secrets signed it", async () => {
    for (const secret of [foreign.appSecret, t.sandbox.appSecret]) {
      const toA = {
        phoneNumberId: t.sandbox.phoneNumberId,
        from: '34600000002',
        text: 'mixed a',
        wamid: newWamid(),
      };
      const toB = {
        phoneNumberId: foreign.phoneNumberId,
        from: '34600000003',
        text: 'mixed b',
        wamid: newWamid(),
      };
      const raw = bodyNaming(toA, toB);
      const res = await t.postWebhook(raw, signWebhookBody(raw, secret));
      expect(res.statusCode).toBe(401);
      expect(JSON.parse(res.body).error.code).toBe('signature_not_for_number');
      await genuineMessageArrives();
      expect(await eventsMentioning(toA.wamid)).toBe(0);
      expect(await storedWith(toA.wamid)).toEqual([]);
      expect(await storedWith(toB.wamid)).toEqual([]);
    }
  });

  it("still accepts workspace B's own number signed with B's secret", async () => {
    const wamid = newWamid();
    const raw = inboundTextWebhook({
      phoneNumberId: foreign.phoneNumberId,
      from: '34600000004',
      text: 'b',
      wamid,
    });
    expect((await t.postWebhook(raw, signWebhookBody(raw, foreign.appSecret))).statusCode).toBe(200);
    await t.waitFor(async () => (await storedWith(wamid))[0] === foreign.id, "B's message in B's number");
  });

  it('gives both numbers of one Meta app their messages, in one delivery or in two', async () => {
    const one = {
      phoneNumberId: t.sandbox.phoneNumberId,
      from: '34600000005',
      text: 'uno',
      wamid: newWamid(),
    };
    const two = { phoneNumberId: sibling.phoneNumberId, from: '34600000006', text: 'dos', wamid: newWamid() };
    expect((await t.postWebhook(bodyNaming(one, two))).statusCode).toBe(200);
    const alone = {
      phoneNumberId: sibling.phoneNumberId,
      from: '34600000007',
      text: 'tres',
      wamid: newWamid(),
    };
    expect((await t.postWebhook(inboundTextWebhook(alone))).statusCode).toBe(200);

    await t.waitFor(async () => (await storedWith(alone.wamid)).length > 0, 'the third message');
    await t.waitFor(async () => (await storedWith(two.wamid)).length > 0, 'the second message');
    expect(await storedWith(one.wamid)).toEqual([t.sandbox.id]);
    expect(await storedWith(two.wamid)).toEqual([sibling.id]);
    expect(await storedWith(alone.wamid)).toEqual([sibling.id]);
  });

  it('does not apply a change for a number connected after the webhook arrived with another secret', async () => {
    // B signs a body for a number nobody has connected yet: stored (Meta may send for numbers
    // of the app not connected here), applied to nobody.
    await t.container.ingestWorker.stop();
    const later = newSandboxNumber(foreign.id, 'x', t.simulatorUrl, 'v23.0');
    const wamid = newWamid();
    const raw = inboundTextWebhook({
      phoneNumberId: later.phoneNumberId,
      from: '34600000008',
      text: 'early',
      wamid,
    });
    expect((await t.postWebhook(raw, signWebhookBody(raw, foreign.appSecret))).statusCode).toBe(200);
    // ...then workspace A connects that number, with its own secret, before the ingest runs.
    const [a] = await t.container.db.query<{ workspace_id: string }>(
      'SELECT workspace_id FROM channels WHERE id = $1',
      [t.sandbox.id],
    );
    await saveChannel(t.container.channels, { ...later, workspaceId: a!.workspace_id });
    t.container.directory.invalidate();
    const { db, clock, secrets, directory } = t.container;
    await ingestPendingWebhooks({
      db,
      clock,
      secrets,
      directory,
      notify: async () => {},
      log: { error: () => {}, warn: () => {} },
    });
    t.container.ingestWorker.start();

    expect(await storedWith(wamid)).toEqual([]);
    const [event] = await t.container.db.query<{ status: string; error: string }>(
      'SELECT status, error FROM webhook_events WHERE raw_body LIKE $1',
      [`%${wamid}%`],
    );
    expect(event).toMatchObject({ status: 'failed' });
    expect(event!.error).toContain(`Not applied for phone number id ${later.phoneNumberId}`);
  });
});
