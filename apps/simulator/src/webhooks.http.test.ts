import { parseWebhook, verifyWebhookSignature } from '@charla/cloud-api';
import { afterEach, describe, expect, it } from 'vitest';
import type { Simulator, SimulatorOptions } from './index';
import { CUSTOMER_WA_ID, createTestSimulator, NUMBER, sendTextRequest } from './test-support/sandbox-fixture';
import { readStatuses, startWebhookReceiver, type WebhookReceiver } from './test-support/webhook-receiver';

const HOUR = 60 * 60 * 1000;

let simulator: Simulator;
let receiver: WebhookReceiver;

async function setUp(options: SimulatorOptions = {}, respondWith: number[] = []) {
  receiver = await startWebhookReceiver(respondWith);
  const created = createTestSimulator(receiver.url, options);
  simulator = created.simulator;
  return created.clock;
}

afterEach(async () => {
  await simulator.close();
  await receiver.close();
});

async function sendText(body: string, version = 'v23.0') {
  const response = await simulator.app.inject(
    sendTextRequest({ text: { body } }, NUMBER.accessToken, version),
  );
  return { status: response.statusCode, body: response.json() };
}

const hasStatus = (status: string) => (w: Parameters<typeof readStatuses>[0]) =>
  readStatuses(w).some((s) => s.status === status);

describe('customer messages', () => {
  it('delivers a signed messages webhook that Charla’s parser reads', async () => {
    await setUp();
    const { wamid } = simulator.sendAsCustomer({
      phoneNumberId: NUMBER.phoneNumberId,
      waId: CUSTOMER_WA_ID,
      text: '¿Tienen tacos al pastor?',
      name: 'Ana López',
    });
    const [webhook] = await receiver.waitFor(() => true);
    expect(
      verifyWebhookSignature(
        webhook!.rawBody,
        webhook!.headers['x-hub-signature-256'] as string,
        NUMBER.appSecret,
      ),
    ).toBe(true);
    const parsed = parseWebhook(webhook!.json);
    if (!parsed.ok) throw new Error(parsed.reason);
    const [update] = parsed.updates;
    expect(update).toMatchObject({
      field: 'messages',
      wabaId: NUMBER.wabaId,
      phoneNumberId: NUMBER.phoneNumberId,
    });
    expect(update?.contacts).toEqual([{ profile: { name: 'Ana López' }, wa_id: CUSTOMER_WA_ID }]);
    expect(update?.messages[0]).toMatchObject({
      from: CUSTOMER_WA_ID,
      id: wamid,
      type: 'text',
      text: { body: '¿Tienen tacos al pastor?' },
      timestamp: String(Date.UTC(2026, 8, 1, 12) / 1000),
    });
  });
});

describe('status lifecycle', () => {
  it('sends sent, delivered, then read when the customer reads, each as its own signed POST', async () => {
    await setUp();
    simulator.sendAsCustomer({ phoneNumberId: NUMBER.phoneNumberId, waId: CUSTOMER_WA_ID, text: 'hola' });
    const { body } = await sendText('¡Hola! ¿En qué te ayudo?');
    const wamid = body.messages[0].id;
    await receiver.waitFor(hasStatus('delivered'));

    simulator.readAsCustomer(NUMBER.phoneNumberId, CUSTOMER_WA_ID);
    simulator.readAsCustomer(NUMBER.phoneNumberId, CUSTOMER_WA_ID);
    await receiver.waitFor(hasStatus('read'));

    const statusPosts = receiver.received.filter((w) => readStatuses(w).length > 0);
    expect(statusPosts.map((w) => readStatuses(w))).toEqual([
      [{ ...readStatuses(statusPosts[0]!)[0], id: wamid, status: 'sent' }],
      [{ ...readStatuses(statusPosts[1]!)[0], id: wamid, status: 'delivered' }],
      [{ ...readStatuses(statusPosts[2]!)[0], id: wamid, status: 'read' }],
    ]);
    for (const post of statusPosts) {
      expect(
        verifyWebhookSignature(post.rawBody, post.headers['x-hub-signature-256'] as string, NUMBER.appSecret),
      ).toBe(true);
      expect(parseWebhook(post.json).ok).toBe(true);
    }
    const [sent, delivered, read] = statusPosts.map((w) => readStatuses(w)[0] as Record<string, unknown>);
    expect(sent?.pricing).toEqual({
      billable: false,
      pricing_model: 'PMP',
      type: 'free_customer_service',
      category: 'service',
    });
    expect(delivered?.pricing).toBeUndefined();
    expect(read?.pricing).toBeUndefined();
    // v23 still carries a per-message conversation id, the same on every status.
    const conversationId = (status: Record<string, unknown> | undefined) =>
      (status?.conversation as { id?: string } | undefined)?.id;
    expect(conversationId(sent)).toMatch(/^[0-9a-f]{32}$/);
    expect(conversationId(read)).toBe(conversationId(sent));
    expect(simulator.chat(NUMBER.phoneNumberId, CUSTOMER_WA_ID).at(-1)?.status).toBe('read');
  });

  it('omits conversation for v24+ senders and auto-reads when configured', async () => {
    await setUp({ autoReadMs: 5 });
    simulator.sendAsCustomer({ phoneNumberId: NUMBER.phoneNumberId, waId: CUSTOMER_WA_ID, text: 'hola' });
    await sendText('hola', 'v24.0');
    const [read] = await receiver.waitFor(hasStatus('read'));
    const statuses = receiver.received.flatMap(readStatuses) as Record<string, unknown>[];
    expect(statuses.map((s) => s.status)).toEqual(['sent', 'delivered', 'read']);
    expect(statuses.every((s) => s.conversation === undefined)).toBe(true);
    expect(read).toBeDefined();
  });
});

describe('24-hour customer service window', () => {
  it('async: accepts free-form text 25 h after the last customer message, then reports failed 131047', async () => {
    const clock = await setUp();
    simulator.sendAsCustomer({ phoneNumberId: NUMBER.phoneNumberId, waId: CUSTOMER_WA_ID, text: 'hola' });
    clock.current += 25 * HOUR;
    const { status, body } = await sendText('¿Sigues ahí?');
    expect(status).toBe(200);

    const [failedPost] = await receiver.waitFor(hasStatus('failed'));
    const value = (failedPost!.json as { entry: { changes: { value: Record<string, unknown> }[] }[] })
      .entry[0]!.changes[0]!.value;
    expect(value.contacts).toBeUndefined();
    const [failed] = readStatuses(failedPost!) as unknown as { id: string; errors: { code: number }[] }[];
    expect(failed?.id).toBe(body.messages[0].id);
    expect(failed?.errors[0]?.code).toBe(131047);
    expect(receiver.received.some(hasStatus('sent'))).toBe(false);
  });

  it('sync: refuses the same send with a 400 131047 and records no message', async () => {
    const clock = await setUp({ windowMode: 'sync' });
    simulator.sendAsCustomer({ phoneNumberId: NUMBER.phoneNumberId, waId: CUSTOMER_WA_ID, text: 'hola' });
    clock.current += 23 * HOUR;
    expect((await sendText('dentro de la ventana')).status).toBe(200);
    clock.current += 2 * HOUR;
    const outside = await sendText('fuera de la ventana');
    expect(outside.status).toBe(400);
    expect(outside.body.error.code).toBe(131047);
    expect(simulator.chat(NUMBER.phoneNumberId, CUSTOMER_WA_ID).map((m) => m.text)).toEqual([
      'hola',
      'dentro de la ventana',
    ]);
  });

  it('reopens the window when the customer writes again', async () => {
    const clock = await setUp({ windowMode: 'sync' });
    simulator.sendAsCustomer({ phoneNumberId: NUMBER.phoneNumberId, waId: CUSTOMER_WA_ID, text: 'hola' });
    clock.current += 25 * HOUR;
    simulator.sendAsCustomer({
      phoneNumberId: NUMBER.phoneNumberId,
      waId: CUSTOMER_WA_ID,
      text: 'sigo aquí',
    });
    expect((await sendText('¡Perfecto!')).status).toBe(200);
  });
});

describe('webhook delivery', () => {
  it('retries a non-200 answer, so the receiver sees the same body twice', async () => {
    await setUp({}, [500]);
    simulator.sendAsCustomer({ phoneNumberId: NUMBER.phoneNumberId, waId: CUSTOMER_WA_ID, text: 'hola' });
    const [first, second] = await receiver.waitFor(() => true, 2);
    expect(second!.rawBody).toBe(first!.rawBody);
    await expect.poll(() => simulator.webhookAttempts().map((a) => a.status)).toEqual([500, 200]);
  });

  it('survives a dead receiver, retrying on the configured schedule', async () => {
    await setUp({ webhookRetryDelaysMs: [10, 10] });
    simulator.registerNumber({ ...NUMBER, webhookUrl: 'http://127.0.0.1:59998/dead' });
    simulator.sendAsCustomer({ phoneNumberId: NUMBER.phoneNumberId, waId: CUSTOMER_WA_ID, text: 'hola' });
    await expect.poll(() => simulator.webhookAttempts().length).toBe(3);
    expect(simulator.webhookAttempts().every((a) => a.status === null)).toBe(true);
    const response = await simulator.app.inject({ url: `/_sim/numbers/${NUMBER.phoneNumberId}/customers` });
    expect(response.statusCode).toBe(200);
  });

  it('stops retrying once closed', async () => {
    await setUp({ webhookRetryDelaysMs: [40, 40] }, [500, 500, 500]);
    simulator.sendAsCustomer({ phoneNumberId: NUMBER.phoneNumberId, waId: CUSTOMER_WA_ID, text: 'hola' });
    await receiver.waitFor(() => true);
    await simulator.close();
    // Proving an absence needs a short real wait: longer than the next retry would have taken.
    await new Promise((resolve) => setTimeout(resolve, 120));
    expect(receiver.received).toHaveLength(1);
  });
});
