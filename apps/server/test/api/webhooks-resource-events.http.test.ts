import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { reopenSnoozedConversations } from '../../src/modules/inbox';
import { requestsAs, simulatedCustomers } from '../automation/automation-harness';
import {
  approvedPromo,
  broadcastsApi,
  promoVariables,
  seedContacts,
  workspaceIdOf,
} from '../broadcasts/broadcast-fixtures';
import { addMember, customerWrites } from '../harness/members';
import { createTestApp, type TestApp } from '../harness/test-app';
import { approvedTemplate } from '../templates/template-fixtures';
import { makeKey, v1Of } from './api-harness';
import { startReceiver } from './webhook-receiver';

// An integration that follows contacts, templates, broadcasts and bots, not only messages.
let t: TestApp;
let receiver: Awaited<ReturnType<typeof startReceiver>>;

beforeAll(async () => {
  t = await createTestApp({
    simulator: { templateReviewMs: 50 },
    config: { OUTBOUND_HTTP_ALLOW: '127.0.0.1', BROADCAST_DEFAULT_RATE_PER_SECOND: '1000' },
  });
  receiver = await startReceiver();
  const res = await api('POST', '/api/webhooks', {
    url: receiver.url,
    events: [
      'contact.created',
      'contact.updated',
      'template.status_changed',
      'broadcast.completed',
      'flow.completed',
    ],
  });
  expect(res.statusCode, res.body).toBe(201);
}, 60_000);
afterAll(async () => {
  await receiver?.close();
  await t?.close();
});

const api = requestsAs(() => t)(() => t.cookie);
const { writes, waitReceived } = simulatedCustomers(() => t, { prefix: '34633', name: 'Marta Ruiz' });
// biome-ignore lint/suspicious/noExplicitAny: the tests read the events' payloads field by field
type Event = { type: string; data: Record<string, any> };
const eventsOf = (type: string): Event[] => receiver.events(type) as Event[];
const until = <T>(what: string, fn: () => T | undefined | false) =>
  t.waitFor(async () => fn() || undefined, what, 15_000);

describe('contact events', () => {
  it('a customer who writes first, and a contact the API adds, each come as contact.created once', async () => {
    writes('34633000001', 'Hola');
    const fromWhatsApp = await until('contact.created for the customer', () =>
      eventsOf('contact.created').find((e) => e.data.contact.phone === '+34633000001'),
    );
    expect(fromWhatsApp.data).toMatchObject({
      source: 'whatsapp',
      changed: [],
      contact: { optIn: 'unknown' },
    });
    writes('34633000001', '¿Seguís abiertos?');

    const v1 = v1Of(t, (await makeKey(t, ['contacts:write'])).key);
    const added = await v1('POST', '/api/v1/contacts', { phone: '+34 633 000 002', name: 'Jon Iriarte' });
    expect(added.statusCode, added.body).toBe(201);
    const fromApi = await until('contact.created for the API contact', () =>
      eventsOf('contact.created').find((e) => e.data.contact.id === added.json().id),
    );
    expect(fromApi.data).toMatchObject({
      source: 'api',
      contact: { name: 'Jon Iriarte', phone: '+34633000002' },
    });

    await t.waitFor(
      async () =>
        (await t.container.db.query(`SELECT 1 FROM messages WHERE text = '¿Seguís abiertos?'`)).length > 0,
      'the second message stored',
    );
    // The second message of the same customer is not a new contact.
    expect(eventsOf('contact.created').filter((e) => e.data.contact.phone === '+34633000001')).toHaveLength(
      1,
    );
  });

  it('an edit in the web app comes as contact.updated, naming what changed, with the contact as it is now', async () => {
    const [row] = await t.container.db.query<{ id: string }>(
      `SELECT id FROM contacts WHERE phone = '+34633000002'`,
    );
    const edited = await api('PATCH', `/api/contacts/${row!.id}`, {
      tags: ['mayorista'],
      name: 'Jon Iriarte Sanz',
    });
    expect(edited.statusCode, edited.body).toBe(200);
    const updated = await until('contact.updated', () =>
      eventsOf('contact.updated').find((e) => e.data.contact.id === row!.id),
    );
    expect(updated.data).toMatchObject({
      source: 'member',
      changed: ['name', 'tags'],
      contact: { name: 'Jon Iriarte Sanz', tags: ['mayorista'] },
    });
  });
});

describe('contacts changed in bulk or by a rule', () => {
  it('the bulk API announces each contact it adds or changes; a rule tagging a customer, what it changed', async () => {
    const v1 = v1Of(t, (await makeKey(t, ['contacts:write'])).key);
    const bulk = await v1('POST', '/api/v1/contacts/bulk', {
      contacts: [
        { phone: '+34633000002', tags: ['feria'] },
        { phone: '+34633000010', name: 'Nerea Lasa' },
      ],
    });
    expect(bulk.statusCode, bulk.body).toBe(200);
    expect(bulk.json()).toMatchObject({ created: 1, updated: 1 });
    const added = await until('the new one', () =>
      eventsOf('contact.created').find((e) => e.data.contact.phone === '+34633000010'),
    );
    expect(added.data).toMatchObject({ source: 'api', contact: { name: 'Nerea Lasa' } });
    const changed = await until('the known one', () =>
      eventsOf('contact.updated').find(
        (e) => e.data.contact.phone === '+34633000002' && e.data.source === 'api',
      ),
    );
    expect(changed.data).toMatchObject({
      changed: ['tags'],
      contact: { tags: expect.arrayContaining(['feria']) },
    });

    const rule = await api('POST', '/api/automation/rules', {
      name: 'Pregunta por envíos',
      enabled: true,
      trigger: { type: 'message_received' },
      conditions: [{ type: 'keywords', keywords: ['envíos', 'envio'], mode: 'contains' }],
      actions: [{ type: 'tag', tag: 'envíos' }],
    });
    expect(rule.statusCode, rule.body).toBe(201);
    writes('34633000011', '¿Hacéis envíos a Cádiz?');
    const tagged = await until('the tag the rule put', () =>
      eventsOf('contact.updated').find((e) => e.data.contact.phone === '+34633000011'),
    );
    expect(tagged.data).toMatchObject({
      source: 'automation',
      changed: ['tags'],
      contact: { tags: ['envíos'] },
    });
    expect(
      (await api('PATCH', `/api/automation/rules/${rule.json().id}`, { enabled: false })).statusCode,
    ).toBe(200);
  });
});

describe('template and broadcast events', () => {
  it('a submitted template comes as pending, then approved; its broadcast as completed with its counts', async () => {
    const template = await approvedPromo(t);
    const review = await until('pending and approved', () => {
      const mine = eventsOf('template.status_changed').filter((e) => e.data.template.id === template.id);
      return mine.length >= 2 && mine;
    });
    expect(review.map((e) => [e.data.from, e.data.to])).toEqual([
      [null, 'pending'],
      ['pending', 'approved'],
    ]);

    await seedContacts(t, 3, { prefix: '34644', tag: 'rebajas' });
    const broadcasts = broadcastsApi(t);
    const created = await broadcasts.create({
      name: 'Rebajas de invierno',
      channelId: t.sandbox.id,
      templateId: template.id,
      audience: { kind: 'filters', filters: { tags: ['rebajas'] } },
      variables: promoVariables(),
      scheduledAt: null,
      action: 'send_now',
    });
    expect(created.statusCode, created.body).toBe(201);
    const completed = await until('broadcast.completed', () => eventsOf('broadcast.completed')[0]);
    expect(completed.data).toMatchObject({
      broadcast: { id: created.json().id, name: 'Rebajas de invierno', templateId: template.id },
      counts: { total: 3, queued: 0, sent: 3 },
    });
    // Statuses arriving after it (delivered, read) do not announce it again.
    await broadcasts.until(created.json().id, (b) => b.counts.delivered === 3, 'the deliveries');
    expect(eventsOf('broadcast.completed')).toHaveLength(1);
    expect(
      eventsOf('template.status_changed').filter((e) => e.data.template.id === template.id),
    ).toHaveLength(2);
  });

  it('a quality rating or a repeated review of an approved template is not news', async () => {
    const template = await approvedTemplate(t);
    await until('its approval', () =>
      eventsOf('template.status_changed').find(
        (e) => e.data.template.id === template.id && e.data.to === 'approved',
      ),
    );
    // Meta rates its quality: the template changes, its status does not.
    await t.container.db.query(`UPDATE templates SET quality = 'high', updated_at = now() WHERE id = $1`, [
      template.id,
    ]);
    await t.container.templates.notify([{ workspaceId: await workspaceIdOf(t), templateId: template.id }]);
    // Nothing more queued for it (a duplicate would sit in the deliveries, sent or not).
    const queued = await t.container.db.query(
      `SELECT 1 FROM webhook_deliveries
        WHERE event_type = 'template.status_changed' AND payload->'data'->'template'->>'id' = $1`,
      [template.id],
    );
    expect(queued).toHaveLength(2);
  });
});

describe('flow events', () => {
  it('a bot that ends with a customer comes as flow.completed with what it collected', async () => {
    const created = await api('POST', '/api/flows', { name: 'Encuesta' });
    const flowId = created.json().id;
    const draft = {
      nodes: [
        { id: 'start', type: 'start' },
        {
          id: 'ask',
          type: 'question',
          text: '¿Cuál es tu ciudad?',
          saveTo: { kind: 'variable', key: 'ciudad' },
          validate: 'text',
          retryText: 'Escribe tu ciudad.',
          maxTries: 2,
        },
        { id: 'bye', type: 'end', text: '¡Gracias!' },
      ],
      edges: [
        { id: 'e1', source: 'start', target: 'ask' },
        { id: 'e2', source: 'ask', target: 'bye' },
        { id: 'e3', source: 'ask', sourceHandle: 'invalid', target: 'bye' },
      ],
    };
    expect((await api('PUT', `/api/flows/${flowId}`, { name: 'Encuesta', draft })).statusCode).toBe(200);
    const published = await api('POST', `/api/flows/${flowId}/publish`);
    expect(published.statusCode, published.body).toBe(200);
    const rule = await api('POST', '/api/automation/rules', {
      name: 'Encuesta',
      enabled: true,
      trigger: { type: 'message_received' },
      conditions: [{ type: 'keywords', keywords: ['encuesta'], mode: 'contains' }],
      actions: [{ type: 'start_flow', flowId }],
    });
    expect(rule.statusCode, rule.body).toBe(201);

    writes('34633000003', 'Quiero hacer la encuesta');
    await waitReceived('34633000003', 1);
    writes('34633000003', 'Bilbao');
    await waitReceived('34633000003', 2);
    const done = await until('flow.completed', () => eventsOf('flow.completed')[0]);
    expect(done.data).toMatchObject({
      flow: { id: flowId, name: 'Encuesta', version: 1 },
      outcome: 'completed',
      variables: { ciudad: 'Bilbao' },
      contact: { phone: '+34633000003' },
    });
  });
});

describe('conversation events nobody clicked', () => {
  it('a snooze ending and a removed member’s conversations going back to the queue are sent too', async () => {
    const sub = await api('POST', '/api/webhooks', {
      url: receiver.url,
      events: ['conversation.status_changed', 'conversation.assigned'],
    });
    expect(sub.statusCode, sub.body).toBe(201);
    const carla = await addMember(t, 'agent', 'Carla Agent');
    const id = await customerWrites(t, '5215500000077', 'Luego te digo');
    expect(
      (await api('POST', `/api/conversations/${id}/assign`, { assigneeUserId: carla.userId })).statusCode,
    ).toBe(200);
    const snoozeEnd = new Date(t.clock.now().getTime() + 3600_000).toISOString();
    const snoozed = await api('PATCH', `/api/conversations/${id}`, {
      status: 'snoozed',
      snoozedUntil: snoozeEnd,
    });
    expect(snoozed.statusCode, snoozed.body).toBe(200);
    t.clock.advance(3600_000 + 1000);
    expect(await reopenSnoozedConversations(t.container.inbox)).toBeGreaterThanOrEqual(1);
    const reopened = await until('the snooze ending', () =>
      eventsOf('conversation.status_changed').find(
        (e) => e.data.conversationId === id && e.data.from === 'snoozed' && e.data.to === 'open',
      ),
    );
    expect(reopened.data.by).toEqual({ kind: 'charla' });

    expect((await api('DELETE', `/api/members/${carla.userId}`)).statusCode).toBe(204);
    const released = await until('the conversation back to the queue', () =>
      eventsOf('conversation.assigned').find(
        (e) => e.data.conversationId === id && e.data.from === carla.userId && e.data.to === null,
      ),
    );
    expect(released.data.by).toMatchObject({ kind: 'member', name: 'Ana Owner' });
  });
});
