import { describe, expect, it } from 'vitest';
import { SendTemplateRequestSchema } from './outbound';
import {
  CreateTemplateRequestSchema,
  PhoneNumberLimitsResponseSchema,
  TemplateListSchema,
} from './templates';

describe('template management schemas', () => {
  it('reads the §4.2 named example and answers upper-case types', () => {
    const parsed = CreateTemplateRequestSchema.parse({
      name: 'order_confirmation',
      language: 'en_US',
      category: 'utility',
      parameter_format: 'named',
      components: [
        {
          type: 'header',
          format: 'text',
          text: 'Order {{order_number}}',
          example: { header_text_named_params: [{ param_name: 'order_number', example: '860198' }] },
        },
        {
          type: 'BODY',
          text: 'Thank you, {{first_name}}!',
          example: { body_text_named_params: [{ param_name: 'first_name', example: 'Pablo' }] },
        },
        { type: 'FOOTER', text: 'Lucky Shrub' },
        {
          type: 'BUTTONS',
          buttons: [
            { type: 'QUICK_REPLY', text: 'Stop updates' },
            { type: 'URL', text: 'Track', url: 'https://x.com/track/{{1}}', example: ['abc123'] },
            { type: 'PHONE_NUMBER', text: 'Call us', phone_number: '15550051310' },
            { type: 'COPY_CODE', example: 'SAVE20' },
          ],
        },
      ],
    });
    expect(parsed.category).toBe('UTILITY');
    expect(parsed.parameter_format).toBe('NAMED');
    expect(parsed.components.map((c) => c.type)).toEqual(['HEADER', 'BODY', 'FOOTER', 'BUTTONS']);
  });

  it('reads positional examples with the nested body array and media handles', () => {
    const result = CreateTemplateRequestSchema.safeParse({
      name: 'menu',
      language: 'es',
      category: 'MARKETING',
      components: [
        { type: 'HEADER', format: 'IMAGE', example: { header_handle: ['4::aW1n'] } },
        { type: 'BODY', text: 'Hola {{1}}', example: { body_text: [['Ana']] } },
      ],
    });
    expect(result.success).toBe(true);
    const flat = CreateTemplateRequestSchema.safeParse({
      name: 'menu',
      language: 'es',
      category: 'MARKETING',
      components: [{ type: 'BODY', text: 'Hola {{1}}', example: { body_text: ['Ana'] } }],
    });
    expect(flat.success).toBe(false);
  });

  it('reads a list page and the number limits', () => {
    const page = TemplateListSchema.parse({
      data: [{ name: 'a', status: 'APPROVED', id: '1', quality_score: { score: 'GREEN' } }],
      paging: { cursors: { before: 'b', after: 'a' }, next: 'https://graph/next' },
    });
    expect(page.data[0]?.quality_score?.score).toBe('GREEN');
    expect(
      PhoneNumberLimitsResponseSchema.safeParse({
        throughput: { level: 'STANDARD' },
        whatsapp_business_manager_messaging_limit: 'TIER_9',
      }).success,
    ).toBe(false);
  });
});

describe('SendTemplateRequestSchema', () => {
  const send = (components: unknown[]) => ({
    messaging_product: 'whatsapp',
    to: '+16505551234',
    type: 'template',
    template: {
      name: 'order_confirmation',
      language: { code: 'en_US', policy: 'deterministic' },
      components,
    },
  });

  it('accepts the §2.9 example with media, currency, date, named text and buttons', () => {
    const result = SendTemplateRequestSchema.safeParse(
      send([
        { type: 'header', parameters: [{ type: 'image', image: { id: '123' } }] },
        {
          type: 'body',
          parameters: [
            { type: 'text', text: 'Jessica', parameter_name: 'first_name' },
            { type: 'currency', currency: { fallback_value: '$19.99', code: 'USD', amount_1000: 19990 } },
            { type: 'date_time', date_time: { fallback_value: 'August 5, 2025' } },
          ],
        },
        {
          type: 'button',
          sub_type: 'quick_reply',
          index: '0',
          parameters: [{ type: 'payload', payload: 'STOP' }],
        },
        { type: 'button', sub_type: 'url', index: '1', parameters: [{ type: 'text', text: 'order%2F123' }] },
        {
          type: 'button',
          sub_type: 'copy_code',
          index: 2,
          parameters: [{ type: 'coupon_code', coupon_code: 'X1' }],
        },
      ]),
    );
    expect(result.success).toBe(true);
  });

  it.each([
    [
      'an upper-case parameter_name',
      [{ type: 'body', parameters: [{ type: 'text', text: 'a', parameter_name: 'First' }] }],
    ],
    ['an unknown component type', [{ type: 'footer', parameters: [] }]],
    ['a button without index', [{ type: 'button', sub_type: 'quick_reply', parameters: [] }]],
    ['a negative index', [{ type: 'button', sub_type: 'url', index: '-1' }]],
  ])('refuses %s', (_label, components) => {
    expect(SendTemplateRequestSchema.safeParse(send(components)).success).toBe(false);
  });
});
