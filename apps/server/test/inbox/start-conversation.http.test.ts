import type { StartedConversation, Template, Thread } from '@charla/contracts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addForeignOwner } from '../harness/members';
import { apiOf, openConversation } from '../harness/outbound';
import { createTestApp, type TestApp } from '../harness/test-app';
import { approvedTemplate, orderUpdate, templatesApi } from '../templates/template-fixtures';

let t: TestApp;
let api: ReturnType<typeof apiOf>;
let template: Template;

beforeAll(async () => {
  t = await createTestApp({ simulator: { templateReviewMs: 50 } });
  api = apiOf(t);
  template = await approvedTemplate(t);
});
afterAll(() => t?.close());

const values = {
  header: '7781',
  body: { first_name: 'Lucía', order_number: '7781' },
  buttons: { 0: 'pedido%2F7781' },
};
const start = (
  customer: { contactId: string } | { phone: string },
  templateId = template.id,
  v: object = values,
) =>
  api.call('POST', '/api/conversations', {
    channelId: t.sandbox.id,
    ...customer,
    template: { templateId, values: v },
  });

const contactsWith = async (key: string) =>
  t.container.db.query<{ id: string }>('SELECT id FROM contacts WHERE phone_key = $1', [key]);

describe('starting a conversation', () => {
  it('with a typed Mexican number: creates the contact and the conversation, and the customer receives the template with its values', async () => {
    const before = t.simulator.sends(t.sandbox.phoneNumberId).length;
    const res = await start({ phone: '+52 1 55 4000 1234' });
    expect(res.statusCode, res.body).toBe(202);
    const started: StartedConversation = res.json();
    expect(started.created).toBe(true);

    const thread: Thread = await api.thread(started.conversationId);
    expect(thread.conversation.contact.phone).toBe('+525540001234');
    expect(thread.messages.map((m) => m.id)).toEqual([started.messageId]);
    expect(thread.messages[0]!.content).toMatchObject({
      type: 'template',
      template: { body: 'Hola Lucía, tu pedido 7781 ya está en camino a tu casa.' },
    });
    const sent = await t.waitFor(async () => {
      const m = await api.message(started.conversationId, started.messageId);
      return m && m.status !== 'queued' && m;
    }, 'the template to be accepted');
    expect(sent.status, JSON.stringify(sent.error)).not.toBe('failed');
    const sends = t.simulator.sends(t.sandbox.phoneNumberId).slice(before);
    expect(sends).toHaveLength(1);
    expect(sends[0]!.responseStatus).toBe(200);
    expect(sends[0]!.body).toMatchObject({
      to: '+525540001234',
      type: 'template',
      template: {
        name: template.name,
        components: expect.arrayContaining([
          {
            type: 'body',
            parameters: [
              { type: 'text', text: 'Lucía', parameter_name: 'first_name' },
              { type: 'text', text: '7781', parameter_name: 'order_number' },
            ],
          },
        ]),
      },
    });
  });

  it('with a number a customer already wrote from in its WhatsApp form: reuses their contact and conversation', async () => {
    const conv = await openConversation(t, '5215533332222', 'Hola');
    const res = await start({ phone: '+52 55 3333 2222' });
    expect(res.statusCode, res.body).toBe(202);
    expect(res.json()).toMatchObject({ conversationId: conv.id, created: false });
    expect(await contactsWith('525533332222')).toHaveLength(1);

    const byContact = await start({ contactId: res.json().contactId });
    expect(byContact.statusCode, byContact.body).toBe(202);
    expect(byContact.json()).toMatchObject({ conversationId: conv.id, created: false });
    const thread = await api.thread(conv.id);
    expect(thread.messages.filter((m) => m.content.type === 'template')).toHaveLength(2);
  });

  it('refuses an invalid number, saying what is wrong with an example, and writes nothing', async () => {
    const contactsBefore = await t.container.db.query('SELECT id FROM contacts');
    const letters = await start({ phone: '55 12AB 5678' });
    expect(letters.statusCode).toBe(422);
    expect(letters.json().error.code).toBe('invalid_phone');
    expect(letters.json().error.message).toMatch(/letters.*\+52 55 1234 5678/);

    const national = await start({ phone: '55 1234 5678' });
    expect(national.statusCode).toBe(422);
    expect(national.json().error.message).toMatch(/country code and a leading \+, e\.g\. \+52 55 1234 5678/);

    const short = await start({ phone: '+52 55 12' });
    expect(short.statusCode).toBe(422);
    expect(short.json().error.fields).toEqual([{ path: 'phone', message: expect.stringMatching(/digits/) }]);
    expect(await t.container.db.query('SELECT id FROM contacts')).toHaveLength(contactsBefore.length);
  });

  it("reads a number without + in the workspace's default country", async () => {
    const settings = await t.app.inject({
      method: 'PATCH',
      url: '/api/workspace/settings',
      headers: { cookie: t.cookie },
      payload: { defaultCountry: 'MX' },
    });
    expect(settings.statusCode, settings.body).toBe(200);
    const res = await start({ phone: '044 55 4222 3333' });
    expect(res.statusCode, res.body).toBe(202);
    const thread: Thread = await api.thread(res.json().conversationId);
    expect(thread.conversation.contact.phone).toBe('+525542223333');
    const invalid = await start({ phone: '55 42' });
    expect(invalid.statusCode).toBe(422);
    expect(invalid.json().error.message).toMatch(/at least 7.*\+52 55 1234 5678/);
  });

  it('refuses a template not approved, and names the variables still to fill or unknown, before creating anything', async () => {
    const draft = await templatesApi(t).create(orderUpdate(), false);
    expect(draft.statusCode, draft.body).toBe(201);
    const notApproved = await start({ phone: '+52 55 4111 0000' }, draft.json().id);
    expect(notApproved.statusCode).toBe(422);
    expect(notApproved.json().error.code).toBe('template_not_approved');
    expect(notApproved.json().error.message).toMatch(/Only approved templates can be sent/);

    const unfilled = await start({ phone: '+52 55 4111 0000' }, template.id, { header: '7781', body: {} });
    expect(unfilled.statusCode).toBe(422);
    expect(unfilled.json().error.code).toBe('template_values_missing');
    expect(unfilled.json().error.message).toMatch(/\{\{first_name\}\}.*\{\{order_number\}\}/);
    const misspelt = await start({ phone: '+52 55 4111 0000' }, template.id, {
      ...values,
      body: { ...values.body, nombre: 'Lucía' },
    });
    expect(misspelt.statusCode).toBe(422);
    expect(misspelt.json().error.code).toBe('template_values_unknown');
    expect(misspelt.json().error.message).toMatch(
      /has no \{\{nombre\}\}; its body variables are \{\{first_name\}\}, \{\{order_number\}\}/,
    );
    expect(await contactsWith('525541110000')).toHaveLength(0);
  });

  it("answers 404 for another workspace's number", async () => {
    const foreign = await addForeignOwner(t);
    const res = await t.app.inject({
      method: 'POST',
      url: '/api/conversations',
      headers: { cookie: foreign.cookie },
      payload: {
        channelId: t.sandbox.id,
        phone: '+525540001234',
        template: { templateId: template.id, values },
      },
    });
    expect(res.statusCode).toBe(404);
    expect(res.json().error.code).toBe('channel_not_found');
  });
});
