import type { CreateTemplateRequest } from '@charla/cloud-api';
import type { ClientFixture } from './client-fixture';
import { NUMBER } from './sandbox-fixture';

/** A positional UTILITY template with every component kind. */
export function orderTemplate(overrides: Partial<CreateTemplateRequest> = {}): CreateTemplateRequest {
  return {
    name: 'order_update',
    language: 'es_MX',
    category: 'UTILITY',
    components: [
      { type: 'HEADER', format: 'TEXT', text: 'Pedido {{1}}', example: { header_text: ['860198'] } },
      {
        type: 'BODY',
        text: 'Hola {{1}}, tu pedido {{2}} ya va en camino a tu casa.',
        example: { body_text: [['Ana', '860198']] },
      },
      { type: 'FOOTER', text: 'Tacos Ana' },
      {
        type: 'BUTTONS',
        buttons: [
          { type: 'QUICK_REPLY', text: 'Gracias' },
          { type: 'URL', text: 'Rastrear', url: 'https://tacos.example/track/{{1}}', example: ['abc123'] },
        ],
      },
    ],
    ...overrides,
  };
}

/** A NAMED template (§2.9): parameters are matched by `parameter_name`. */
export function namedTemplate(overrides: Partial<CreateTemplateRequest> = {}): CreateTemplateRequest {
  return {
    name: 'welcome_named',
    language: 'en',
    category: 'MARKETING',
    parameter_format: 'NAMED',
    components: [
      {
        type: 'BODY',
        text: 'Hi {{first_name}}, your table at our place is ready since {{time}} today.',
        example: {
          body_text_named_params: [
            { param_name: 'first_name', example: 'Ana' },
            { param_name: 'time', example: '8 pm' },
          ],
        },
      },
    ],
    ...overrides,
  };
}

/** Creates a template and runs Meta's review at once; returns its id and final status. */
export async function createReviewed(f: ClientFixture, body: CreateTemplateRequest) {
  const created = await f.client.createTemplate(NUMBER.wabaId, body);
  const reviewed = f.simulator.reviewTemplate(created.id);
  return { id: created.id, status: reviewed?.status, category: reviewed?.category };
}

export function orderSend(to: string, overrides: Record<string, unknown> = {}) {
  return {
    messaging_product: 'whatsapp' as const,
    to,
    type: 'template' as const,
    template: {
      name: 'order_update',
      language: { code: 'es_MX' },
      components: [
        { type: 'header' as const, parameters: [{ type: 'text' as const, text: '860198' }] },
        {
          type: 'body' as const,
          parameters: [
            { type: 'text' as const, text: 'Ana' },
            { type: 'text' as const, text: '860198' },
          ],
        },
        {
          type: 'button' as const,
          sub_type: 'quick_reply' as const,
          index: '0',
          parameters: [{ type: 'payload' as const, payload: 'THANKS_860198' }],
        },
        {
          type: 'button' as const,
          sub_type: 'url' as const,
          index: '1',
          parameters: [{ type: 'text' as const, text: 'abc123' }],
        },
      ],
      ...overrides,
    },
  };
}
