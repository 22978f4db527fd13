import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  approvedPromo,
  broadcastsApi,
  promoVariables,
  workspaceIdOf,
} from '../broadcasts/broadcast-fixtures';
import { createTestApp, type TestApp } from '../harness/test-app';
import { requestsAs, simulatedCustomers } from './automation-harness';

// A shop sends a promotion; a rule answers the customers who reply to it, once each, and a
// customer who writes without having received it is not taken for a reply.
let t: TestApp;
let templateId: string;
beforeAll(async () => {
  t = await createTestApp({ config: { BROADCAST_DEFAULT_RATE_PER_SECOND: '1000' } });
  templateId = (await approvedPromo(t)).id;
  const ws = await workspaceIdOf(t);
  await t.container.db.query(
    `INSERT INTO contacts (workspace_id, wa_id, phone, name, tags, opt_in_state) VALUES
       ($1, '34644000001', '+34644000001', 'Ana García', ARRAY['promo'], 'opted_in'),
       ($1, '34644000002', '+34644000002', 'Luis Pérez', ARRAY['promo'], 'opted_in')`,
    [ws],
  );
}, 60_000);
afterAll(() => t?.close());

const api = requestsAs(() => t)(() => t.cookie);
const { writes, sentTo } = simulatedCustomers(() => t, { name: 'Cliente' });
/** The texts the customer received (the promotion itself is a template). */
const textsTo = (to: string) =>
  sentTo(to)
    .filter((b) => b.type === 'text')
    .map((b) => b.text?.body ?? '');

describe('a rule on replies to a broadcast', () => {
  it('answers the first reply of each recipient of that broadcast, and nobody else', async () => {
    const broadcasts = broadcastsApi(t);
    const created = await broadcasts.create({
      name: 'Rebajas',
      channelId: t.sandbox.id,
      templateId,
      audience: { kind: 'filters', filters: { tags: ['promo'] } },
      variables: promoVariables(),
      scheduledAt: null,
      action: 'send_now',
    });
    expect(created.statusCode, created.body).toBe(201);
    const broadcastId: string = created.json().id;
    await broadcasts.until(broadcastId, (b) => b.status === 'completed', 'the broadcast to complete');

    const rule = await api('POST', '/api/automation/rules', {
      name: 'Respuesta a rebajas',
      enabled: true,
      trigger: { type: 'broadcast_reply', broadcastId },
      actions: [
        {
          type: 'send_message',
          message: { type: 'text', text: '¡Gracias {{contact.first_name}}! Te paso el catálogo.' },
        },
      ],
    });
    expect(rule.statusCode, rule.body).toBe(201);

    writes('34644000001', 'Me interesa');
    writes('34644000009', 'Hola, ¿tenéis rebajas?'); // never received it
    await t.waitFor(async () => textsTo('34644000001').length === 1, 'the answer to Ana');
    expect(textsTo('34644000001')).toEqual(['¡Gracias Ana! Te paso el catálogo.']);
    // Her second message is not a first reply any more.
    writes('34644000001', '¿Y en tallas grandes?');
    writes('34644000002', 'Yo también');
    await t.waitFor(async () => textsTo('34644000002').length === 1, 'the answer to Luis');
    await t.waitFor(
      async () => (await t.container.db.query('SELECT 1 FROM automation_inbox')).length === 0 || undefined,
      'automation to be idle',
    );
    expect(textsTo('34644000001')).toHaveLength(1);
    expect(textsTo('34644000009')).toEqual([]);
    const fired = (await api('GET', `/api/automation/rules/${rule.json().id}`)).json();
    expect(fired.firedCount).toBe(2);
  });
});
