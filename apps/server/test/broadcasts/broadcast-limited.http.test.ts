import type { Broadcast } from '@charla/contracts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { retryLimitedRecipients } from '../../src/modules/broadcasts';
import { addMember } from '../harness/members';
import { statusWebhook } from '../harness/payloads';
import { createTestApp, type TestApp } from '../harness/test-app';
import {
  approvedPromo,
  broadcastsApi,
  promoVariables,
  seedContacts,
  templateSends,
} from './broadcast-fixtures';

// 20 customers; WhatsApp caps the marketing messages of three of them (131049, reference §7.8).
const N = 20;
const phone = (i: number) => `34677${String(i).padStart(6, '0')}`;
const [X, Y, Z] = [phone(3), phone(8), phone(15)];
const HOUR = 3_600_000;

let t: TestApp;
let id: string;
beforeAll(async () => {
  t = await createTestApp({ config: { BROADCAST_DEFAULT_RATE_PER_SECOND: '1000' } });
  await seedContacts(t, N, { prefix: '34677', tag: 'tope' });
  for (const waId of [X, Y, Z]) setCapped(waId, true);
}, 60_000);
afterAll(() => t?.close());

function setCapped(waId: string, marketingCapped: boolean) {
  t.simulator.setCustomer(t.sandbox.phoneNumberId, waId, { marketingCapped });
}
const api = () => broadcastsApi(t);
/** A promotion (a marketing template) to the 20 customers. */
const promotion = async (name: string, action: 'draft' | 'send_now') =>
  api().create({
    name,
    channelId: t.sandbox.id,
    templateId: (await approvedPromo(t)).id,
    audience: { kind: 'filters', filters: { tags: ['tope'] } },
    variables: promoVariables(),
    scheduledAt: null,
    action,
  });
/** How many template sends the simulator accepted per customer. */
async function sendsPerCustomer(): Promise<Map<string, number>> {
  const counts = new Map<string, number>();
  for (const s of await templateSends(t)) counts.set(s.to, (counts.get(s.to) ?? 0) + 1);
  return counts;
}
const retryJob = () =>
  retryLimitedRecipients(t.container.broadcasts, () => t.container.broadcastEngine.poke());
const settled = (sent: number, limited: number) => (b: Broadcast) =>
  b.status === 'completed' && b.counts.sent === sent && b.counts.limited === limited && b.counts.queued === 0;
const recipientRow = async (waId: string) =>
  (
    await t.container.db.query<{
      id: number;
      state: string;
      wamid: string | null;
      error_code: number | null;
      limited_retries: number;
    }>(
      'SELECT id, state, wamid, error_code, limited_retries FROM broadcast_recipients WHERE broadcast_id = $1 AND wa_id = $2',
      [id, waId],
    )
  )[0]!;

describe('recipients WhatsApp limits for its marketing cap', () => {
  it('are counted as limited, not failed, with when Charla sends them again', async () => {
    const res = await promotion('Tope de marketing', 'send_now');
    expect(res.statusCode, res.body).toBe(201);
    id = res.json().id;
    const b = await api().until(id, settled(17, 3), '17 sent and 3 limited');
    expect(b.counts).toMatchObject({ total: N, sent: 17, limited: 3, failed: 0, skipped: 0 });
    expect(b.failuresByReason).toEqual([]);
    // A day after the refused send (claimed at the test clock's time).
    expect(b.limitedRetryAt).toBe(new Date(t.clock.now().getTime() + 24 * HOUR).toISOString());

    const limited = await api().recipients(id, '&state=limited');
    expect(limited.map((r) => r.phone).sort()).toEqual([X, Y, Z].map((p) => `+${p}`));
    for (const r of limited) {
      expect(r.error).toMatchObject({ code: 131049, reason: expect.stringContaining('Wait at least a day') });
      expect(r.retryAt).toBe(b.limitedRetryAt);
    }
    expect(await api().recipients(id, '&state=failed')).toEqual([]);
    const csv = (await api().call('GET', `/api/broadcasts/${id}/recipients.csv`)).body.split(/\r?\n/);
    expect(csv[0]).toContain(',replied_at,retry_at');
    expect(csv.find((l) => l.includes(`+${X}`))).toMatch(/,limited,131049,/);
  });

  it('sends them again, once each, a day later: a new message in the conversation', async () => {
    t.clock.advance(23 * HOUR);
    expect(await retryJob()).toBe(0);
    t.clock.advance(HOUR);
    expect(await retryJob()).toBe(3);
    expect(await retryJob()).toBe(0);
    expect((await api().get(id)).status).not.toBe('completed');
    const b = await api().until(id, settled(17, 3), 'the three sent again and limited again');
    expect(b.limitedRetryAt).toBe(new Date(t.clock.now().getTime() + 24 * HOUR).toISOString());

    const sends = await sendsPerCustomer();
    expect(sends.size).toBe(N);
    for (const [to, n] of sends) expect(n, to).toBe([X, Y, Z].includes(to) ? 2 : 1);
    const messages = await t.container.db.query<{ external_id: string; status: string }>(
      `SELECT m.external_id, m.status FROM messages m JOIN conversations c ON c.id = m.conversation_id
         JOIN contacts ct ON ct.id = c.contact_id
        WHERE ct.wa_id = $1 AND m.direction = 'outbound' ORDER BY m.occurred_at, m.seq`,
      [X],
    );
    expect(messages).toHaveLength(2);
    expect(new Set(messages.map((m) => m.external_id)).size).toBe(2);
    expect((await recipientRow(X)).limited_retries).toBe(1);
  });

  it('a day later: skips who opted out, ignores a late status of the refused send, then stays limited', async () => {
    // Z stops marketing messages (Meta's user_preferences webhook): Charla opts them out.
    t.simulator.setMarketingOptOut(t.sandbox.phoneNumberId, Z, true);
    await t.waitFor(
      async () =>
        (
          await t.container.db.query(
            `SELECT 1 FROM contacts WHERE wa_id = $1 AND opt_in_state = 'opted_out'`,
            [Z],
          )
        ).length === 1,
      'Z opted out',
    );
    // X is no longer capped. The sender is held so the requeued rows wait.
    setCapped(X, false);
    await t.container.broadcastEngine.stop();
    const before = await recipientRow(X);
    t.clock.advance(24 * HOUR);
    expect(await retryJob()).toBe(2);
    // Meta redelivers the refusal of the earlier send (its webhooks are retried for days).
    const stale = statusWebhook({
      phoneNumberId: t.sandbox.phoneNumberId,
      wamid: before.wamid!,
      status: 'failed',
      recipient: X,
      callbackData: `bcr:${before.id}`,
      errors: [
        { code: 131049, title: 'This message was not delivered to maintain healthy ecosystem engagement.' },
      ],
    });
    expect((await t.postWebhook(stale)).statusCode).toBe(200);
    await t.waitFor(
      async () =>
        (await t.container.db.query(`SELECT 1 FROM webhook_events WHERE status = 'pending' LIMIT 1`))
          .length === 0,
      'the stale status ingested',
    );
    expect(await recipientRow(X)).toMatchObject({ state: 'queued', wamid: null, error_code: null });
    t.container.broadcastEngine.start();
    // Y is still capped: limited for good now (two automatic retries made).
    const b = await api().until(id, settled(18, 1), 'X delivered, Y limited again');
    expect(b.counts).toMatchObject({ skipped: 1, failed: 0 });
    expect(b.limitedRetryAt).toBeNull();
    const sends = await sendsPerCustomer();
    expect([X, Y, Z].map((waId) => sends.get(waId))).toEqual([3, 3, 2]);
    expect(await recipientRow(X)).toMatchObject({ state: 'sent', limited_retries: 2 });
    const [skipped] = await api().recipients(id, '&state=skipped');
    expect(skipped).toMatchObject({
      phone: `+${Z}`,
      error: { reason: expect.stringContaining('opted out') },
    });
    const [limited] = await api().recipients(id, '&state=limited');
    expect(limited).toMatchObject({ phone: `+${Y}`, retryAt: null });

    t.clock.advance(24 * HOUR);
    expect(await retryJob()).toBe(0);
    expect((await sendsPerCustomer()).get(Y)).toBe(3);
  });

  it('sends them again in one click, for owners and admins only', async () => {
    const agent = await addMember(t, 'agent', 'Agente Uno');
    const url = `/api/broadcasts/${id}/retry-limited`;
    const refused = await broadcastsApi(t, agent.cookie).call('POST', url);
    expect(refused.statusCode).toBe(403);

    setCapped(Y, false);
    const res = await api().call('POST', url);
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toMatchObject({ requeued: 1, skipped: 0, broadcast: { status: 'sending' } });
    const b = await api().until(id, settled(19, 0), 'Y delivered');
    expect(b.counts).toMatchObject({ sent: 19, limited: 0, skipped: 1, failed: 0 });
    expect((await sendsPerCustomer()).get(Y)).toBe(4);

    const none = await api().call('POST', url);
    expect(none.statusCode).toBe(409);
    expect(none.json().error.code).toBe('no_limited_recipients');
  });

  it('refuses while the broadcast is not finished or paused', async () => {
    const draft = await promotion('Borrador', 'draft');
    const res = await api().call('POST', `/api/broadcasts/${draft.json().id}/retry-limited`);
    expect(res.statusCode).toBe(409);
    expect(res.json().error).toMatchObject({
      code: 'broadcast_status_conflict',
      message: expect.stringContaining('completed or paused'),
    });
  });
});
