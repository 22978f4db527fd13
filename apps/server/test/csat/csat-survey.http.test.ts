import { randomBytes } from 'node:crypto';
import type { Template, TemplateDraft } from '@charla/contracts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../harness/test-app';
import { approvedTemplate, uniqueName } from '../templates/template-fixtures';

let t: TestApp;
let n = 0;
beforeAll(async () => {
  // Charla's Graph client talks to the simulator as if it were Meta (a second number is connected).
  t = await createTestApp({ config: ({ simulatorUrl }) => ({ GRAPH_API_BASE_URL: simulatorUrl }) });
});
afterAll(() => t?.close());

const api = (method: 'GET' | 'PATCH' | 'POST' | 'PUT', url: string, payload?: object) =>
  t.app.inject({ method, url, headers: { cookie: t.cookie }, ...(payload ? { payload } : {}) });

const customer = (waId: string, message: Record<string, unknown>) =>
  t.simulator.sendAsCustomer({ phoneNumberId: t.sandbox.phoneNumberId, waId, name: 'Lucía', ...message });

/** What the customer's phone received, as Meta got it. */
const sentTo = (waId: string) =>
  t.simulator
    .sends(t.sandbox.phoneNumberId)
    .map((s) => s.body as Record<string, unknown> & { to?: string; type?: string })
    .filter((b) => b.to?.replace('+', '') === waId);

const conversationOf = async (waId: string) =>
  t.waitFor(async () => {
    const [row] = await t.container.db.query<{ id: string }>(
      `SELECT c.id FROM conversations c JOIN contacts ct ON ct.id = c.contact_id WHERE ct.wa_id = $1`,
      [waId],
    );
    return row?.id;
  }, `the conversation of ${waId}`);

const surveyOf = async (conversationId: string) =>
  (
    await t.container.db.query<{
      id: string;
      via: string;
      score: number | null;
      comment: string | null;
      agent_user_id: string | null;
    }>('SELECT * FROM csat_surveys WHERE conversation_id = $1 ORDER BY sent_at DESC', [conversationId])
  )[0];

const statusOf = async (conversationId: string) =>
  (await api('GET', `/api/conversations/${conversationId}`)).json().conversation.status as string;

/** A customer writes, an agent (the owner) answers and resolves: the survey's starting point. */
async function answeredAndResolved() {
  const waId = `34611${String(++n).padStart(6, '0')}`;
  customer(waId, { text: 'Hola, ¿tenéis la talla M?' });
  const id = await conversationOf(waId);
  const reply = await api('POST', `/api/conversations/${id}/messages`, { text: 'Sí, nos quedan dos.' });
  expect(reply.statusCode).toBe(202);
  // Charla's clock (manual here) keeps up with the simulator's, which stamps the customer's messages.
  t.clock.set(new Date());
  expect((await api('PATCH', `/api/conversations/${id}`, { status: 'resolved' })).statusCode).toBe(200);
  return { waId, id };
}

const listOn = async (waId: string) =>
  t.waitFor(
    async () =>
      sentTo(waId).find((b) => b.type === 'interactive') as
        | {
            interactive: {
              type: string;
              body: { text: string };
              action: { sections: { rows: { id: string; title: string }[] }[] };
            };
          }
        | undefined,
    'the survey list on the phone',
  );

describe('satisfaction surveys', () => {
  it('asks nothing while the workspace has surveys off', async () => {
    const { waId, id } = await answeredAndResolved();
    await new Promise((r) => setTimeout(r, 300));
    expect(sentTo(waId).filter((b) => b.type === 'interactive')).toEqual([]);
    expect(await surveyOf(id)).toBeUndefined();
  });

  it('turned on: a list of five scores; the rating and a comment keep the conversation resolved', async () => {
    const on = await api('PATCH', '/api/workspace/settings', { csatEnabled: true });
    expect(on.statusCode).toBe(200);
    expect(on.json().csatEnabled).toBe(true);
    const { waId, id } = await answeredAndResolved();
    const list = await listOn(waId);
    expect(list.interactive.type).toBe('list');
    expect(list.interactive.body.text).toBe('¿Cómo valorarías la atención que recibiste?');
    const rows = list.interactive.action.sections[0]!.rows;
    expect(rows.map((r) => r.title)).toEqual(['⭐⭐⭐⭐⭐ 5', '⭐⭐⭐⭐ 4', '⭐⭐⭐ 3', '⭐⭐ 2', '⭐ 1']);
    // The customer picks four stars on the phone.
    customer(waId, {
      message: {
        type: 'interactive',
        interactive: {
          type: 'list_reply',
          list_reply: { id: rows[1]!.id, title: rows[1]!.title, description: 'Buena' },
        },
      },
    });
    await t.waitFor(async () => (await surveyOf(id))?.score === 4, 'the rating stored');
    await t.waitFor(
      async () =>
        sentTo(waId).some((b) =>
          (b.text as { body?: string })?.body?.startsWith('¡Gracias por tu valoración!'),
        ),
      'the invitation to comment',
    );
    expect(await statusOf(id)).toBe('resolved');
    customer(waId, { text: 'Muy rápidos, gracias' });
    await t.waitFor(
      async () => (await surveyOf(id))?.comment === 'Muy rápidos, gracias',
      'the comment stored',
    );
    await t.waitFor(
      async () =>
        sentTo(waId).some((b) => (b.text as { body?: string })?.body === '¡Gracias por tu comentario!'),
      'thanks',
    );
    expect(await statusOf(id)).toBe('resolved');
    const survey = await surveyOf(id);
    expect(survey?.via).toBe('list');
    // The survey's messages show in the thread, named as the survey's.
    const thread = (await api('GET', `/api/conversations/${id}`)).json();
    const auto = thread.messages.filter(
      (m: { automatedBy?: { kind: string } }) => m.automatedBy?.kind === 'survey',
    );
    expect(auto.length).toBe(3);
    // In the reports the answers are no new cycle: one cycle, its one customer message answered.
    const cycles = async () => {
      expect((await api('POST', '/api/reports/refresh')).statusCode).toBe(200);
      return t.container.db.query<{ customer_messages: number; reopened: boolean }>(
        'SELECT customer_messages, reopened FROM conversation_cycles WHERE conversation_id = $1 ORDER BY cycle_no',
        [id],
      );
    };
    expect(await cycles()).toEqual([{ customer_messages: 1, reopened: false }]);
    // The next message is a new question: it reopens the conversation as ever. WhatsApp stamps
    // messages in whole seconds, so it comes a second after the resolution (as a person's would),
    // never in the same second as it.
    await new Promise((r) => setTimeout(r, 1000));
    customer(waId, { text: 'Otra cosa: ¿hacéis envíos a Canarias?' });
    await t.waitFor(async () => (await statusOf(id)) === 'open', 'reopened by a new question');
    expect(await cycles()).toEqual([
      { customer_messages: 1, reopened: false },
      { customer_messages: 1, reopened: true },
    ]);
  });

  it('a message that is not a rating reopens the conversation and the survey stops listening', async () => {
    const { waId, id } = await answeredAndResolved();
    await listOn(waId);
    customer(waId, { text: 'Perdona, me equivoqué de talla' });
    await t.waitFor(async () => (await statusOf(id)) === 'open', 'reopened');
    customer(waId, { text: '5' });
    await t.waitFor(async () => {
      const thread = (await api('GET', `/api/conversations/${id}`)).json();
      return thread.messages.some((m: { text: string }) => m.text === '5');
    }, 'the "5" stored');
    expect((await surveyOf(id))?.score).toBeNull();
  });

  it('reads a typed score ("5", "4️⃣", stars) as the rating', async () => {
    for (const [text, score] of [
      ['5', 5],
      ['4️⃣', 4],
      ['⭐⭐⭐', 3],
    ] as const) {
      const { waId, id } = await answeredAndResolved();
      await listOn(waId);
      customer(waId, { text });
      await t.waitFor(async () => (await surveyOf(id))?.score === score, `"${text}" read as ${score}`);
      expect(await statusOf(id)).toBe('resolved');
    }
  });

  it('does not ask again when nobody answered since the last survey', async () => {
    const { waId, id } = await answeredAndResolved();
    await listOn(waId);
    customer(waId, { text: 'Y otra pregunta' });
    await t.waitFor(async () => (await statusOf(id)) === 'open', 'reopened');
    expect((await api('PATCH', `/api/conversations/${id}`, { status: 'resolved' })).statusCode).toBe(200);
    await new Promise((r) => setTimeout(r, 300));
    expect(sentTo(waId).filter((b) => b.type === 'interactive').length).toBe(1);
  });

  it('a rule that resolves the conversation asks for the rating too, unless nobody answered', async () => {
    expect((await api('PATCH', '/api/workspace/settings', { csatEnabled: true })).statusCode).toBe(200);
    const label = (await api('POST', '/api/labels', { name: 'Resuelta', color: 'green' })).json();
    const rule = await api('POST', '/api/automation/rules', {
      enabled: true,
      name: 'Resolver al etiquetar',
      trigger: { type: 'label_added', labelId: label.id },
      actions: [{ type: 'status', status: 'resolved' }],
    });
    expect(rule.statusCode, rule.body).toBe(201);
    const resolveByRule = async (id: string) => {
      t.clock.set(new Date());
      expect((await api('PUT', `/api/conversations/${id}/labels/${label.id}`)).statusCode).toBe(200);
      await t.waitFor(async () => (await statusOf(id)) === 'resolved', 'resolved by the rule');
    };
    // Answered by a person, resolved by the rule: the same list as when a person resolves.
    const waId = `34611${String(++n).padStart(6, '0')}`;
    customer(waId, { text: '¿Abrís el domingo?' });
    const id = await conversationOf(waId);
    expect(
      (await api('POST', `/api/conversations/${id}/messages`, { text: 'Sí, de 10 a 14.' })).statusCode,
    ).toBe(202);
    await resolveByRule(id);
    const list = await listOn(waId);
    expect(list.interactive.body.text).toBe('¿Cómo valorarías la atención que recibiste?');
    const survey = await surveyOf(id);
    expect(survey?.via).toBe('list');
    // Nobody answered this one: the rule resolves it and nothing is asked.
    const silent = `34611${String(++n).padStart(6, '0')}`;
    customer(silent, { text: 'Hola' });
    const silentId = await conversationOf(silent);
    await resolveByRule(silentId);
    await new Promise((r) => setTimeout(r, 300));
    expect(sentTo(silent).filter((b) => b.type === 'interactive')).toEqual([]);
    expect(await surveyOf(silentId)).toBeUndefined();
    expect(
      (await api('PATCH', `/api/automation/rules/${rule.json().id}`, { enabled: false })).statusCode,
    ).toBe(200);
  });

  it('after the 24-hour window: the chosen template, and only a template without variables is accepted', async () => {
    const withVariables = await approvedTemplate(t);
    const refused = await api('PATCH', '/api/workspace/settings', { csatTemplateId: withVariables.id });
    expect(refused.statusCode).toBe(422);
    expect(refused.json().error.code).toBe('template_has_variables');
    const draft: TemplateDraft = {
      name: uniqueName('valoracion'),
      language: 'es',
      category: 'utility',
      parameterFormat: 'positional',
      header: null,
      body: '¿Qué tal te atendimos? Responde con un número del 1 (muy mal) al 5 (excelente).',
      bodyExamples: {},
      footer: null,
      buttons: [
        { type: 'quick_reply', text: '5 Excelente' },
        { type: 'quick_reply', text: '3 Regular' },
        { type: 'quick_reply', text: '1 Muy mal' },
      ],
    };
    const template = await approvedTemplate(t, draft);
    expect((await api('PATCH', '/api/workspace/settings', { csatTemplateId: template.id })).statusCode).toBe(
      200,
    );
    const waId = `34611${String(++n).padStart(6, '0')}`;
    customer(waId, { text: 'Hola' });
    const id = await conversationOf(waId);
    expect((await api('POST', `/api/conversations/${id}/messages`, { text: 'Hola, dime' })).statusCode).toBe(
      202,
    );
    t.clock.advance(25 * 60 * 60 * 1000);
    expect((await api('PATCH', `/api/conversations/${id}`, { status: 'resolved' })).statusCode).toBe(200);
    const sent = await t.waitFor(
      async () =>
        sentTo(waId).find((b) => b.type === 'template') as { template: { name: string } } | undefined,
      'the survey template on the phone',
    );
    expect(sent.template.name).toBe(draft.name);
    expect((await surveyOf(id))?.via).toBe('template');
    customer(waId, { message: { type: 'button', button: { payload: '5 Excelente', text: '5 Excelente' } } });
    await t.waitFor(async () => (await surveyOf(id))?.score === 5, 'the button read as 5');
    expect(await statusOf(id)).toBe('resolved');
  });
  it("a number of another business account sends its own account's template of the same name", async () => {
    // A second number, on a business account of its own, connected like any other.
    const other = {
      phoneNumberId: `31${randomBytes(5).readUIntBE(0, 5) % 1e10}`,
      wabaId: `41${randomBytes(5).readUIntBE(0, 5) % 1e10}`,
      accessToken: `EAAG${randomBytes(30).toString('base64url')}`,
      appSecret: randomBytes(16).toString('hex'),
      displayPhoneNumber: '15559870042',
      verifiedName: 'Tienda Norte',
    };
    t.simulator.registerNumber({ ...other, webhookUrl: `${t.baseUrl}/webhooks/whatsapp` });
    const { phoneNumberId, wabaId, accessToken, appSecret } = other;
    const connected = await api('POST', '/api/channels', { phoneNumberId, wabaId, accessToken, appSecret });
    expect(connected.statusCode, connected.body).toBe(200);
    const draft = (name: string): TemplateDraft => ({
      name,
      language: 'es',
      category: 'utility',
      parameterFormat: 'positional',
      header: null,
      body: '¿Nos valoras del 1 al 5?',
      bodyExamples: {},
      footer: null,
      buttons: [{ type: 'quick_reply', text: '5 Excelente' }],
    });
    const approvedOn = async (waba: string, name: string) => {
      const res = await api('POST', '/api/templates', { wabaId: waba, draft: draft(name), submit: true });
      expect(res.statusCode, res.body).toBe(201);
      return t.waitFor(async () => {
        const tpl: Template = (await api('GET', `/api/templates/${res.json().id}`)).json();
        return tpl.status === 'approved' && tpl;
      }, `${name} approved`);
    };
    const rateName = uniqueName('valora');
    const chosen = await approvedOn(t.sandbox.wabaId, rateName);
    await approvedOn(wabaId, rateName);
    expect((await api('PATCH', '/api/workspace/settings', { csatTemplateId: chosen.id })).statusCode).toBe(
      200,
    );

    const resolvedAfterWindow = async () => {
      t.clock.set(new Date());
      const waId = `34611${String(++n).padStart(6, '0')}`;
      t.simulator.sendAsCustomer({ phoneNumberId, waId, name: 'Nora', text: 'Hola' });
      const id = await conversationOf(waId);
      expect((await api('POST', `/api/conversations/${id}/messages`, { text: 'Dime' })).statusCode).toBe(202);
      t.clock.advance(25 * 60 * 60 * 1000);
      expect((await api('PATCH', `/api/conversations/${id}`, { status: 'resolved' })).statusCode).toBe(200);
      return { waId, id };
    };
    const sentOnOther = (waId: string) =>
      t.simulator
        .sends(phoneNumberId)
        .map((s) => s.body as { to?: string; type?: string; template?: { name: string } })
        .filter((b) => b.to?.replace('+', '') === waId && b.type === 'template');
    const first = await resolvedAfterWindow();
    const sent = await t.waitFor(
      async () => sentOnOther(first.waId)[0],
      'the survey template on the other number',
    );
    expect(sent.template?.name).toBe(rateName);
    expect((await surveyOf(first.id))?.via).toBe('template');

    // The other account has no template of that name: nothing is asked there.
    const lonely = await approvedOn(t.sandbox.wabaId, uniqueName('solo_aqui'));
    expect((await api('PATCH', '/api/workspace/settings', { csatTemplateId: lonely.id })).statusCode).toBe(
      200,
    );
    const second = await resolvedAfterWindow();
    await new Promise((r) => setTimeout(r, 300));
    expect(sentOnOther(second.waId)).toEqual([]);
    expect(await surveyOf(second.id)).toBeUndefined();
  });
});
