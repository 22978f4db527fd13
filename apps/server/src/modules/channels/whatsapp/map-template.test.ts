import type { TemplateDraft, TemplateMessage } from '@charla/contracts';
import { renderTemplate } from '@charla/contracts/template-rules';
import { describe, expect, it } from 'vitest';
import { fromTemplateInfo, toTemplateRequest } from './map-template';
import { toCloudTemplate } from './map-template-message';

const named: TemplateDraft = {
  name: 'order_confirmation',
  language: 'en_US',
  category: 'utility',
  parameterFormat: 'named',
  header: { format: 'text', text: 'Order {{order_number}}', example: '860198' },
  body: 'Thank you, {{first_name}}! Your order {{order_number}} is confirmed.',
  bodyExamples: { first_name: 'Pablo', order_number: '860198' },
  footer: 'Lucky Shrub',
  buttons: [
    { type: 'quick_reply', text: 'Stop updates' },
    { type: 'url', text: 'Track', url: 'https://x.com/track/{{1}}', example: 'abc123' },
    { type: 'phone_number', text: 'Call us', phoneNumber: '+1 555 005 1310' },
    { type: 'copy_code', example: 'SAVE10' },
  ],
};

const positional: TemplateDraft = {
  ...named,
  parameterFormat: 'positional',
  header: { format: 'text', text: 'Order {{1}}', example: '860198' },
  body: 'Hi {{1}}, your order {{2}} is confirmed.',
  bodyExamples: { 1: 'Pablo', 2: '860198' },
  buttons: [],
  footer: null,
};

describe('toTemplateRequest: the creation body of reference §4.2', () => {
  it('maps a named template with every kind of button', () => {
    expect(toTemplateRequest(named, null)).toEqual({
      name: 'order_confirmation',
      language: 'en_US',
      category: 'UTILITY',
      parameter_format: 'NAMED',
      components: [
        {
          type: 'HEADER',
          format: 'TEXT',
          text: 'Order {{order_number}}',
          example: { header_text_named_params: [{ param_name: 'order_number', example: '860198' }] },
        },
        {
          type: 'BODY',
          text: 'Thank you, {{first_name}}! Your order {{order_number}} is confirmed.',
          example: {
            body_text_named_params: [
              { param_name: 'first_name', example: 'Pablo' },
              { param_name: 'order_number', example: '860198' },
            ],
          },
        },
        { type: 'FOOTER', text: 'Lucky Shrub' },
        {
          type: 'BUTTONS',
          buttons: [
            { type: 'QUICK_REPLY', text: 'Stop updates' },
            { type: 'URL', text: 'Track', url: 'https://x.com/track/{{1}}', example: ['abc123'] },
            { type: 'PHONE_NUMBER', text: 'Call us', phone_number: '15550051310' },
            { type: 'COPY_CODE', example: 'SAVE10' },
          ],
        },
      ],
    });
  });

  it('uses the nested positional examples and a media header handle', () => {
    const request = toTemplateRequest(
      { ...positional, header: { format: 'image', exampleMediaId: 'm1' } },
      '4::aGFuZGxl',
    );
    expect(request.parameter_format).toBe('POSITIONAL');
    expect(request.components).toEqual([
      { type: 'HEADER', format: 'IMAGE', example: { header_handle: ['4::aGFuZGxl'] } },
      { type: 'BODY', text: positional.body, example: { body_text: [['Pablo', '860198']] } },
    ]);
    expect(toTemplateRequest(positional, null).components[0]).toEqual({
      type: 'HEADER',
      format: 'TEXT',
      text: 'Order {{1}}',
      example: { header_text: ['860198'] },
    });
  });
});

describe('fromTemplateInfo: a listed template back in Charla terms', () => {
  it('round-trips the components and reads status, quality and rejection', () => {
    const request = toTemplateRequest(named, null);
    const remote = fromTemplateInfo({
      id: '1627019861106475',
      name: request.name,
      language: request.language,
      status: 'REJECTED',
      category: 'UTILITY',
      parameter_format: 'NAMED',
      components: request.components as { type: string }[],
      rejected_reason: 'INVALID_FORMAT',
      quality_score: { score: 'YELLOW' },
    });
    expect(remote).toMatchObject({
      externalId: '1627019861106475',
      status: 'rejected',
      quality: 'yellow',
      rejection: { reason: 'INVALID_FORMAT', detail: null },
    });
    expect(remote?.draft).toEqual({
      ...named,
      buttons: named.buttons.map((b) =>
        b.type === 'phone_number' ? { ...b, phoneNumber: '15550051310' } : b,
      ),
    });
  });

  it('keeps a template whose components Charla cannot show, without a draft', () => {
    const remote = fromTemplateInfo({
      id: '1',
      name: 'carousel_promo',
      language: 'en',
      status: 'APPROVED',
      category: 'MARKETING',
      components: [{ type: 'CAROUSEL' }],
    });
    expect(remote).toMatchObject({ status: 'approved', category: 'marketing', draft: null });
  });
});

describe('toCloudTemplate: the send of reference §2.9', () => {
  const message = (draft: TemplateDraft, values: TemplateMessage['values']): TemplateMessage => ({
    templateId: 't1',
    ...renderTemplate(draft, values),
  });

  it('sends named parameters with their names, the URL suffix and the coupon code', () => {
    const values = {
      header: '42',
      headerMediaId: null,
      body: { first_name: 'Lucía', order_number: '42' },
      buttons: { 1: 'o%2F42', 3: 'LUNA10' },
    };
    expect(toCloudTemplate(message(named, values), null)).toEqual({
      name: 'order_confirmation',
      language: { code: 'en_US' },
      components: [
        { type: 'header', parameters: [{ type: 'text', text: '42', parameter_name: 'order_number' }] },
        {
          type: 'body',
          parameters: [
            { type: 'text', text: 'Lucía', parameter_name: 'first_name' },
            { type: 'text', text: '42', parameter_name: 'order_number' },
          ],
        },
        { type: 'button', sub_type: 'url', index: '1', parameters: [{ type: 'text', text: 'o%2F42' }] },
        {
          type: 'button',
          sub_type: 'copy_code',
          index: '3',
          parameters: [{ type: 'coupon_code', coupon_code: 'LUNA10' }],
        },
      ],
    });
  });

  it('sends positional parameters in order, and a media header by its uploaded id', () => {
    const draft = { ...positional, header: { format: 'document' as const, exampleMediaId: 'm' } };
    const values = {
      header: null,
      headerMediaId: 'charla-media',
      body: { 2: '860198', 1: 'Pablo' },
      buttons: {},
    };
    expect(toCloudTemplate(message(draft, values), 'meta-media-id').components).toEqual([
      { type: 'header', parameters: [{ type: 'document', document: { id: 'meta-media-id' } }] },
      {
        type: 'body',
        parameters: [
          { type: 'text', text: 'Pablo' },
          { type: 'text', text: '860198' },
        ],
      },
    ]);
  });

  it('sends no components for a template without variables', () => {
    const plain = { ...positional, header: null, body: 'Your order is confirmed.', bodyExamples: {} };
    expect(
      toCloudTemplate(message(plain, { header: null, headerMediaId: null, body: {}, buttons: {} }), null),
    ).toEqual({
      name: 'order_confirmation',
      language: { code: 'en_US' },
    });
  });
});
