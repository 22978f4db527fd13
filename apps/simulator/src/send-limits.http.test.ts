import { CloudApiError } from '@charla/cloud-api';
import { afterEach, describe, expect, it } from 'vitest';
import type { SimulatorOptions } from './index';
import { type ClientFixture, readJson, startClientFixture } from './test-support/client-fixture';
import { CUSTOMER_WA_ID, NUMBER } from './test-support/sandbox-fixture';
import { readStatuses } from './test-support/webhook-receiver';

let f: ClientFixture;
async function setUp(options: SimulatorOptions = {}) {
  f = await startClientFixture(options);
  return f;
}
afterEach(() => f.close());

const OTHER_WA_ID = '5215587654321';

function send(waId = CUSTOMER_WA_ID, body = 'hola') {
  return f.client.sendText(NUMBER.phoneNumberId, { to: `+${waId}`, body }).then(
    (answer) => ({ ok: true as const, wamid: answer.messages[0]?.id ?? '' }),
    (error: unknown) => {
      if (error instanceof CloudApiError)
        return { ok: false as const, code: error.code, httpStatus: error.httpStatus };
      throw error;
    },
  );
}

describe('throughput (§7.4)', () => {
  it('refuses the message over `mps` in one second of the clock with 130429, then recovers', async () => {
    await setUp({ mps: 3 });
    f.openWindow();
    f.openWindow(OTHER_WA_ID);
    expect((await Promise.all([send(), send(OTHER_WA_ID), send()])).every((r) => r.ok)).toBe(true);
    expect(await send(OTHER_WA_ID)).toEqual({ ok: false, code: 130429, httpStatus: 400 });
    f.clock.current += 1_000;
    expect((await send(OTHER_WA_ID)).ok).toBe(true);
  });

  it('answers 429 when configured, and a number’s behaviour can lower its own mps', async () => {
    await setUp({ throughputHttpStatus: 429 });
    f.openWindow();
    const response = await fetch(`${f.baseUrl}/_sim/numbers/${NUMBER.phoneNumberId}/behaviour`, {
      method: 'PUT',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ mps: 1 }),
    });
    expect((await readJson(response)).behaviour).toMatchObject({ mps: 1, statusMode: 'normal' });
    expect((await send()).ok).toBe(true);
    expect(await send()).toEqual({ ok: false, code: 130429, httpStatus: 429 });
  });
});

describe('an outage (§6.2)', () => {
  it('answers every send with Meta’s 503 while the number is down, accepts nothing, then recovers', async () => {
    await setUp();
    f.openWindow();
    const put = (outage: string | null) =>
      fetch(`${f.baseUrl}/_sim/numbers/${NUMBER.phoneNumberId}/behaviour`, {
        method: 'PUT',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ outage }),
      });
    expect((await readJson(await put('131016'))).behaviour).toMatchObject({ outage: '131016' });
    expect(await send()).toEqual({ ok: false, code: 131016, httpStatus: 503 });
    expect((await put('999')).status).toBe(400);
    await put('2');
    expect(await send()).toEqual({ ok: false, code: 2, httpStatus: 503 });
    expect(f.simulator.acceptedSends({ phoneNumberId: NUMBER.phoneNumberId })).toHaveLength(0);
    await put(null);
    expect((await send()).ok).toBe(true);
    expect(f.simulator.acceptedSends({ phoneNumberId: NUMBER.phoneNumberId })).toHaveLength(1);
  });
});

describe('pair rate limit (§7.6)', () => {
  it('allows a burst of 45 to one customer, then 131056 until 6 s are paid back; others are unaffected', async () => {
    await setUp();
    f.openWindow();
    f.openWindow(OTHER_WA_ID);
    for (let i = 0; i < 45; i += 1) expect((await send(CUSTOMER_WA_ID, `m${i}`)).ok).toBe(true);
    expect(await send()).toEqual({ ok: false, code: 131056, httpStatus: 400 });
    expect((await send(OTHER_WA_ID)).ok).toBe(true);
    f.clock.current += 5_999;
    expect((await send()).ok).toBe(false);
    f.clock.current += 1;
    expect((await send()).ok).toBe(true);
    expect(await send()).toMatchObject({ ok: false, code: 131056 });
  });

  it('can be switched off', async () => {
    await setUp({ pairRateLimit: false });
    f.openWindow();
    for (let i = 0; i < 50; i += 1) expect((await send(CUSTOMER_WA_ID, `m${i}`)).ok).toBe(true);
  });
});

describe('recipients', () => {
  it('accepts a send to an unreachable customer, then reports failed 131026 without contacts', async () => {
    await setUp();
    f.openWindow();
    const response = await fetch(
      `${f.baseUrl}/_sim/numbers/${NUMBER.phoneNumberId}/customers/${CUSTOMER_WA_ID}`,
      {
        method: 'PUT',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ reachable: false }),
      },
    );
    expect(await readJson(response)).toEqual({
      waId: CUSTOMER_WA_ID,
      name: 'Ana',
      reachable: false,
      marketingCapped: false,
    });
    const result = await send();
    if (!result.ok) throw new Error('expected 200');
    const [webhook] = await f.receiver.waitFor((w) => readStatuses(w).some((s) => s.status === 'failed'));
    if (!webhook) throw new Error('no failed webhook');
    const value = (webhook.json as { entry: { changes: { value: Record<string, unknown> }[] }[] }).entry[0]
      ?.changes[0]?.value;
    expect(value?.contacts).toBeUndefined();
    expect(value?.statuses).toEqual([
      expect.objectContaining({
        id: result.wamid,
        status: 'failed',
        errors: [expect.objectContaining({ code: 131026 })],
      }),
    ]);

    f.simulator.setCustomer(NUMBER.phoneNumberId, CUSTOMER_WA_ID, { reachable: true });
    const again = await send();
    if (!again.ok) throw new Error('expected 200');
    await f.receiver.waitFor((w) =>
      readStatuses(w).some((s) => s.id === again.wamid && s.status === 'delivered'),
    );
  });

  it('refuses the business’s own number as recipient with 131021', async () => {
    await setUp();
    const error = await f.client
      .sendText(NUMBER.phoneNumberId, { to: NUMBER.displayPhoneNumber, body: 'yo' })
      .catch((e: unknown) => e);
    expect(error).toMatchObject({ httpStatus: 400, code: 131021 });
  });
});
