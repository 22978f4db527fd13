import { afterAll, describe, expect, it } from 'vitest';
import { type BroadcastRig, NUMBER, startBroadcastRig } from '../broadcasts/broadcast-process';
import { freePort } from '../harness/free-port';
import { soak } from '../harness/soak';

// Agents' replies survive SIGKILL like broadcasts do: a reply Charla answered 202 for reaches the
// customer exactly once, in the order written, whatever moment the process died at.

const CUSTOMERS = 40;
const PER_CUSTOMER = soak(12, 30);
let rig: BroadcastRig | null = null;
afterAll(async () => {
  await rig?.close();
});

const waIdOf = (c: number) => `5215566${String(c).padStart(6, '0')}`;
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** Waits for the restarted process to answer. */
async function untilUp(r: BroadcastRig) {
  for (;;) {
    const ok = await fetch(`${r.server.url}/health`, { signal: AbortSignal.timeout(2_000) })
      .then((res) => res.ok)
      .catch(() => false);
    if (ok) return;
    await sleep(100);
  }
}

describe('conversation replies survive SIGKILL without reaching anyone twice', () => {
  it(`${CUSTOMERS * PER_CUSTOMER} replies, two kills while they leave: each once, in order`, async () => {
    rig = await startBroadcastRig({
      env: {
        BROADCAST_DEFAULT_RATE_PER_SECOND: '1000',
        BROADCAST_IN_DOUBT_GRACE_SECONDS: '8',
        BROADCAST_LEASE_SECONDS: '2',
      },
    });
    const r = rig;
    for (let c = 0; c < CUSTOMERS; c++)
      r.simulator.sendAsCustomer({ phoneNumberId: NUMBER.phoneNumberId, waId: waIdOf(c), text: 'Hola' });
    let conversations: { id: string; contact: { waId: string } }[] = [];
    for (const deadline = Date.now() + 60_000; Date.now() < deadline; await sleep(200)) {
      const list = await r.call('GET', '/api/conversations');
      conversations = (list.json as { items: typeof conversations } | null)?.items ?? [];
      if (conversations.length === CUSTOMERS) break;
    }
    expect(conversations).toHaveLength(CUSTOMERS);

    // Each conversation's replies are written one after another; a reply whose POST died with
    // the process may or may not be stored (it counts as "unknown", never resent by hand).
    const accepted = new Set<string>();
    const unknown = new Set<string>();
    let answered = 0;
    const writers = conversations.map(async (conv) => {
      for (let i = 0; i < PER_CUSTOMER; i++) {
        const text = `Respuesta ${i} para ${conv.contact.waId}`;
        const res = await r
          .call('POST', `/api/conversations/${conv.id}/messages`, { text }, undefined)
          .catch(() => null);
        if (res?.status === 202) {
          accepted.add(text);
          answered++;
        } else if (res === null) {
          // The process died around this request: it may or may not have stored it, so it is
          // never written again (an agent would look first).
          unknown.add(text);
          await untilUp(r);
        } else throw new Error(`POST answered ${res.status}: ${JSON.stringify(res.json)}`);
      }
    });
    let writing = true;
    void Promise.allSettled(writers).then(() => {
      writing = false;
    });
    const kills = (async () => {
      for (const at of [0.25, 0.6]) {
        while (writing && answered < CUSTOMERS * PER_CUSTOMER * at) await sleep(5);
        if (writing) await r.restart();
      }
    })();
    await Promise.all([...writers, kills]);
    process.stderr.write(`replies: ${accepted.size} accepted, ${unknown.size} unknown\n`);

    const received = (c: number) =>
      r.simulator
        .chat(NUMBER.phoneNumberId, waIdOf(c))
        .filter((m) => m.from === 'business')
        .map((m) => m.text ?? '');
    for (const deadline = Date.now() + 120_000; Date.now() < deadline; await sleep(250)) {
      const got = new Set(Array.from({ length: CUSTOMERS }, (_, c) => received(c)).flat());
      if ([...accepted].every((t) => got.has(t))) break;
    }
    // Longer than the grace period: a send in doubt that was going to go twice has gone.
    await sleep(10_000);
    for (let c = 0; c < CUSTOMERS; c++) {
      const texts = received(c);
      const mine = [...accepted].filter((t) => t.endsWith(waIdOf(c)));
      // Each accepted reply exactly once; a reply whose POST died at most once.
      for (const t of mine)
        expect(
          texts.filter((x) => x === t),
          t,
        ).toHaveLength(1);
      expect(new Set(texts).size, `repeats for ${waIdOf(c)}`).toBe(texts.length);
      // In the order written.
      const order = texts.map((t) => Number(/^Respuesta (\d+)/.exec(t)![1]));
      expect(order, `order for ${waIdOf(c)}`).toEqual([...order].sort((a, b) => a - b));
    }
    // Every reply was written once; only the one a writer had in flight at each kill is unknown.
    expect(accepted.size + unknown.size).toBe(CUSTOMERS * PER_CUSTOMER);
    expect(unknown.size).toBeLessThanOrEqual(2 * CUSTOMERS);
  }, 400_000);
});

// Two processes share a number only through one database: PostgreSQL (PGlite is one process).
describe.runIf(process.env.CHARLA_TEST_DB_KIND === 'postgres')('replies through two Charla processes', () => {
  it('whichever process takes the reply, the lease holder sends it at once, in order, once', async () => {
    await rig?.close();
    rig = await startBroadcastRig({ env: { BROADCAST_LEASE_SECONDS: '2' } });
    const r = rig;
    const other = await r.start(r.newDir(), await freePort());
    const customers = 10;
    for (let c = 0; c < customers; c++)
      r.simulator.sendAsCustomer({ phoneNumberId: NUMBER.phoneNumberId, waId: waIdOf(c), text: 'Hola' });
    let conversations: { id: string; contact: { waId: string } }[] = [];
    for (const deadline = Date.now() + 60_000; Date.now() < deadline; await sleep(200)) {
      conversations = ((await r.call('GET', '/api/conversations')).json as { items: typeof conversations })
        .items;
      if (conversations.length === customers) break;
    }
    const latencies: number[] = [];
    await Promise.all(
      conversations.map(async (conv) => {
        for (let i = 0; i < 10; i++) {
          const text = `Respuesta ${i} para ${conv.contact.waId}`;
          // Every other reply goes to the other process.
          const base = i % 2 === 0 ? r.server.url : other.url;
          const started = Date.now();
          const res = await r.call('POST', `/api/conversations/${conv.id}/messages`, { text }, base);
          expect(res.status).toBe(202);
          while (!r.simulator.chat(NUMBER.phoneNumberId, conv.contact.waId!).some((m) => m.text === text))
            await sleep(5);
          latencies.push(Date.now() - started);
        }
      }),
    );
    for (let c = 0; c < customers; c++) {
      const texts = r.simulator
        .chat(NUMBER.phoneNumberId, waIdOf(c))
        .filter((m) => m.from === 'business')
        .map((m) => m.text);
      expect(texts).toEqual(Array.from({ length: 10 }, (_, i) => `Respuesta ${i} para ${waIdOf(c)}`));
    }
    latencies.sort((a, b) => a - b);
    // Woken by NOTIFY, not by the once-a-second look.
    expect(latencies[Math.floor(latencies.length / 2)]!).toBeLessThan(500);
  }, 200_000);
});
