import {
  CloudApiError,
  type CreateTemplateRequest,
  parseWebhook,
  verifyWebhookSignature,
} from '@charla/cloud-api';
import { afterEach, describe, expect, it } from 'vitest';
import { type ClientFixture, startClientFixture } from './test-support/client-fixture';
import { NUMBER } from './test-support/sandbox-fixture';
import { createReviewed, namedTemplate, orderTemplate } from './test-support/template-fixture';

let f: ClientFixture;
afterEach(() => f.close());

async function refusal(promise: Promise<unknown>) {
  const error = await promise.then(
    () => null,
    (e: unknown) => e,
  );
  if (!(error instanceof CloudApiError)) throw new Error(`expected a CloudApiError, got ${String(error)}`);
  return error;
}

const body = (text: string, example: string[] = []) => ({
  type: 'BODY' as const,
  text,
  ...(example.length > 0 && { example: { body_text: [example] } }),
});

describe('POST /{WABA_ID}/message_templates validation (§4.3)', () => {
  it.each<[string, Partial<CreateTemplateRequest>, number, string]>([
    ['an upper-case name', { name: 'Order_Update' }, 100, 'name'],
    ['a name with a dash', { name: 'order-update' }, 100, 'name'],
    ['an unknown category', { category: 'PROMO' as never }, 100, 'category'],
    ['no body', { components: [{ type: 'FOOTER', text: 'x' }] }, 100, 'BODY'],
    ['a body over 1024 characters', { components: [body('a'.repeat(1025))] }, 2388040, 'components[0].text'],
    [
      'a text header over 60 characters',
      { components: [{ type: 'HEADER', format: 'TEXT', text: 'h'.repeat(61) }, body('Hola')] },
      2388040,
      'components[0].text',
    ],
    [
      'a header with two parameters',
      {
        components: [
          { type: 'HEADER', format: 'TEXT', text: '{{1}} y {{2}}', example: { header_text: ['a', 'b'] } },
          body('Hola'),
        ],
      },
      2388047,
      'components[0].text',
    ],
    [
      'a footer with a parameter',
      { components: [body('Hola'), { type: 'FOOTER', text: 'Bye {{1}}' }] },
      2388073,
      'components[1].text',
    ],
    [
      'a footer over 60 characters',
      { components: [body('Hola'), { type: 'FOOTER', text: 'f'.repeat(61) }] },
      2388040,
      'components[1].text',
    ],
    [
      'a body variable without example',
      { components: [body('Hola {{1}}, tu pedido está listo.')] },
      100,
      'example.body_text',
    ],
    [
      'a leading parameter',
      { components: [body('{{1}} tu pedido está listo para recoger hoy.', ['Ana'])] },
      2388299,
      'starts or ends',
    ],
    [
      'a trailing parameter',
      { components: [body('Tu pedido está listo para recoger, {{1}}', ['Ana'])] },
      2388299,
      'starts or ends',
    ],
    [
      'too many parameters for the length',
      { components: [body('Hola {{1}} y {{2}} con {{3}} ok.', ['a', 'b', 'c'])] },
      2388293,
      '3 parameters',
    ],
    [
      'a gap in positional numbers',
      { components: [body('Hola {{1}} y también {{3}} hoy mismo.', ['a', 'b'])] },
      2388072,
      '{{1}} to {{2}}',
    ],
    [
      'named parameters in a positional template',
      { components: [body('Hola {{name}}, tu pedido está listo hoy.', ['Ana'])] },
      2388072,
      'parameter_format NAMED',
    ],
    [
      'eleven quick replies',
      {
        components: [
          body('Hola'),
          {
            type: 'BUTTONS',
            buttons: Array.from({ length: 11 }, (_, i) => ({
              type: 'QUICK_REPLY' as const,
              text: `Op ${i}`,
            })),
          },
        ],
      },
      100,
      'at most 10',
    ],
    [
      'three URL buttons',
      {
        components: [
          body('Hola'),
          {
            type: 'BUTTONS',
            buttons: [1, 2, 3].map((i) => ({
              type: 'URL' as const,
              text: `Link ${i}`,
              url: `https://x.example/${i}`,
            })),
          },
        ],
      },
      100,
      'at most 2 URL',
    ],
    [
      'quick replies split around a URL button',
      {
        components: [
          body('Hola'),
          {
            type: 'BUTTONS',
            buttons: [
              { type: 'QUICK_REPLY', text: 'Sí' },
              { type: 'URL', text: 'Web', url: 'https://x.example' },
              { type: 'QUICK_REPLY', text: 'No' },
            ],
          },
        ],
      },
      100,
      'group the QUICK_REPLY',
    ],
    [
      'a button text over 25 characters',
      {
        components: [
          body('Hola'),
          { type: 'BUTTONS', buttons: [{ type: 'QUICK_REPLY', text: 'b'.repeat(26) }] },
        ],
      },
      2388040,
      'buttons[0].text',
    ],
    [
      'a URL variable in the middle',
      {
        components: [
          body('Hola'),
          {
            type: 'BUTTONS',
            buttons: [{ type: 'URL', text: 'Web', url: 'https://x.example/{{1}}/track', example: ['a'] }],
          },
        ],
      },
      100,
      'at the end',
    ],
    [
      'an image header without a sample handle',
      { components: [{ type: 'HEADER', format: 'IMAGE' }, body('Hola')] },
      100,
      'header_handle',
    ],
    [
      'a named template without named examples',
      {
        parameter_format: 'NAMED',
        components: [body('Hola {{first_name}}, tu pedido está listo hoy.')],
      },
      100,
      '{{first_name}}',
    ],
  ])('refuses %s with its code and the field in details', async (_label, overrides, code, detailsPart) => {
    f = await startClientFixture();
    const error = await refusal(f.client.createTemplate(NUMBER.wabaId, orderTemplate(overrides)));
    expect(error.httpStatus).toBe(400);
    expect(error.code).toBe(code);
    expect(error.details).toContain(detailsPart);
    expect(f.simulator.templates(NUMBER.wabaId)).toEqual([]);
  });

  it('refuses the same name and language twice, but takes another language', async () => {
    f = await startClientFixture();
    await f.client.createTemplate(NUMBER.wabaId, orderTemplate());
    expect((await refusal(f.client.createTemplate(NUMBER.wabaId, orderTemplate()))).code).toBe(2388024);
    await f.client.createTemplate(NUMBER.wabaId, orderTemplate({ language: 'en_US' }));
    expect(f.simulator.templates(NUMBER.wabaId)).toHaveLength(2);
  });

  it('stops at the per-WABA template count (2388019) and the hourly creation cap', async () => {
    f = await startClientFixture({ templateLimits: { perWaba: 3, creationsPerHour: 2 } });
    await f.client.createTemplate(NUMBER.wabaId, orderTemplate({ name: 't1' }));
    await f.client.createTemplate(NUMBER.wabaId, orderTemplate({ name: 't2' }));
    const rate = await refusal(f.client.createTemplate(NUMBER.wabaId, orderTemplate({ name: 't3' })));
    expect(rate.code).toBe(80007);
    expect(rate.details).toContain('per hour');
    f.clock.current += 60 * 60 * 1000 + 1;
    await f.client.createTemplate(NUMBER.wabaId, orderTemplate({ name: 't3' }));
    const full = await refusal(f.client.createTemplate(NUMBER.wabaId, orderTemplate({ name: 't4' })));
    expect(full.code).toBe(2388019);
  });

  it('refuses a token of another business as Graph does', async () => {
    f = await startClientFixture();
    const error = await refusal(f.client.createTemplate('999999', orderTemplate()));
    expect(error).toMatchObject({ httpStatus: 400, code: 100, subcode: 33 });
  });
});

describe('template review (§8.8)', () => {
  it('answers PENDING, then approves after templateReviewMs with a signed status webhook', async () => {
    f = await startClientFixture({ templateReviewMs: 300 });
    const created = await f.client.createTemplate(NUMBER.wabaId, orderTemplate());
    expect(created).toEqual({ id: expect.stringMatching(/^\d+$/), status: 'PENDING', category: 'UTILITY' });
    expect((await f.client.getTemplate(created.id, ['status'])).status).toBe('PENDING');
    const [webhook] = await f.receiver.waitFor((w) => w.rawBody.includes('message_template_status_update'));
    if (!webhook) throw new Error('no webhook');
    expect(
      verifyWebhookSignature(
        webhook.rawBody,
        webhook.headers['x-hub-signature-256'] as string,
        NUMBER.appSecret,
      ),
    ).toBe(true);
    expect(webhook.json).toEqual({
      object: 'whatsapp_business_account',
      entry: [
        {
          id: NUMBER.wabaId,
          time: Math.floor(f.clock.current / 1000),
          changes: [
            {
              field: 'message_template_status_update',
              value: {
                event: 'APPROVED',
                message_template_id: Number(created.id),
                message_template_name: 'order_update',
                message_template_language: 'es_MX',
                reason: 'NONE',
                message_template_category: 'UTILITY',
              },
            },
          ],
        },
      ],
    });
    const parsed = parseWebhook(webhook.json);
    expect(parsed.ok && parsed.updates[0]?.templateUpdates?.[0]?.templateId).toBe(created.id);
    expect((await f.client.getTemplate(created.id)).status).toBe('APPROVED');
  });

  it('rejects adjacent parameters as INVALID_FORMAT with rejection_info', async () => {
    f = await startClientFixture();
    const template = orderTemplate({
      name: 'adjacent',
      components: [body('Hola {{1}} {{2}} gracias por tu compra de hoy en la tienda.', ['Ana', 'López'])],
    });
    const { id, status } = await createReviewed(f, template);
    expect(status).toBe('REJECTED');
    const [webhook] = await f.receiver.waitFor((w) => w.rawBody.includes('"REJECTED"'));
    const parsed = parseWebhook(webhook?.json);
    const value = parsed.ok ? parsed.updates[0]?.templateUpdates?.[0]?.value : null;
    expect(value).toMatchObject({
      event: 'REJECTED',
      message_template_id: Number(id),
      reason: 'INVALID_FORMAT',
      rejection_info: {
        reason: expect.stringContaining('next to each other'),
        recommendation: expect.any(String),
      },
    });
    expect((await f.client.getTemplate(id)).rejected_reason).toBe('INVALID_FORMAT');
  });

  it('rejects promotional wording in a UTILITY template as INCORRECT_CATEGORY', async () => {
    f = await startClientFixture();
    const promo = orderTemplate({
      name: 'promo_utility',
      components: [body('Aprovecha 20% de descuento en tu próximo pedido.')],
    });
    const { id, status } = await createReviewed(f, promo);
    expect(status).toBe('REJECTED');
    expect((await f.client.getTemplate(id)).rejected_reason).toBe('INCORRECT_CATEGORY');
  });

  it('re-categorises to MARKETING instead when allow_category_change is set', async () => {
    f = await startClientFixture();
    const promo = orderTemplate({
      name: 'sale_notice',
      allow_category_change: true,
      components: [body('Big sale this weekend on every order.')],
    });
    const { status, category } = await createReviewed(f, promo);
    expect({ status, category }).toEqual({ status: 'APPROVED', category: 'MARKETING' });
    const [webhook] = await f.receiver.waitFor((w) => w.rawBody.includes('template_category_update'));
    const parsed = parseWebhook(webhook?.json);
    expect(parsed.ok && parsed.updates[0]?.templateUpdates?.[0]?.value).toMatchObject({
      previous_category: 'UTILITY',
      new_category: 'MARKETING',
    });
  });
});

describe('list, get, edit and delete (§4.1)', () => {
  it('pages with limit and cursors, filters by name and status, and honours fields', async () => {
    f = await startClientFixture();
    for (const name of ['alpha_one', 'alpha_two', 'beta_one'])
      await createReviewed(f, orderTemplate({ name }));
    await f.client.createTemplate(NUMBER.wabaId, orderTemplate({ name: 'alpha_pending' }));
    const first = await f.client.listTemplates(NUMBER.wabaId, { limit: 2, fields: ['name', 'status'] });
    expect(first.data).toEqual([
      { name: 'alpha_one', status: 'APPROVED', id: expect.any(String) },
      { name: 'alpha_two', status: 'APPROVED', id: expect.any(String) },
    ]);
    expect(first.paging?.next).toContain('/message_templates?');
    const second = await f.client.listTemplates(NUMBER.wabaId, {
      limit: 2,
      after: first.paging?.cursors?.after ?? '',
    });
    expect(second.data.map((t) => t.name)).toEqual(['beta_one', 'alpha_pending']);
    expect(second.paging?.next).toBeUndefined();
    const filtered = await f.client.listTemplates(NUMBER.wabaId, { name: 'alpha', status: 'APPROVED' });
    expect(filtered.data.map((t) => t.name)).toEqual(['alpha_one', 'alpha_two']);
    expect(filtered.data[0]?.components?.map((c) => c.type)).toEqual(['HEADER', 'BODY', 'FOOTER', 'BUTTONS']);
    const bad = await refusal(f.client.listTemplates(NUMBER.wabaId, { fields: ['name', 'colour'] }));
    expect(bad.details).toContain('colour');
  });

  it('edits a rejected template back into review, refuses PENDING edits and category edits of approved ones', async () => {
    f = await startClientFixture();
    const { id } = await createReviewed(
      f,
      orderTemplate({
        components: [body('Hola {{1}} {{2}} gracias por tu compra de hoy en la tienda.', ['a', 'b'])],
      }),
    );
    expect(
      await f.client.editTemplate(id, {
        components: [body('Hola {{1}}, gracias por tu compra de hoy.', ['Ana'])],
      }),
    ).toEqual({ success: true });
    expect((await f.client.getTemplate(id)).status).toBe('PENDING');
    expect((await refusal(f.client.editTemplate(id, { message_send_ttl_seconds: 600 }))).code).toBe(2388039);
    f.simulator.reviewTemplate(id);
    expect((await refusal(f.client.editTemplate(id, { category: 'MARKETING' }))).details).toContain(
      'APPROVED',
    );
    await f.client.editTemplate(id, { components: [body('Hola {{1}}, gracias por tu compra.', ['Ana'])] });
    f.simulator.reviewTemplate(id);
    const twice = await refusal(
      f.client.editTemplate(id, { components: [body('Hola {{1}}, gracias otra vez.', ['Ana'])] }),
    );
    expect(twice.details).toContain('once per 24 hours');
  });

  it('deletes one language by hsm_id, or every language by name', async () => {
    f = await startClientFixture();
    const es = await createReviewed(f, orderTemplate());
    await createReviewed(f, orderTemplate({ language: 'en_US' }));
    await createReviewed(f, namedTemplate());
    await f.client.deleteTemplate(NUMBER.wabaId, { name: 'order_update', hsmId: es.id });
    expect(f.simulator.templates(NUMBER.wabaId).map((t) => `${t.name}/${t.language}`)).toEqual([
      'order_update/en_US',
      'welcome_named/en',
    ]);
    await f.client.deleteTemplate(NUMBER.wabaId, { name: 'order_update' });
    expect(f.simulator.templates(NUMBER.wabaId).map((t) => t.name)).toEqual(['welcome_named']);
    expect((await refusal(f.client.deleteTemplate(NUMBER.wabaId, { name: 'order_update' }))).code).toBe(100);
    // An approved name stays taken for 30 days after deletion (§4.3).
    expect((await refusal(f.client.createTemplate(NUMBER.wabaId, orderTemplate()))).details).toContain(
      '30 days',
    );
  });

  it('hides a template from the token of another business', async () => {
    f = await startClientFixture();
    const { id } = await createReviewed(f, orderTemplate());
    f.simulator.registerNumber({
      ...NUMBER,
      phoneNumberId: '200000000000001',
      displayPhoneNumber: '+52 55 5000 0009',
      wabaId: '300000000000001',
      accessToken: 'other-token',
      webhookUrl: f.receiver.url,
    });
    const response = await fetch(`${f.baseUrl}/v25.0/${id}?fields=name`, {
      headers: { authorization: 'Bearer other-token' },
    });
    const json = (await response.json()) as { error: { code: number; message: string } };
    expect(response.status).toBe(400);
    expect(json.error.code).toBe(100);
    expect(json.error.message).toContain(`Object with ID '${id}'`);
    expect((await f.client.getTemplate(id, ['name'])).name).toBe('order_update');
  });

  it('takes a media header sample through a resumable upload session', async () => {
    f = await startClientFixture();
    const bytes = new Uint8Array([0x89, 0x50, 0x4e, 0x47, 1, 2, 3]);
    const session = await f.client.createUploadSession('app-1', {
      fileLength: bytes.length,
      fileType: 'image/png',
      fileName: 'menu.png',
    });
    expect(session.id).toMatch(/^upload:/);
    const { h } = await f.client.uploadFileToSession(session.id, bytes);
    expect(h).toMatch(/^4::/);
    const created = await f.client.createTemplate(
      NUMBER.wabaId,
      orderTemplate({
        name: 'menu',
        components: [
          { type: 'HEADER', format: 'IMAGE', example: { header_handle: [h] } },
          body('Nuestro menú de hoy.'),
        ],
      }),
    );
    expect(created.status).toBe('PENDING');
    const wrongSize = await f.client.createUploadSession('app-1', {
      fileLength: 99,
      fileType: 'image/png',
      fileName: 'x.png',
    });
    expect((await refusal(f.client.uploadFileToSession(wrongSize.id, bytes))).details).toContain(
      'file_length 99',
    );
  });
});
