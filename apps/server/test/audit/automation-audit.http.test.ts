import type { FlowDefinitionInput } from '@charla/contracts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addMember, type Member } from '../harness/members';
import { createTestApp, type TestApp } from '../harness/test-app';

let t: TestApp;
let admin: Member;
beforeAll(async () => {
  t = await createTestApp();
  admin = await addMember(t, 'admin', 'Luis Admin');
});
afterAll(() => t?.close());

/** Luis, an admin, from an address the audit log should keep. */
const asAdmin = (method: 'GET' | 'PUT' | 'PATCH' | 'DELETE' | 'POST', url: string, payload?: object) =>
  t.app.inject({
    method,
    url,
    headers: { cookie: admin.cookie },
    remoteAddress: '198.51.100.7',
    ...(payload ? { payload } : {}),
  });

interface Line {
  action: string;
  actor: { id: string | null; name: string | null };
  target: { type: string | null; id: string | null; label: string | null };
  ip: string | null;
  details: Record<string, unknown>;
}

/** The newest line of this action (the owner reads the log). */
async function lastLine(action: string): Promise<Line> {
  const res = await t.app.inject({
    method: 'GET',
    url: `/api/audit-log?action=${action}`,
    headers: { cookie: t.cookie },
  });
  expect(res.statusCode, res.body).toBe(200);
  const [line] = res.json().items as Line[];
  expect(line, action).toBeDefined();
  return line!;
}

async function expectLine(action: string, target: Partial<Line['target']>, details?: object) {
  const line = await lastLine(action);
  expect(line).toMatchObject({
    action,
    actor: { id: admin.userId, name: 'Luis Admin' },
    target,
    ip: '198.51.100.7',
    ...(details ? { details } : {}),
  });
}

const ok = (res: { statusCode: number; body: string }, status = 200) => {
  expect(res.statusCode, res.body).toBe(status);
  return res.body ? JSON.parse(res.body) : null;
};

/** A bot that asks and waits, so a member can stop it. */
const asking: FlowDefinitionInput = {
  nodes: [
    { id: 'start', type: 'start' },
    {
      id: 'ask',
      type: 'question',
      text: '¿Cuál es tu número de pedido?',
      saveTo: { kind: 'variable', key: 'pedido' },
    },
    { id: 'end', type: 'end', text: 'Gracias' },
  ],
  edges: [
    { id: 'e1', source: 'start', target: 'ask' },
    { id: 'e2', source: 'ask', target: 'end' },
  ],
};

describe('the audit log of automation', () => {
  it('records rules created, changed, turned off and on, reordered and deleted, by name', async () => {
    const input = {
      name: 'Envíos',
      enabled: true,
      trigger: { type: 'message_received' },
      conditions: [{ type: 'keywords', keywords: ['envío'], mode: 'contains' }],
      actions: [{ type: 'send_message', message: { type: 'text', text: 'En 48 h.' } }],
    };
    const rule = ok(await asAdmin('POST', '/api/automation/rules', input), 201);
    await expectLine('rule.created', { type: 'rule', id: rule.id, label: 'Envíos' });
    ok(await asAdmin('PUT', `/api/automation/rules/${rule.id}`, { ...input, name: 'Envíos a España' }));
    await expectLine('rule.updated', { type: 'rule', id: rule.id, label: 'Envíos a España' });
    ok(await asAdmin('PATCH', `/api/automation/rules/${rule.id}`, { enabled: false }));
    await expectLine('rule.disabled', { id: rule.id, label: 'Envíos a España' });
    ok(await asAdmin('PATCH', `/api/automation/rules/${rule.id}`, { enabled: true }));
    await expectLine('rule.enabled', { id: rule.id, label: 'Envíos a España' });
    const ids = (ok(await asAdmin('GET', '/api/automation/rules')).rules as { id: string }[]).map(
      (r) => r.id,
    );
    ok(await asAdmin('PUT', '/api/automation/rules/order', { ids: [...ids].reverse() }));
    await expectLine('rules.reordered', {}, { rules: ids.length });
    ok(await asAdmin('DELETE', `/api/automation/rules/${rule.id}`), 204);
    await expectLine('rule.deleted', { type: 'rule', id: rule.id, label: 'Envíos a España' });
  });

  it('records bots created, published with their version, started and stopped in a conversation, deleted; not drafts saved', async () => {
    const flow = ok(await asAdmin('POST', '/api/flows', { name: 'Pedidos', draft: asking }), 201);
    await expectLine('bot.created', { type: 'flow', id: flow.id, label: 'Pedidos' });
    ok(await asAdmin('PUT', `/api/flows/${flow.id}`, { name: 'Pedidos', draft: asking }));
    ok(await asAdmin('POST', `/api/flows/${flow.id}/publish`));
    ok(await asAdmin('POST', `/api/flows/${flow.id}/publish`));
    await expectLine('bot.published', { type: 'flow', id: flow.id, label: 'Pedidos' }, { version: 2 });

    t.simulator.sendAsCustomer({
      phoneNumberId: t.sandbox.phoneNumberId,
      waId: '34633000001',
      name: 'Lucía Gómez',
      text: 'Hola',
    });
    const conversationId = await t.waitFor(async () => {
      const [row] = await t.container.db.query<{ id: string }>(
        `SELECT c.id FROM conversations c JOIN contacts ct ON ct.id = c.contact_id WHERE ct.wa_id = '34633000001'`,
      );
      return row?.id;
    }, 'the conversation');
    ok(await asAdmin('POST', `/api/conversations/${conversationId}/bot/start`, { flowId: flow.id }), 202);
    await expectLine('bot.started', { type: 'flow', id: flow.id, label: 'Pedidos' }, { conversationId });
    await t.waitFor(
      async () => ok(await asAdmin('GET', `/api/conversations/${conversationId}/bot`)).session,
      'the bot to start',
    );
    ok(await asAdmin('POST', `/api/conversations/${conversationId}/bot/stop`), 204);
    await expectLine('bot.stopped', { type: 'flow', id: flow.id, label: 'Pedidos' }, { conversationId });

    ok(await asAdmin('DELETE', `/api/flows/${flow.id}`), 204);
    await expectLine('bot.deleted', { type: 'flow', id: flow.id, label: 'Pedidos' });
    const res = await t.app.inject({ method: 'GET', url: '/api/audit-log', headers: { cookie: t.cookie } });
    expect((res.json().items as Line[]).filter((l) => l.target.id === flow.id).map((l) => l.action)).toEqual([
      'bot.deleted',
      'bot.stopped',
      'bot.started',
      'bot.published',
      'bot.published',
      'bot.created',
    ]);
  });

  it("records the workspace's business hours and a team's changed, and a team's removed", async () => {
    const days = [...Array.from({ length: 5 }, () => [{ from: '09:00', to: '18:00' }]), [], []];
    const calendar = { timeZone: 'Europe/Madrid', days, holidays: [] };
    ok(await asAdmin('PUT', '/api/business-hours', calendar));
    const workspace = await lastLine('business_hours.changed');
    expect(workspace).toMatchObject({
      actor: { id: admin.userId, name: 'Luis Admin' },
      target: { type: 'workspace', label: null },
      ip: '198.51.100.7',
      details: { timeZone: 'Europe/Madrid' },
    });
    const team = ok(await asAdmin('POST', '/api/teams', { name: 'Ventas' }), 201);
    ok(await asAdmin('PUT', `/api/teams/${team.id}/business-hours`, calendar));
    await expectLine('business_hours.changed', { type: 'team', id: team.id, label: 'Ventas' });
    ok(await asAdmin('DELETE', `/api/teams/${team.id}/business-hours`));
    await expectLine('business_hours.cleared', { type: 'team', id: team.id, label: 'Ventas' });
  });

  it('records sequences created, changed, contacts enrolled, an enrolment cancelled and the sequence deleted', async () => {
    const input = {
      name: 'Bienvenida',
      channelId: t.sandbox.id,
      window: { timeZone: 'UTC', weekdays: [1, 2, 3, 4, 5, 6, 7], from: '00:00', to: '24:00' },
      steps: [{ delay: { amount: 1, unit: 'days' }, message: { type: 'text', text: 'Hola' } }],
    };
    const sequence = ok(await asAdmin('POST', '/api/sequences', input), 201);
    await expectLine('sequence.created', { type: 'sequence', id: sequence.id, label: 'Bienvenida' });
    ok(await asAdmin('PUT', `/api/sequences/${sequence.id}`, { ...input, name: 'Bienvenida 2' }));
    await expectLine('sequence.updated', { type: 'sequence', id: sequence.id, label: 'Bienvenida 2' });

    const contact = ok(
      await asAdmin('POST', '/api/contacts', { phone: '+34633000002', name: 'Marta Ruiz' }),
      201,
    );
    ok(await asAdmin('POST', `/api/sequences/${sequence.id}/enrollments`, { contactIds: [contact.id] }));
    await expectLine(
      'sequence.contacts_enrolled',
      { type: 'sequence', id: sequence.id, label: 'Bienvenida 2' },
      { contacts: 1, alreadyEnrolled: 0, optedOut: 0 },
    );
    const [enrolment] = ok(await asAdmin('GET', `/api/sequences/${sequence.id}/enrollments`)).enrollments;
    ok(await asAdmin('DELETE', `/api/sequences/${sequence.id}/enrollments/${enrolment.id}`), 204);
    await expectLine(
      'sequence.enrollment_cancelled',
      { type: 'sequence', id: sequence.id, label: 'Bienvenida 2' },
      { enrollmentId: enrolment.id, contactId: contact.id },
    );
    // Never the contact's name: an erased contact must not stay in the log.
    const text = await t.container.db.query<{ row: string }>('SELECT audit_log::text AS row FROM audit_log');
    expect(text.map((r) => r.row).join('\n')).not.toContain('Marta');

    ok(await asAdmin('DELETE', `/api/sequences/${sequence.id}`), 204);
    await expectLine('sequence.deleted', { type: 'sequence', id: sequence.id, label: 'Bienvenida 2' });
  });
});
