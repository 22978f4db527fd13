import { CloudApiError, type OutboundMessage, parseWebhook, type WebhookUpdate } from '@charla/cloud-api';
import { afterEach, describe, expect, it } from 'vitest';
import { type ClientFixture, readJson, startClientFixture } from './test-support/client-fixture';
import { CUSTOMER_WA_ID, NUMBER } from './test-support/sandbox-fixture';
import { createReviewed, namedTemplate, orderSend, orderTemplate } from './test-support/template-fixture';
import { readStatuses } from './test-support/webhook-receiver';

let f: ClientFixture;
afterEach(() => f.close());

const to = `+${CUSTOMER_WA_ID}`;

async function refusal(message: unknown) {
  const error = await f.client.sendMessage(NUMBER.phoneNumberId, message as OutboundMessage).then(
    () => null,
    (e: unknown) => e,
  );
  if (!(error instanceof CloudApiError)) throw new Error(`expected a CloudApiError, got ${String(error)}`);
  return error;
}

async function updatesWith(text: string, count = 1): Promise<WebhookUpdate[]> {
  const webhooks = await f.receiver.waitFor((w) => w.rawBody.includes(text), count);
  return webhooks.flatMap((w) => {
    const parsed = parseWebhook(w.json);
    if (!parsed.ok) throw new Error(parsed.reason);
    return parsed.updates;
  });
}

const named = (parameters: unknown[]) => ({
  messaging_product: 'whatsapp',
  to,
  type: 'template',
  template: { name: 'welcome_named', language: { code: 'en' }, components: [{ type: 'body', parameters }] },
});

const send = (message: unknown) => f.client.sendMessage(NUMBER.phoneNumberId, message as OutboundMessage);

describe('template sends (§2.9, §8.7)', () => {
  it('sends outside the window with message_status, regular pricing and the callback data on every status', async () => {
    f = await startClientFixture({ autoReadMs: 5 });
    await createReviewed(f, orderTemplate());
    const sent = await send({ ...orderSend(to), biz_opaque_callback_data: 'broadcast-7' });
    const wamid = sent.messages[0]?.id ?? '';
    expect(sent.messages[0]?.message_status).toBe('accepted');
    const webhooks = await f.receiver.waitFor((w) => w.rawBody.includes(wamid), 3);
    const statuses = webhooks.flatMap((w) => {
      const parsed = parseWebhook(w.json);
      return parsed.ok ? parsed.updates.flatMap((u) => u.statuses) : [];
    });
    expect(statuses.map((s) => s.status)).toEqual(['sent', 'delivered', 'read']);
    expect(statuses.every((s) => s.biz_opaque_callback_data === 'broadcast-7')).toBe(true);
    expect(statuses[0]?.pricing).toEqual({
      billable: true,
      pricing_model: 'PMP',
      type: 'regular',
      category: 'utility',
    });
    expect(statuses[1]?.pricing).toBeUndefined();
    const chat = await readJson(
      fetch(`${f.baseUrl}/_sim/numbers/${NUMBER.phoneNumberId}/customers/${CUSTOMER_WA_ID}/chat`),
    );
    expect(chat.messages.at(-1)).toMatchObject({
      type: 'template',
      text: 'Hola Ana, tu pedido 860198 ya va en camino a tu casa.',
      content: {
        rendered: {
          header: { format: 'TEXT', text: 'Pedido 860198' },
          footer: 'Tacos Ana',
          buttons: [
            { type: 'QUICK_REPLY', text: 'Gracias', payload: 'THANKS_860198' },
            { type: 'URL', text: 'Rastrear', url: 'https://tacos.example/track/abc123' },
          ],
        },
      },
    });
  });

  it('bills a utility template inside the window as free customer service', async () => {
    f = await startClientFixture();
    f.openWindow();
    await createReviewed(f, orderTemplate());
    const wamid = (await send(orderSend(to))).messages[0]?.id ?? '';
    const [update] = await updatesWith(`"id":"${wamid}","status":"sent"`);
    expect(update?.statuses[0]?.pricing).toEqual({
      billable: false,
      pricing_model: 'PMP',
      type: 'free_customer_service',
      category: 'utility',
    });
  });

  it('fills a named template by parameter_name in any order', async () => {
    f = await startClientFixture();
    await createReviewed(f, namedTemplate());
    await send({
      messaging_product: 'whatsapp',
      to,
      type: 'template',
      template: {
        name: 'welcome_named',
        language: { code: 'en' },
        components: [
          {
            type: 'body',
            parameters: [
              { type: 'text', parameter_name: 'time', text: '9 pm' },
              { type: 'text', parameter_name: 'first_name', text: 'Luis' },
            ],
          },
        ],
      },
    });
    expect(f.simulator.chat(NUMBER.phoneNumberId, CUSTOMER_WA_ID).at(-1)?.text).toBe(
      'Hi Luis, your table at our place is ready since 9 pm today.',
    );
  });

  const positionalBody = (parameters: unknown[]) =>
    orderSend(to, {
      components: [
        { type: 'header', parameters: [{ type: 'text', text: '1' }] },
        { type: 'body', parameters },
        { type: 'button', sub_type: 'url', index: '1', parameters: [{ type: 'text', text: 'x' }] },
      ],
    });

  it.each<[string, unknown, number, number, string]>([
    ['an unknown name', orderSend(to, { name: 'nope' }), 404, 132001, 'nope'],
    ['an unknown language', orderSend(to, { language: { code: 'fr' } }), 404, 132001, 'fr'],
    ['too few body parameters', positionalBody([{ type: 'text', text: 'Ana' }]), 400, 132000, 'expects 2'],
    [
      'parameter names in a positional template',
      positionalBody([
        { type: 'text', text: 'Ana', parameter_name: 'a' },
        { type: 'text', text: 'B', parameter_name: 'b' },
      ]),
      400,
      132012,
      'remove parameter_name',
    ],
    [
      'a named template without parameter_name',
      named([
        { type: 'text', text: 'Ana' },
        { type: 'text', text: '9' },
      ]),
      400,
      132012,
      'set parameter_name',
    ],
    [
      'a named parameter the template does not have',
      named([
        { type: 'text', text: 'Ana', parameter_name: 'first_name' },
        { type: 'text', text: '9', parameter_name: 'hour' },
      ]),
      400,
      132012,
      'hour',
    ],
    [
      'a body too long once filled in',
      positionalBody([
        { type: 'text', text: 'a'.repeat(1000) },
        { type: 'text', text: 'b' },
      ]),
      400,
      132005,
      'once filled in',
    ],
    [
      'a URL button without its suffix',
      orderSend(to, {
        components: [
          { type: 'header', parameters: [{ type: 'text', text: '1' }] },
          {
            type: 'body',
            parameters: [
              { type: 'text', text: 'a' },
              { type: 'text', text: 'b' },
            ],
          },
        ],
      }),
      400,
      132000,
      'URL button',
    ],
  ])('refuses %s', async (_label, message, httpStatus, code, detailsPart) => {
    f = await startClientFixture();
    await createReviewed(f, orderTemplate());
    await createReviewed(f, namedTemplate());
    const error = await refusal(message);
    expect({ httpStatus: error.httpStatus, code: error.code }).toEqual({ httpStatus, code });
    expect(error.details).toContain(detailsPart);
    expect(f.simulator.acceptedSends()).toEqual([]);
  });

  it('refuses a PENDING or REJECTED template with 132001', async () => {
    f = await startClientFixture();
    await f.client.createTemplate(NUMBER.wabaId, orderTemplate());
    expect((await refusal(orderSend(to))).code).toBe(132001);
  });

  it('answers 132015 while paused and 132016 once disabled, with the status webhooks', async () => {
    f = await startClientFixture();
    const { id } = await createReviewed(f, orderTemplate());
    f.simulator.setTemplateStatus(id, { event: 'PAUSED', title: 'SECOND_PAUSE' });
    const [paused] = await updatesWith('"PAUSED"');
    expect(paused?.templateUpdates?.[0]?.value).toMatchObject({
      event: 'PAUSED',
      message_template_id: Number(id),
      other_info: { title: 'SECOND_PAUSE' },
    });
    expect((await refusal(orderSend(to))).code).toBe(132015);
    const response = await fetch(`${f.baseUrl}/_sim/templates/${id}/status`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ event: 'DISABLED' }),
    });
    expect(response.status).toBe(200);
    const [disabled] = await updatesWith('"DISABLED"');
    expect(disabled?.templateUpdates?.[0]?.value).toMatchObject({
      event: 'DISABLED',
      disable_info: { disable_date: expect.any(Number) },
    });
    expect((await refusal(orderSend(to))).code).toBe(132016);
    f.simulator.setTemplateStatus(id, { event: 'REINSTATED' });
    expect((await send(orderSend(to))).messages[0]?.id).toMatch(/^wamid\./);
  });

  it('sends the quality webhook when the score changes', async () => {
    f = await startClientFixture();
    const { id } = await createReviewed(f, orderTemplate());
    const response = await fetch(`${f.baseUrl}/_sim/templates/${id}/quality`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ score: 'RED' }),
    });
    expect(response.status).toBe(200);
    const [update] = await updatesWith('message_template_quality_update');
    expect(update?.templateUpdates?.[0]).toMatchObject({
      field: 'message_template_quality_update',
      templateId: id,
      value: { previous_quality_score: 'UNKNOWN', new_quality_score: 'RED' },
    });
  });
});

describe('marketing opt-out (§5.7, §8.12)', () => {
  it('sends user_preferences stop, then fails marketing templates with 131050 but not utility ones', async () => {
    f = await startClientFixture();
    await createReviewed(f, namedTemplate());
    await createReviewed(f, orderTemplate());
    const response = await fetch(
      `${f.baseUrl}/_sim/numbers/${NUMBER.phoneNumberId}/customers/${CUSTOMER_WA_ID}/marketing`,
      {
        method: 'PUT',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ stopped: true }),
      },
    );
    expect(await response.json()).toEqual({ waId: CUSTOMER_WA_ID, marketingStopped: true });
    const [stop] = await updatesWith('user_preferences');
    expect(stop).toMatchObject({
      field: 'user_preferences',
      phoneNumberId: NUMBER.phoneNumberId,
      userPreferences: [{ wa_id: CUSTOMER_WA_ID, category: 'marketing_messages', value: 'stop' }],
    });
    const marketing = await send(
      named([
        { type: 'text', text: 'Ana', parameter_name: 'first_name' },
        { type: 'text', text: '9', parameter_name: 'time' },
      ]),
    );
    const wamid = marketing.messages[0]?.id ?? '';
    const [failed] = await updatesWith(`"id":"${wamid}","status":"failed"`);
    expect(failed?.statuses[0]?.errors?.[0]).toMatchObject({ code: 131050 });
    const utility = (await send(orderSend(to))).messages[0]?.id ?? '';
    await updatesWith(`"id":"${utility}","status":"delivered"`);
    f.simulator.setMarketingOptOut(NUMBER.phoneNumberId, CUSTOMER_WA_ID, false);
    const [resume] = await updatesWith('"value":"resume"');
    expect(resume?.userPreferences?.[0]?.value).toBe('resume');
  });
});

describe('per-user marketing cap (§7.8)', () => {
  it('fails marketing templates to a capped customer with 131049, not utility ones nor inside the window', async () => {
    f = await startClientFixture();
    await createReviewed(f, namedTemplate());
    await createReviewed(f, orderTemplate());
    const marketing = () =>
      send(
        named([
          { type: 'text', text: 'Ana', parameter_name: 'first_name' },
          { type: 'text', text: '9', parameter_name: 'time' },
        ]),
      ).then((r) => r.messages[0]?.id ?? '');
    const response = await fetch(
      `${f.baseUrl}/_sim/numbers/${NUMBER.phoneNumberId}/customers/${CUSTOMER_WA_ID}`,
      {
        method: 'PUT',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ marketingCapped: true }),
      },
    );
    expect(await response.json()).toMatchObject({ waId: CUSTOMER_WA_ID, marketingCapped: true });

    // Accepted (Meta answers 200), then refused by webhook.
    const capped = await marketing();
    const [failed] = await updatesWith(`"id":"${capped}","status":"failed"`);
    expect(failed?.statuses[0]?.errors?.[0]).toMatchObject({
      code: 131049,
      title: 'This message was not delivered to maintain healthy ecosystem engagement.',
    });
    const utility = (await send(orderSend(to))).messages[0]?.id ?? '';
    await updatesWith(`"id":"${utility}","status":"delivered"`);

    // Lifted: the next marketing template is delivered.
    f.simulator.setCustomer(NUMBER.phoneNumberId, CUSTOMER_WA_ID, { marketingCapped: false });
    const lifted = await marketing();
    await updatesWith(`"id":"${lifted}","status":"delivered"`);

    // Capped again, but the customer wrote in: inside their window it does not count.
    f.simulator.setCustomer(NUMBER.phoneNumberId, CUSTOMER_WA_ID, { marketingCapped: true });
    f.simulator.sendAsCustomer({ phoneNumberId: NUMBER.phoneNumberId, waId: CUSTOMER_WA_ID, text: 'hola' });
    const inWindow = await marketing();
    await updatesWith(`"id":"${inWindow}","status":"delivered"`);
    expect(
      f.receiver.received.flatMap((w) => readStatuses(w)).filter((s) => s.status === 'failed'),
    ).toHaveLength(1);
  });
});

describe('messaging limit (§7.7, §8.11)', () => {
  it('reads the tier and throughput, and fails new users beyond the tier with 131049', async () => {
    f = await startClientFixture();
    f.simulator.setBehaviour(NUMBER.phoneNumberId, { messagingLimit: 'TIER_50', throughput: 'HIGH' });
    expect(await f.client.getPhoneNumberLimits(NUMBER.phoneNumberId)).toEqual({
      throughput: 'HIGH',
      messagingLimit: 'TIER_50',
    });
    await createReviewed(f, orderTemplate());
    const users = Array.from({ length: 51 }, (_, i) => `52155000${String(i).padStart(5, '0')}`);
    const wamids: string[] = [];
    for (const waId of users) wamids.push((await send(orderSend(`+${waId}`))).messages[0]?.id ?? '');
    const [failed] = await updatesWith('"status":"failed"');
    expect(failed?.statuses[0]).toMatchObject({ id: wamids[50], recipient_id: users[50] });
    expect(failed?.statuses[0]?.errors?.[0]?.code).toBe(131049);
    // A user already reached in the last 24 h does not count again.
    const again = (await send(orderSend(`+${users[0]}`))).messages[0]?.id ?? '';
    await updatesWith(`"id":"${again}","status":"sent"`);
    // Customers who wrote in (open window) never count.
    f.simulator.sendAsCustomer({ phoneNumberId: NUMBER.phoneNumberId, waId: '5215599999999', text: 'hola' });
    const inWindow = (await send(orderSend('+5215599999999'))).messages[0]?.id ?? '';
    await updatesWith(`"id":"${inWindow}","status":"sent"`);
    // 24 h later the window has rolled.
    f.clock.current += 24 * 60 * 60 * 1000 + 1;
    const later = (await send(orderSend(`+${users[50]}`))).messages[0]?.id ?? '';
    await updatesWith(`"id":"${later}","status":"sent"`);
    expect(
      f.receiver.received.filter((w) => readStatuses(w).some((s) => s.status === 'failed')),
    ).toHaveLength(1);
  });

  it('defaults to TIER_UNLIMITED and STANDARD', async () => {
    f = await startClientFixture();
    expect(await f.client.getPhoneNumberLimits(NUMBER.phoneNumberId)).toEqual({
      throughput: 'STANDARD',
      messagingLimit: 'TIER_UNLIMITED',
    });
  });
});

describe('the phone answers a template', () => {
  it('turns a quick-reply tap into an inbound button message quoting the template', async () => {
    f = await startClientFixture();
    await createReviewed(f, orderTemplate());
    const wamid = (await send(orderSend(to))).messages[0]?.id ?? '';
    const response = await fetch(
      `${f.baseUrl}/_sim/numbers/${NUMBER.phoneNumberId}/customers/${CUSTOMER_WA_ID}/messages`,
      {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({
          message: {
            type: 'button',
            button: { payload: 'THANKS_860198', text: 'Gracias' },
            context: { id: wamid },
          },
        }),
      },
    );
    expect(response.status).toBe(200);
    const [update] = await updatesWith('THANKS_860198');
    expect(update?.messages[0]).toMatchObject({
      type: 'button',
      button: { payload: 'THANKS_860198', text: 'Gracias' },
      context: { id: wamid },
    });
  });
});

describe('accepted sends log', () => {
  it('records accept time, recipient, type and template name of accepted sends only', async () => {
    f = await startClientFixture();
    await createReviewed(f, orderTemplate());
    const startedAt = f.clock.current;
    await send(orderSend(to));
    await refusal(orderSend(to, { name: 'nope' }));
    f.clock.current += 1_000;
    await send(orderSend('+5215511111111'));
    expect(f.simulator.acceptedSends()).toEqual([
      expect.objectContaining({
        atMs: startedAt,
        waId: CUSTOMER_WA_ID,
        type: 'template',
        templateName: 'order_update',
      }),
      expect.objectContaining({
        atMs: startedAt + 1_000,
        waId: '5215511111111',
        templateName: 'order_update',
      }),
    ]);
    expect(f.simulator.acceptedSends({ sinceMs: startedAt + 1 })).toHaveLength(1);
    // The refused send is not counted.
    expect(f.simulator.acceptedCount()).toBe(2);
    expect(f.simulator.acceptedCount(NUMBER.phoneNumberId)).toBe(2);
    expect(f.simulator.acceptedCount('100000000000999')).toBe(0);
    const http = await readJson(fetch(`${f.baseUrl}/_sim/accepted-sends?sinceMs=${startedAt + 1}`));
    expect((http.items as unknown[]).length).toBe(1);
  });
});
