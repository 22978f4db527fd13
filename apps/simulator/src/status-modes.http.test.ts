import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { NumberBehaviour } from './index';
import { type ClientFixture, FILES, readJson, startClientFixture } from './test-support/client-fixture';
import { CUSTOMER_WA_ID, NUMBER } from './test-support/sandbox-fixture';
import { type ReceivedWebhook, readStatuses } from './test-support/webhook-receiver';

let f: ClientFixture;
beforeEach(async () => {
  f = await startClientFixture();
  f.openWindow();
});
afterEach(() => f.close());

const to = `+${CUSTOMER_WA_ID}`;

async function sendWith(behaviour: NumberBehaviour) {
  f.simulator.setBehaviour(NUMBER.phoneNumberId, behaviour);
  const answer = await f.client.sendText(NUMBER.phoneNumberId, { to, body: 'hola' });
  return answer.messages[0]?.id ?? '';
}

/** Status POSTs for one wamid, one array per POST. */
function postsOf(wamid: string): string[][] {
  return f.receiver.received
    .map((w) =>
      readStatuses(w)
        .filter((s) => s.id === wamid)
        .map((s) => s.status),
    )
    .filter((statuses) => statuses.length > 0);
}

const settle = () => new Promise((resolve) => setTimeout(resolve, 60));
const hasStatus = (wamid: string, status: string) => (w: ReceivedWebhook) =>
  readStatuses(w).some((s) => s.id === wamid && s.status === status);

describe('status modes', () => {
  it('normal: sent, delivered, then read when the customer reads', async () => {
    const wamid = await sendWith({ statusMode: 'normal' });
    await f.receiver.waitFor(hasStatus(wamid, 'delivered'));
    f.simulator.readAsCustomer(NUMBER.phoneNumberId, CUSTOMER_WA_ID);
    await f.receiver.waitFor(hasStatus(wamid, 'read'));
    expect(postsOf(wamid)).toEqual([['sent'], ['delivered'], ['read']]);
  });

  it('out-of-order: delivered arrives before sent', async () => {
    const wamid = await sendWith({ statusMode: 'out-of-order' });
    await f.receiver.waitFor(hasStatus(wamid, 'sent'));
    await settle();
    expect(postsOf(wamid)).toEqual([['delivered'], ['sent']]);
  });

  it('skip-delivered: read follows sent with no delivered at all', async () => {
    const wamid = await sendWith({ statusMode: 'skip-delivered', autoReadMs: 5 });
    await f.receiver.waitFor(hasStatus(wamid, 'read'));
    await settle();
    expect(postsOf(wamid)).toEqual([['sent'], ['read']]);
  });

  it('duplicates: every status webhook arrives twice with the same body', async () => {
    const wamid = await sendWith({ statusMode: 'duplicates' });
    await f.receiver.waitFor(hasStatus(wamid, 'delivered'), 2);
    expect(postsOf(wamid)).toEqual([['sent'], ['sent'], ['delivered'], ['delivered']]);
  });

  it('drop: sent, then nothing — not even when the customer reads — and the phone never shows it', async () => {
    const wamid = await sendWith({ statusMode: 'drop', delaysMs: { sent: 1, delivered: 2 } });
    await f.receiver.waitFor(hasStatus(wamid, 'sent'));
    f.simulator.readAsCustomer(NUMBER.phoneNumberId, CUSTOMER_WA_ID);
    await settle();
    expect(postsOf(wamid)).toEqual([['sent']]);
    const chat = await readJson(
      fetch(`${f.baseUrl}/_sim/numbers/${NUMBER.phoneNumberId}/customers/${CUSTOMER_WA_ID}/chat`),
    );
    expect(chat.messages.at(-1)).toMatchObject({ wamid, dropped: true });
  });

  it('is set over HTTP and validated', async () => {
    const url = `${f.baseUrl}/_sim/numbers/${NUMBER.phoneNumberId}/behaviour`;
    const put = (body: unknown) =>
      fetch(url, {
        method: 'PUT',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify(body),
      });
    const ok = await put({ statusMode: 'duplicates', batch: { maxUpdates: 5, windowMs: 20 } });
    expect((await readJson(ok)).behaviour).toEqual({
      statusMode: 'duplicates',
      delaysMs: { sent: 5, delivered: 15 },
      autoReadMs: null,
      batch: { maxUpdates: 5, windowMs: 20 },
      mps: 80,
      throughput: 'STANDARD',
      messagingLimit: 'TIER_UNLIMITED',
      outage: null,
    });
    expect((await put({ statusMode: 'sideways' })).status).toBe(400);
  });
});

describe('voice notes', () => {
  it('emit played (after read) when the customer plays them on the phone', async () => {
    const { id } = await f.client.uploadMedia(NUMBER.phoneNumberId, {
      bytes: FILES.ogg.bytes,
      mimeType: 'audio/ogg',
      filename: 'nota.ogg',
    });
    const answer = await f.client.sendMessage(NUMBER.phoneNumberId, {
      messaging_product: 'whatsapp',
      to,
      type: 'audio',
      audio: { id, voice: true },
    });
    const wamid = answer.messages[0]?.id ?? '';
    await f.receiver.waitFor(hasStatus(wamid, 'delivered'));
    const url = `${f.baseUrl}/_sim/numbers/${NUMBER.phoneNumberId}/customers/${CUSTOMER_WA_ID}/played`;
    const play = () =>
      fetch(url, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ wamid }),
      });
    expect(await readJson(await play())).toEqual({ ok: true, played: true });
    expect(await readJson(await play())).toEqual({ ok: true, played: false });
    await f.receiver.waitFor(hasStatus(wamid, 'played'));
    expect(postsOf(wamid)).toEqual([['sent'], ['delivered'], ['read'], ['played']]);

    const text = await f.client.sendText(NUMBER.phoneNumberId, { to, body: 'no es nota de voz' });
    const refused = await fetch(url, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ wamid: text.messages[0]?.id }),
    });
    expect(refused.status).toBe(400);
  });
});

describe('webhook batching', () => {
  it('puts several updates in one signed POST that still parses', async () => {
    f.simulator.setBehaviour(NUMBER.phoneNumberId, { batch: { maxUpdates: 4, windowMs: 30 } });
    const before = f.receiver.received.length;
    const first = await f.client.sendText(NUMBER.phoneNumberId, { to, body: 'uno' });
    const second = await f.client.sendText(NUMBER.phoneNumberId, { to, body: 'dos' });
    const ids = [first.messages[0]?.id, second.messages[0]?.id];
    await f.receiver.waitFor((w) => readStatuses(w).filter((s) => s.status === 'delivered').length > 0);
    await settle();
    const posts = f.receiver.received.slice(before);
    const all = posts.flatMap(readStatuses);
    expect(
      all
        .filter((s) => ids.includes(s.id))
        .map((s) => s.status)
        .sort(),
    ).toEqual(['delivered', 'delivered', 'sent', 'sent']);
    expect(posts.length).toBeLessThan(4);
    expect(posts.some((w) => readStatuses(w).length >= 2)).toBe(true);
  });
});
