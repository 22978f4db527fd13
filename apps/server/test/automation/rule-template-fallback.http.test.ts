import type { AutomationRule, RuleInput, Template } from '@charla/contracts';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../harness/test-app';
import { approvedTemplate, orderUpdate, templatesApi } from '../templates/template-fixtures';
import { requestsAs, simulatedCustomers } from './automation-harness';

let t: TestApp;
let template: Template;
beforeAll(async () => {
  t = await createTestApp();
  template = await approvedTemplate(t, orderUpdate());
});
afterAll(() => t?.close());
afterEach(async () => {
  const rules = (await owner('GET', '/api/automation/rules')).json().rules as AutomationRule[];
  for (const r of rules) if (!r.preset) await owner('DELETE', `/api/automation/rules/${r.id}`);
});

const owner = requestsAs(() => t)(() => t.cookie);
const { newCustomer, writesAtClock, stored, sentTo } = simulatedCustomers(() => t, {
  prefix: '34655',
  name: 'Lucía Gómez',
});

const MIN = 60_000;
const HOUR = 60 * MIN;

/** The template's values, with the rule's {{variables}} in them. */
const fallback = () => ({
  templateId: template.id,
  values: {
    header: '860198',
    body: { first_name: '{{contact.first_name}}', order_number: '860198' },
    buttons: { '0': 'abc123' },
  },
});

/** "We miss you" an hour after the customer's last message, unanswered. */
const missYou = (): RuleInput => ({
  name: 'Te echamos de menos',
  enabled: true,
  trigger: { type: 'no_reply', minutes: 60, businessTime: false },
  actions: [
    {
      type: 'send_message',
      message: { type: 'text', text: '¿Sigues ahí, {{contact.first_name}}?' },
      template: fallback(),
    },
  ],
});

/** The customer writes at the test clock's time; resolves with the conversation once Charla stored it. */
async function customerWrites(from: string, text: string): Promise<string> {
  await writesAtClock(from, text);
  return (await stored(from, text)).conversationId;
}

/** Moves the test clock on and lets the automation worker look, until nothing is due. */
async function advance(ms: number) {
  t.clock.advance(ms);
  t.container.automationWorker.wake();
  await t.waitFor(async () => {
    const [row] = await t.container.db.query<{ n: number | string }>(
      `SELECT (SELECT count(*) FROM automation_inbox WHERE error IS NULL AND due_at <= $1)
            + (SELECT count(*) FROM messages WHERE automated_by IS NOT NULL AND status = 'queued') AS n`,
      [t.clock.now()],
    );
    return Number(row?.n) === 0;
  }, 'automation to drain');
}

describe('a rule message falls back to a template once the window closed', () => {
  it('inside the window the message goes; once it closed the template goes, its values filled', async () => {
    t.clock.set(new Date());
    const res = await owner('POST', '/api/automation/rules', missYou());
    expect(res.statusCode, res.body).toBe(201);
    const rule: AutomationRule = res.json();
    expect(rule.actions[0]).toMatchObject({ type: 'send_message', template: fallback() });

    // Inside the window: the free-form message.
    const inside = newCustomer();
    await customerWrites(inside, 'Hola, una pregunta');
    await advance(61 * MIN);
    await t.waitFor(async () => sentTo(inside).length === 1, 'the message');
    expect(sentTo(inside).map((s) => s.text?.body)).toEqual(['¿Sigues ahí, Lucía?']);

    // The timer ran after the window closed (Charla was down a day): the template instead.
    // (Back to the real time first: Charla takes a message's time from WhatsApp up to its own.)
    t.clock.set(new Date());
    const outside = newCustomer();
    const conversationId = await customerWrites(outside, 'Hola, otra pregunta');
    await advance(25 * HOUR);
    await t.waitFor(async () => sentTo(outside).length === 1, 'the template');
    const [sent] = sentTo(outside);
    expect(sent).toMatchObject({ type: 'template', template: { name: template.name } });
    const parameters = sent!.template!.components!.flatMap((c) => c.parameters ?? []).map((p) => p.text);
    expect(parameters).toEqual(expect.arrayContaining(['Lucía', '860198', 'abc123']));

    const thread = (await owner('GET', `/api/conversations/${conversationId}`)).json();
    const outbound = thread.messages.filter((m: { direction: string }) => m.direction === 'outbound');
    expect(outbound).toHaveLength(1);
    expect(outbound[0]).toMatchObject({ type: 'template', automatedBy: { kind: 'rule', id: rule.id } });
    expect(thread.events).toContainEqual(
      expect.objectContaining({ kind: 'automation', to: 'replied', note: 'template' }),
    );
  });

  it('without a template the closed window still skips, saying why', async () => {
    t.clock.set(new Date());
    const { template: _, ...noFallback } = missYou().actions[0] as { template: unknown };
    const res = await owner('POST', '/api/automation/rules', { ...missYou(), actions: [noFallback] });
    expect(res.statusCode, res.body).toBe(201);
    const from = newCustomer();
    const conversationId = await customerWrites(from, 'Hola');
    await advance(25 * HOUR);
    expect(sentTo(from)).toEqual([]);
    const thread = (await owner('GET', `/api/conversations/${conversationId}`)).json();
    expect(thread.events).toContainEqual(
      expect.objectContaining({ kind: 'automation', to: 'skipped', note: 'window_closed' }),
    );
  });
});

describe('saving a rule with a fallback template', () => {
  const withTemplate = (template: object) => ({
    ...missYou(),
    actions: [{ type: 'send_message', message: { type: 'text', text: 'Hola' }, template }],
  });
  const problems = async (payload: object) => {
    const res = await owner('POST', '/api/automation/rules', payload);
    expect(res.statusCode, res.body).toBe(422);
    expect(res.json().error.code).toBe('invalid_rule');
    return (res.json().error.fields as { path: string }[]).map((d) => d.path);
  };

  it('refuses an unknown template, one not approved, missing values and unknown variables, naming each field', async () => {
    expect(
      await problems(withTemplate({ templateId: '00000000-0000-4000-8000-000000000000', values: {} })),
    ).toEqual(['actions.0.template.templateId']);

    const pending = await templatesApi(t).create(orderUpdate(), false);
    expect(pending.statusCode, pending.body).toBe(201);
    expect(await problems(withTemplate({ templateId: pending.json().id, values: {} }))).toEqual([
      'actions.0.template.templateId',
    ]);

    expect(
      await problems(
        withTemplate({
          templateId: template.id,
          values: { header: '1', body: { first_name: '{{contact.apodo}}' }, buttons: { '0': 'x' } },
        }),
      ),
    ).toEqual(['actions.0.template.values.body.first_name', 'actions.0.template.values.body.order_number']);
  });
});
