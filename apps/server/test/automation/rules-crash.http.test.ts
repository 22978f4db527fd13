import { afterAll, describe, expect, it } from 'vitest';
import { type BroadcastRig, NUMBER, startBroadcastRig } from '../broadcasts/broadcast-process';
import { soak } from '../harness/soak';

// A rule answers every customer message exactly once, whatever moment the process dies at:
// the message and its automation row are stored together, the rule's reply and the row's
// deletion are committed together, and the outbox sends each reply once.

const CUSTOMERS = soak(600, 2_000);
let rig: BroadcastRig | null = null;
afterAll(async () => {
  await rig?.close();
});

const waIdOf = (c: number) => `5215577${String(c).padStart(6, '0')}`;
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** Text replies the simulated Meta accepted, per customer. */
function repliesPerCustomer(r: BroadcastRig): Map<string, number> {
  const counts = new Map<string, number>();
  for (const s of r.simulator.acceptedSends({ phoneNumberId: NUMBER.phoneNumberId }))
    if (s.type === 'text') counts.set(s.waId, (counts.get(s.waId) ?? 0) + 1);
  return counts;
}

const textReplies = (r: BroadcastRig) => [...repliesPerCustomer(r).values()].reduce((a, b) => a + b, 0);

async function until(what: string, ok: () => boolean, timeoutMs: number) {
  for (const deadline = Date.now() + timeoutMs; !ok(); await sleep(50))
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
}

describe('automation survives SIGKILL without answering anyone twice', () => {
  it(`${CUSTOMERS} customer messages that each fire a rule, two kills mid-burst: each answered once`, async () => {
    rig = await startBroadcastRig({
      env: { BROADCAST_IN_DOUBT_GRACE_SECONDS: '8', BROADCAST_LEASE_SECONDS: '2' },
    });
    const r = rig;
    const created = await r.call('POST', '/api/automation/rules', {
      name: 'Acuse',
      enabled: true,
      trigger: { type: 'message_received' },
      actions: [
        { type: 'send_message', message: { type: 'text', text: 'Recibido, {{contact.first_name}}' } },
      ],
    });
    expect(created.status).toBe(201);

    // Meta delivers them as fast as Charla takes them, and retries what a dead process did not answer.
    for (let c = 0; c < CUSTOMERS; c++)
      r.simulator.sendAsCustomer({
        phoneNumberId: NUMBER.phoneNumberId,
        waId: waIdOf(c),
        name: `Cliente ${c}`,
        text: `Pedido ${c}`,
      });

    await until('the first replies', () => textReplies(r) >= CUSTOMERS * 0.1, 120_000);
    await r.restart();
    await until('more replies after the first restart', () => textReplies(r) >= CUSTOMERS * 0.45, 120_000);
    await r.restart();
    await until(`${CUSTOMERS} customers answered`, () => repliesPerCustomer(r).size >= CUSTOMERS, 240_000);
    // Whatever was in flight at the kills has had time to be sent a second time, if it were going to be.
    await sleep(3_000);

    const counts = repliesPerCustomer(r);
    expect(counts.size).toBe(CUSTOMERS);
    const twice = [...counts.entries()].filter(([, n]) => n > 1);
    expect(twice).toEqual([]);
    const rule = (await r.call('GET', `/api/automation/rules/${(created.json as { id: string }).id}`))
      .json as {
      firedCount: number;
    };
    expect(rule.firedCount).toBe(CUSTOMERS);
  }, 600_000);
});
