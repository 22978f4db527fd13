import type { Template, Thread } from '@charla/contracts';
import { GraphApiError, WhatsAppClient } from '@kapso/whatsapp-cloud-api';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { apiOf, FILES, openConversation } from '../harness/outbound';
import { createTestApp, type TestApp } from '../harness/test-app';
import { approvedTemplate } from '../templates/template-fixtures';
import { makeKey } from './api-harness';

let t: TestApp;
let template: Template;
let client: WhatsAppClient;
let phoneNumberId: string;

beforeAll(async () => {
  t = await createTestApp({ simulator: { templateReviewMs: 50 } });
  template = await approvedTemplate(t);
  const key = await makeKey(t, ['messages:write', 'media:write'], 'Código para Meta');
  // A Cloud API client from npm, unchanged: only its base URL points at Charla.
  client = new WhatsAppClient({ accessToken: key.key, baseUrl: `${t.baseUrl}/graph`, graphVersion: 'v23.0' });
  phoneNumberId = t.sandbox.phoneNumberId;
});
afterAll(() => t?.close());

const sendsTo = (to: string) =>
  t.simulator.sends(phoneNumberId).filter((s) => (s.body as { to?: string }).to === to);

describe("Meta's own endpoints, served by Charla, through an npm Cloud API client", () => {
  it('sends text: Meta-shaped answer, the customer gets it, the thread shows it sent by the key', async () => {
    const conv = await openConversation(t, '5215580000001', 'Hola, ¿me mandan el catálogo?');
    const res = await client.messages.sendText({
      phoneNumberId,
      to: '5215580000001',
      body: 'Claro, aquí va 📎',
    });
    expect(res.messagingProduct).toBe('whatsapp');
    expect(res.contacts[0]).toMatchObject({ input: '5215580000001', waId: '5215580000001' });
    const id = res.messages[0]!.id;
    await t.waitFor(async () => sendsTo('+5215580000001').length === 1, 'the text at the customer');
    const thread: Thread = await apiOf(t).thread(conv.id);
    expect(thread.messages.find((m) => m.id === id)).toMatchObject({
      content: { type: 'text', body: 'Claro, aquí va 📎' },
      automatedBy: { kind: 'api', name: 'Código para Meta' },
    });
  });

  it('uploads media and sends it by id, with a caption', async () => {
    await openConversation(t, '5215580000002', 'Hola');
    const uploaded = await client.media.upload({
      phoneNumberId,
      type: 'application/pdf',
      file: new Blob([FILES.pdf.bytes], { type: 'application/pdf' }),
      fileName: 'catalogo.pdf',
    });
    expect(uploaded.id).toMatch(/^[0-9a-f-]{36}$/);
    const res = await client.messages.sendDocument({
      phoneNumberId,
      to: '5215580000002',
      document: { id: uploaded.id, caption: 'Catálogo de otoño', filename: 'catalogo.pdf' },
    });
    expect(res.messages[0]!.id).toBeTruthy();
    await t.waitFor(async () => sendsTo('+5215580000002').length === 1, 'the document at the customer');
    expect(sendsTo('+5215580000002')[0]!.body).toMatchObject({
      type: 'document',
      document: { caption: 'Catálogo de otoño' },
    });
  });

  it('sends a template to a number that never wrote', async () => {
    await client.messages.sendTemplate({
      phoneNumberId,
      to: '5215580000003',
      template: {
        name: template.name,
        language: { code: template.language },
        components: [
          { type: 'header', parameters: [{ type: 'text', text: '7781', parameter_name: 'order_number' }] },
          {
            type: 'body',
            parameters: [
              { type: 'text', text: 'Lucía', parameter_name: 'first_name' },
              { type: 'text', text: '7781', parameter_name: 'order_number' },
            ],
          },
          { type: 'button', sub_type: 'url', index: '0', parameters: [{ type: 'text', text: '7781' }] },
        ],
      },
    });
    await t.waitFor(async () => sendsTo('+525580000003').length === 1, 'the template at the customer');
    expect(sendsTo('+525580000003')[0]!.body).toMatchObject({
      type: 'template',
      template: { name: template.name },
    });
  });

  it("answers Meta's error envelope and codes: 131047 outside the window, 132001 for an unknown template, 190 for a bad key, 100 for a number of another workspace", async () => {
    const closed = await client.messages
      .sendText({ phoneNumberId, to: '5215580000004', body: 'Hola' })
      .catch((e) => e);
    expect(closed).toBeInstanceOf(GraphApiError);
    expect(closed).toMatchObject({ code: 131047, httpStatus: 400 });
    expect(closed.message).toMatch(/Re-engagement|24 hours/);

    const unknown = await client.messages
      .sendTemplate({
        phoneNumberId,
        to: '5215580000004',
        template: { name: 'no_existe', language: { code: 'es' } },
      })
      .catch((e) => e);
    expect(unknown).toMatchObject({ code: 132001, httpStatus: 404 });

    const stranger = new WhatsAppClient({ accessToken: 'chk_wrong', baseUrl: `${t.baseUrl}/graph` });
    const bad = await stranger.messages
      .sendText({ phoneNumberId, to: '5215580000004', body: 'Hola' })
      .catch((e) => e);
    expect(bad).toMatchObject({ code: 190, httpStatus: 401 });

    const other = await client.messages
      .sendText({ phoneNumberId: '99999999999', to: '5215580000004', body: 'x' })
      .catch((e) => e);
    expect(other).toMatchObject({ code: 100, httpStatus: 400 });
    expect(sendsTo('+5215580000004')).toEqual([]);
  });
});
